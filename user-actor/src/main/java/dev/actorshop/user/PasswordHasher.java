package dev.actorshop.user;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt through at.favre.lib:bcrypt. Slow by design: call it on the crypto dispatcher. */
public final class PasswordHasher {
  /** Compared against when the user does not exist, so both answers take as long. */
  private final String decoy;
  private final int cost;

  public PasswordHasher(int cost) {
    this.cost = cost;
    this.decoy = hash("decoy-password-never-used");
  }

  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
  }

  public boolean verify(String password, String hashOrNull) {
    String hash = hashOrNull == null ? decoy : hashOrNull;
    boolean verified = BCrypt.verifyer()
        .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
        .verified;
    return verified && hashOrNull != null;
  }
}
