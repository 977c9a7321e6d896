package dev.actorshop.product;

/** Why {@link Products} refused a request; the HTTP layer maps each reason to a status. */
public final class ProductException extends RuntimeException {
  public enum Reason {
    /** A field is malformed or out of range; {@link #field()} names it. */
    INVALID_INPUT,
    UNKNOWN_PRODUCT,
    /** The request is well-formed but the product's state refuses it (e.g. stock below allocations). */
    CONFLICT
  }

  private final Reason reason;
  private final String field;

  public ProductException(Reason reason, String field, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.field = field;
  }

  public static ProductException invalid(String field, String problem) {
    return new ProductException(Reason.INVALID_INPUT, field, field + " " + problem);
  }

  public Reason reason() {
    return reason;
  }

  /** The offending field, when there is one; else null. */
  public String field() {
    return field;
  }
}
