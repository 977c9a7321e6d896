package dev.actorshop.product;

import akka.pattern.StatusReply;

/**
 * The machine-readable start of a refused reservation's or order command's error message
 * ({@code "<code>: <text>"}), so the edges can map it to a status without parsing prose.
 */
public enum Refusal {
  NO_SALE, NOT_STARTED, ENDED, WRONG_CODE, QUANTITY, ALREADY_BOUGHT, SOLD_OUT, OVERLOADED,
  UNKNOWN_ORDER, PAYMENT_EXPIRED, ALREADY_PAID, RELEASED, NOT_DUE, ALLOCATION,
  /** The sale is archived: its orders are only in the orders table (the flash-sale module reads them there). */
  ARCHIVED,
  /** A sale cannot be archived before it has ended with every order paid or released. */
  NOT_SETTLED,
  /** A reservation's order id is already another user's order (ids come from the server, so a bug or a forgery). */
  ORDER_ID_TAKEN;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  <T> StatusReply<T> reply(String text) {
    return StatusReply.error(code() + ": " + text);
  }
}
