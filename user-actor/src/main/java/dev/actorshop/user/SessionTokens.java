package dev.actorshop.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Bearer tokens: {@code <userId>.<256 random bits, base64url>}. The user id routes validation to
 * the one entity that knows the live session; only the SHA-256 of a token is ever persisted.
 */
public final class SessionTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int RANDOM_BYTES = 32;
  /** 32 bytes in unpadded base64url. */
  private static final int RANDOM_CHARS = 43;

  private SessionTokens() {}

  public static String newToken(String userId) {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return userId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The user id a well-formed token names; empty for anything else, so that garbage never wakes
   * an entity (and reads its journal) on behalf of an unauthenticated caller.
   */
  public static Optional<String> userIdOf(String token) {
    int dot = token.lastIndexOf('.');
    if (dot <= 0 || token.length() - dot - 1 != RANDOM_CHARS) return Optional.empty();
    String userId = token.substring(0, dot);
    boolean wellFormed = UserValidation.usernameProblem(userId).isEmpty()
        && userId.equals(UserValidation.userIdOf(userId))
        && token.chars().skip(dot + 1).allMatch(SessionTokens::isBase64Url);
    return wellFormed ? Optional.of(userId) : Optional.empty();
  }

  private static boolean isBase64Url(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  public static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
