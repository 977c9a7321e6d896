package dev.actorshop.product;

import akka.pattern.StatusReply;
import dev.actorshop.conf.CborSerializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * The stock one product has set aside for one sale, and the orders taken against it. Immutable,
 * with persistent maps, so a reservation costs O(log n) however many buyers a sale has (the state
 * is handed to the snapshot store as it is, so it must never be mutated in place).
 *
 * <p>Invariant: {@code remaining + reservedTotal - releasedTotal == allocated}, and {@code buyers}
 * holds exactly the users whose order is not released.
 *
 * @param buyers userId → orderId of the user's live (reserved or paid) order
 * @param orders orderId → order, live and released
 */
public record SaleStock(String saleId, long allocated, long remaining, long reservedTotal, long releasedTotal,
                        BigDecimal price, int perUserLimit, String code, Instant startsAt, Instant endsAt,
                        Map<String, String> buyers, Map<String, Order> orders) implements CborSerializable {

  public SaleStock {
    // A snapshot is read back into plain maps: make them persistent again.
    buyers = persistent(buyers);
    orders = persistent(orders);
  }

  public enum OrderStatus { RESERVED, PAID, RELEASED }

  /** One order of one user for one sale item. {@code reason}: why it was released (cancelled, expired). */
  public record Order(String orderId, String saleId, String productId, String userId, int quantity, BigDecimal price,
                      Instant reservedAt, Instant expiresAt, OrderStatus status, String reason, Instant closedAt)
      implements CborSerializable {}

  static SaleStock allocated(String saleId, long quantity, BigDecimal price, int perUserLimit, String code,
                             Instant startsAt, Instant endsAt) {
    return new SaleStock(saleId, quantity, quantity, 0, 0, price, perUserLimit, code, startsAt, endsAt,
        HashTreePMap.empty(), HashTreePMap.empty());
  }

  /** Why this user's order must be refused now, or null: window, code, quantity, buyer slot, stock. */
  StatusReply<Order> refusal(String userId, int quantity, String code, Instant now) {
    if (now.isBefore(startsAt)) return Refusal.NOT_STARTED.reply("the sale starts at " + startsAt);
    if (!now.isBefore(endsAt)) return Refusal.ENDED.reply("the sale ended at " + endsAt);
    if (code == null || !MessageDigest.isEqual(code.getBytes(StandardCharsets.UTF_8),
        this.code.getBytes(StandardCharsets.UTF_8))) {
      return Refusal.WRONG_CODE.reply("the purchase code is wrong; fetch it again");
    }
    if (quantity < 1 || quantity > perUserLimit) return Refusal.QUANTITY.reply("quantity must be 1 to " + perUserLimit);
    String existing = buyers.get(userId);
    if (existing != null) return Refusal.ALREADY_BOUGHT.reply("you already ordered this item in this sale: " + existing);
    if (remaining < quantity) return Refusal.SOLD_OUT.reply(remaining == 0 ? "sold out" : "only " + remaining + " left");
    return null;
  }

  SaleStock reserve(Order order) {
    return new SaleStock(saleId, allocated, remaining - order.quantity(), reservedTotal + order.quantity(),
        releasedTotal, price, perUserLimit, code, startsAt, endsAt,
        ((PMap<String, String>) buyers).plus(order.userId(), order.orderId()),
        ((PMap<String, Order>) orders).plus(order.orderId(), order));
  }

  SaleStock paid(String orderId, Instant at) {
    Order o = orders.get(orderId);
    Order paid = new Order(o.orderId(), o.saleId(), o.productId(), o.userId(), o.quantity(), o.price(),
        o.reservedAt(), o.expiresAt(), OrderStatus.PAID, null, at);
    return new SaleStock(saleId, allocated, remaining, reservedTotal, releasedTotal, price, perUserLimit, code,
        startsAt, endsAt, buyers, ((PMap<String, Order>) orders).plus(orderId, paid));
  }

  /** The stock comes back and the buyer slot is free again. */
  SaleStock released(String orderId, String reason, Instant at) {
    Order o = orders.get(orderId);
    Order released = new Order(o.orderId(), o.saleId(), o.productId(), o.userId(), o.quantity(), o.price(),
        o.reservedAt(), o.expiresAt(), OrderStatus.RELEASED, reason, at);
    return new SaleStock(saleId, allocated, remaining + o.quantity(), reservedTotal, releasedTotal + o.quantity(),
        price, perUserLimit, code, startsAt, endsAt, ((PMap<String, String>) buyers).minus(o.userId()),
        ((PMap<String, Order>) orders).plus(orderId, released));
  }

  static <K, V> PMap<K, V> persistent(Map<K, V> map) {
    return map instanceof PMap<K, V> p ? p : HashTreePMap.from(map);
  }
}
