package dev.actorshop.user;

/** Why {@link Users} refused a request; the HTTP layer maps each reason to a status. */
public final class UserException extends RuntimeException {
  public enum Reason {
    /** A field is malformed or out of range; {@link #field()} names it. */
    INVALID_INPUT,
    USERNAME_TAKEN,
    /** Unknown user or wrong password: deliberately not told apart. */
    INVALID_CREDENTIALS,
    INVALID_TOKEN,
    UNKNOWN_USER
  }

  private final Reason reason;
  private final String field;

  public UserException(Reason reason, String field, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.field = field;
  }

  public UserException(Reason reason, String message) {
    this(reason, null, message);
  }

  public static UserException invalid(String field, String problem) {
    return new UserException(Reason.INVALID_INPUT, field, field + " " + problem);
  }

  public Reason reason() {
    return reason;
  }

  /** The offending field for {@link Reason#INVALID_INPUT}, else null. */
  public String field() {
    return field;
  }
}
