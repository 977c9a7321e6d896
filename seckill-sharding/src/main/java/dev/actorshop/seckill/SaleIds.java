package dev.actorshop.seckill;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sale ids, order ids and purchase codes. An order id names its sale and product
 * ({@code <saleId>-<productId>-<nonce>}), so any node finds the entity that owns the order
 * without a lookup. The nonce starts with the time in milliseconds (so a sale's new orders land at
 * the end of the orders table's primary-key index instead of all over it) and ends with 12 random
 * characters (~61 bits) that make it unguessable. Purchase codes carry 128 random bits.
 */
public final class SaleIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();
  private static final char[] ALPHABET = "0123456789abcdefghijkmnpqrstuvwxyz".toCharArray();
  /** Sale ids and nonces: lower-case letters and digits, so the dashes of an order id stay separators. */
  private static final Pattern SALE_ID = Pattern.compile("[a-z0-9]{4,40}");
  private static final Pattern ORDER_ID = Pattern.compile("([a-z0-9]{4,40})-([A-Za-z0-9_.:-]{1,64})-([a-z0-9]{16,32})");
  /** Enough base-34 digits for epoch milliseconds until the year 3900. */
  private static final int TIME_DIGITS = 9;

  private SaleIds() {}

  public record OrderRef(String saleId, String productId, String orderId) {}

  public static String newSaleId() {
    return "s" + random(11);
  }

  public static String newOrderId(String saleId, String productId) {
    return saleId + "-" + productId + "-" + timeOrdered(System.currentTimeMillis()) + random(12);
  }

  public static String newPurchaseCode() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return URL_SAFE.encodeToString(bytes);
  }

  public static boolean isSaleId(String id) {
    return id != null && SALE_ID.matcher(id).matches();
  }

  /** The sale and product an order id names; empty for anything that is not an order id. */
  public static Optional<OrderRef> parseOrderId(String orderId) {
    if (orderId == null || orderId.length() > 160) return Optional.empty();
    Matcher m = ORDER_ID.matcher(orderId);
    return m.matches() ? Optional.of(new OrderRef(m.group(1), m.group(2), orderId)) : Optional.empty();
  }

  private static String timeOrdered(long millis) {
    char[] chars = new char[TIME_DIGITS];
    for (int i = TIME_DIGITS - 1; i >= 0; i--) {
      chars[i] = ALPHABET[(int) (millis % ALPHABET.length)];
      millis /= ALPHABET.length;
    }
    return new String(chars);
  }

  /** One draw from the SecureRandom per id (it is synchronized); the modulo's bias costs under 0.2 bits. */
  private static String random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) chars[i] = ALPHABET[(bytes[i] & 0xff) % ALPHABET.length];
    return new String(chars);
  }
}
