package dev.actorshop.seckill;

import java.time.Duration;

/** Why {@link Sales} refused a request; the HTTP layer maps each reason to a status. */
public final class SaleException extends RuntimeException {
  public enum Reason {
    /** A field is malformed or out of range; {@link #field()} names it. */
    INVALID_INPUT,
    NOT_FOUND,
    /** The purchase code is not revealed before the sale starts. */
    NOT_STARTED,
    /** The sale has ended. */
    ENDED,
    /** The products could not set the stock aside (e.g. not enough free stock). */
    STOCK_UNAVAILABLE,
    /** Too many order requests; {@link #retryAfter()} says how long to wait. */
    RATE_LIMITED,
    /** A store or entity did not answer in time. */
    UNAVAILABLE
  }

  private final Reason reason;
  private final String field;
  private final Duration retryAfter;

  public SaleException(Reason reason, String field, String message) {
    this(reason, field, message, null);
  }

  private SaleException(Reason reason, String field, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.reason = reason;
    this.field = field;
    this.retryAfter = retryAfter;
  }

  public static SaleException invalid(String field, String problem) {
    return new SaleException(Reason.INVALID_INPUT, field, field + " " + problem);
  }

  public static SaleException rateLimited(Duration retryAfter, String scope) {
    return new SaleException(Reason.RATE_LIMITED, null,
        scope.equals("user") ? "too many orders from you; slow down" : "this node takes no more orders right now",
        retryAfter);
  }

  public Reason reason() {
    return reason;
  }

  public String field() {
    return field;
  }

  /** For {@link Reason#RATE_LIMITED}: when to try again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
