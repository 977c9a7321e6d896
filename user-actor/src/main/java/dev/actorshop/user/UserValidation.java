package dev.actorshop.user;

import dev.actorshop.contracts.ProductIds;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The account and interaction rules, in one place for the entity and for the edges that want to
 * name the offending field before asking. Each check returns the problem, or empty when fine.
 */
public final class UserValidation {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
  public static final int MIN_PASSWORD_CHARS = 10;
  /** bcrypt (version 2a) takes at most 71 bytes; longer passwords are refused, not truncated. */
  public static final int MAX_PASSWORD_BYTES = 71;
  public static final double MIN_SCORE = 0.5;
  public static final double MAX_SCORE = 5.0;

  private UserValidation() {}

  public static Optional<String> usernameProblem(String username) {
    return USERNAME.matcher(username).matches()
        ? Optional.empty()
        : Optional.of("must be 3 to 32 characters of A-Z, a-z, 0-9, '_', '.', '-'");
  }

  public static Optional<String> passwordProblem(String password) {
    if (password.length() < MIN_PASSWORD_CHARS) {
      return Optional.of("must be at least " + MIN_PASSWORD_CHARS + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      return Optional.of("must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
    }
    return Optional.empty();
  }

  public static Optional<String> scoreProblem(double score) {
    boolean halfStep = score * 2 == Math.rint(score * 2);
    return score >= MIN_SCORE && score <= MAX_SCORE && halfStep
        ? Optional.empty()
        : Optional.of("must be between 0.5 and 5.0 in steps of 0.5");
  }

  public static Optional<String> productIdProblem(String productId) {
    return ProductIds.problem(productId);
  }

  /** Usernames are unique regardless of case: the entity id is the lower-cased name. */
  public static String userIdOf(String username) {
    return username.toLowerCase(Locale.ROOT);
  }
}
