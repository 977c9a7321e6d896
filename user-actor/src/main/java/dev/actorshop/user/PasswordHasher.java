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

  /** False for an unknown user (null hash) or a password bcrypt cannot take, after the same work. */
  public boolean verify(String password, String hashOrNull) {
    byte[] candidate = password.getBytes(StandardCharsets.UTF_8);
    boolean acceptable = candidate.length <= UserValidation.MAX_PASSWORD_BYTES;
    String hash = hashOrNull == null || !acceptable ? decoy : hashOrNull;
    byte[] checked = acceptable ? candidate : "over-long-password".getBytes(StandardCharsets.UTF_8);
    boolean verified = BCrypt.verifyer().verify(checked, hash.getBytes(StandardCharsets.UTF_8)).verified;
    return verified && acceptable && hashOrNull != null;
  }
}
