package dev.actorshop.product;


/** A product entity refused a sale or order command; {@link #refusal()} says why, for the status code. */
public final class SaleRefusedException extends RuntimeException {
  private final Refusal refusal;

  public SaleRefusedException(Refusal refusal, String message) {
    super(message, null, false, false);
    this.refusal = refusal;
  }

  public Refusal refusal() {
    return refusal;
  }

  /** Reads {@code "<code>: <text>"} from the entity; null when the message is not a refusal. */
  static SaleRefusedException parse(String message) {
    int colon = message.indexOf(": ");
    if (colon < 0) return null;
    String code = message.substring(0, colon);
    for (Refusal r : Refusal.values()) {
      if (r.code().equals(code)) return new SaleRefusedException(r, message.substring(colon + 2));
    }
    return null;
  }
}
