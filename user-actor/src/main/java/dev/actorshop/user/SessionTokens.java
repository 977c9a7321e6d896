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

  private SessionTokens() {}

  public static String newToken(String userId) {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return userId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The user id a well-formed token names; empty for anything else. */
  public static Optional<String> userIdOf(String token) {
    int dot = token.lastIndexOf('.');
    if (dot <= 0 || dot == token.length() - 1 || token.length() > 200) return Optional.empty();
    return Optional.of(token.substring(0, dot));
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
