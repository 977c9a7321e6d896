package dev.actorshop.product;

import akka.pattern.StatusReply;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.actorshop.conf.CborSerializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The stock one product has set aside for one sale, and the orders taken against it.
 *
 * <p>Mutable, on purpose: a hot sale holds hundreds of thousands of orders, and here a reservation
 * is two hash-map inserts, where persistent maps cost two tree inserts of O(log n) new nodes each,
 * done twice (command and event handler) on the single writer's thread. Only the product's event
 * handler changes it ({@link #reserve}, {@link #paid}, {@link #released}); the command handler checks
 * a group-commit batch against a {@link Batch}, which leaves the sale alone; the snapshot adapter
 * copies it to columns on the entity's thread before the snapshot store sees it
 * ({@link ProductSnapshot}). Nothing outside the entity holds it; replies carry immutable
 * {@link Order}s and views.
 *
 * <p>Invariant: {@code remaining + reservedTotal - releasedTotal == allocated}, and {@code buyers}
 * holds exactly the users whose order is not released.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
public final class SaleStock implements CborSerializable {
  private final String saleId;
  private final long allocated;
  private long remaining;
  private long reservedTotal;
  private long releasedTotal;
  private final BigDecimal price;
  private final int perUserLimit;
  private final String code;
  private final Instant startsAt;
  private final Instant endsAt;
  /** userId → orderId of the user's live (reserved or paid) order. */
  private Map<String, String> buyers;
  /** orderId → order, live and released. */
  private Map<String, Order> orders;
  /**
   * The sale is over and settled: every order paid or released, and the orders table holds them
   * all. The orders and buyers are dropped from the state; only the figures stay.
   */
  private boolean archived;
  /**
   * The reserved (unpaid) orders by payment deadline, so the orders due are found without a scan
   * or a database index: derived from {@code orders} (rebuilt from a snapshot, not stored). One
   * entry per deadline, and a reservation batch shares one, so there are about as many entries as
   * {@link ProductEntity.Reserved} events; an entry goes when none of its orders is reserved any more.
   */
  @JsonIgnore
  private final TreeMap<Instant, Due> due = new TreeMap<>();
  /** How many orders are reserved and not yet paid or released. */
  @JsonIgnore
  private long unpaid;

  /** The orders reserved with one payment deadline; {@code reserved} of them are still unpaid. */
  private static final class Due {
    private final List<String> orderIds = new ArrayList<>();
    private int reserved;
  }

  public enum OrderStatus { RESERVED, PAID, RELEASED }

  /** One order of one user for one sale item. {@code reason}: why it was released (cancelled, expired). */
  public record Order(String orderId, String saleId, String productId, String userId, int quantity, BigDecimal price,
                      Instant reservedAt, Instant expiresAt, OrderStatus status, String reason, Instant closedAt)
      implements CborSerializable {

    Order closed(OrderStatus status, String reason, Instant at) {
      return new Order(orderId, saleId, productId, userId, quantity, price, reservedAt, expiresAt, status, reason, at);
    }
  }

  /** Takes copies of the maps. */
  @JsonCreator
  public SaleStock(String saleId, long allocated, long remaining, long reservedTotal, long releasedTotal,
                   BigDecimal price, int perUserLimit, String code, Instant startsAt, Instant endsAt,
                   Map<String, String> buyers, Map<String, Order> orders, boolean archived) {
    this.saleId = saleId;
    this.allocated = allocated;
    this.remaining = remaining;
    this.reservedTotal = reservedTotal;
    this.releasedTotal = releasedTotal;
    this.price = price;
    this.perUserLimit = perUserLimit;
    this.code = code;
    this.startsAt = startsAt;
    this.endsAt = endsAt;
    this.buyers = new HashMap<>(buyers);
    this.orders = new HashMap<>(orders);
    this.archived = archived;
    for (Order o : this.orders.values()) {
      if (o.status() == OrderStatus.RESERVED) awaitPayment(o);
    }
  }

  static SaleStock allocated(String saleId, long quantity, BigDecimal price, int perUserLimit, String code,
                             Instant startsAt, Instant endsAt) {
    return new SaleStock(saleId, quantity, quantity, 0, 0, price, perUserLimit, code, startsAt, endsAt, Map.of(),
        Map.of(), false);
  }

  public String saleId() { return saleId; }
  public long allocated() { return allocated; }
  public long remaining() { return remaining; }
  public long reservedTotal() { return reservedTotal; }
  public long releasedTotal() { return releasedTotal; }
  public BigDecimal price() { return price; }
  public int perUserLimit() { return perUserLimit; }
  public String code() { return code; }
  public Instant startsAt() { return startsAt; }
  public Instant endsAt() { return endsAt; }

  /** userId → orderId of every live order (read-only view). */
  public Map<String, String> buyers() {
    return Collections.unmodifiableMap(buyers);
  }

  /** orderId → order, live and released (read-only view). */
  public Map<String, Order> orders() {
    return Collections.unmodifiableMap(orders);
  }

  Order order(String orderId) {
    return orders.get(orderId);
  }

  /** Settled and archived: its orders are only in the orders table (see {@link #archive}). */
  public boolean archived() {
    return archived;
  }

  /** How many orders wait for their payment (reserved, not paid or released). */
  public long unpaid() {
    return unpaid;
  }

  /** The earliest payment deadline of an unpaid order; null if none waits. */
  public Instant nextDue() {
    return due.isEmpty() ? null : due.firstKey();
  }

  /**
   * The reservations of one group-commit batch, each checked against the sale as the earlier ones in
   * the batch left it, without changing the sale (the event handler does, once the batch is written).
   */
  final class Batch {
    private long left = remaining;
    /** Buyer slots taken (the order id) or freed (null) in this batch. */
    private final Map<String, String> newBuyers = new HashMap<>();
    private final Map<String, Order> newOrders = new HashMap<>();

    /** An order of this sale, taken before or earlier in this batch; null if none. */
    Order order(String orderId) {
      Order taken = newOrders.get(orderId);
      return taken != null ? taken : orders.get(orderId);
    }

    /**
     * Up to {@code max} orders still reserved (as this batch sees them) whose payment deadline is not
     * after {@code now}, earliest deadline first.
     */
    List<Order> due(Instant now, int max) {
      List<Order> found = new ArrayList<>();
      for (Due d : SaleStock.this.due.headMap(now, true).values()) {
        for (String orderId : d.orderIds) {
          Order o = order(orderId);
          if (o.status() == OrderStatus.RESERVED) {
            if (found.size() == max) return found;
            found.add(o);
          }
        }
      }
      return found;
    }

    /** Why this user's order must be refused now, or null: window, code, quantity, buyer slot, stock. */
    StatusReply<Order> refusal(String userId, int quantity, String code, Instant now) {
      String existing = newBuyers.containsKey(userId) ? newBuyers.get(userId) : buyers.get(userId);
      return SaleStock.this.refusal(userId, quantity, code, now, left, existing);
    }

    void take(Order order) {
      left -= order.quantity();
      newBuyers.put(order.userId(), order.orderId());
      newOrders.put(order.orderId(), order);
    }

    /** A payment earlier in the batch. */
    void paid(Order order) {
      newOrders.put(order.orderId(), order);
    }

    /** A release earlier in the batch: its units and its buyer's slot are free for the rest of it. */
    void released(Order order) {
      left += order.quantity();
      newBuyers.put(order.userId(), null);
      newOrders.put(order.orderId(), order);
    }
  }

  Batch batch() {
    return new Batch();
  }

  private StatusReply<Order> refusal(String userId, int quantity, String code, Instant now, long left,
                                     String existing) {
    if (now.isBefore(startsAt)) return Refusal.NOT_STARTED.reply("the sale starts at " + startsAt);
    if (!now.isBefore(endsAt)) return Refusal.ENDED.reply("the sale ended at " + endsAt);
    if (code == null || !MessageDigest.isEqual(code.getBytes(StandardCharsets.UTF_8),
        this.code.getBytes(StandardCharsets.UTF_8))) {
      return Refusal.WRONG_CODE.reply("the purchase code is wrong; fetch it again");
    }
    if (quantity < 1 || quantity > perUserLimit) return Refusal.QUANTITY.reply("quantity must be 1 to " + perUserLimit);
    if (existing != null) return Refusal.ALREADY_BOUGHT.reply("you already ordered this item in this sale: " + existing);
    if (left < quantity) return Refusal.SOLD_OUT.reply(left == 0 ? "sold out" : "only " + left + " left");
    return null;
  }

  // Event handler only, below: each changes this sale and returns it.

  SaleStock reserve(Order order) {
    remaining -= order.quantity();
    reservedTotal += order.quantity();
    buyers.put(order.userId(), order.orderId());
    orders.put(order.orderId(), order);
    awaitPayment(order);
    return this;
  }

  SaleStock paid(String orderId, Instant at) {
    Order o = orders.get(orderId);
    settled(o);
    orders.put(orderId, o.closed(OrderStatus.PAID, null, at));
    return this;
  }

  /** The stock comes back and the buyer slot is free again. */
  SaleStock released(String orderId, String reason, Instant at) {
    Order o = orders.get(orderId);
    settled(o);
    orders.put(orderId, o.closed(OrderStatus.RELEASED, reason, at));
    remaining += o.quantity();
    releasedTotal += o.quantity();
    buyers.remove(o.userId());
    return this;
  }

  /** The sale's orders and buyers go; its figures stay (see {@link #archived()}). */
  SaleStock archive() {
    orders = new HashMap<>();   // new, not cleared: a cleared map keeps its table (16 MB at 1M orders)
    buyers = new HashMap<>();
    due.clear();
    unpaid = 0;
    archived = true;
    return this;
  }

  /** A reserved order joins the due index (mostly at its end: deadlines grow with time). */
  private void awaitPayment(Order o) {
    Map.Entry<Instant, Due> last = due.lastEntry();
    Due d = last != null && last.getKey().equals(o.expiresAt()) ? last.getValue()
        : due.computeIfAbsent(o.expiresAt(), at -> new Due());
    d.orderIds.add(o.orderId());
    d.reserved++;
    unpaid++;
  }

  /** A reserved order is paid or released: its deadline's entry goes with its last unpaid order. */
  private void settled(Order o) {
    if (o.status() != OrderStatus.RESERVED) return;
    Due d = due.get(o.expiresAt());
    if (--d.reserved == 0) due.remove(o.expiresAt());
    unpaid--;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SaleStock s && saleId.equals(s.saleId) && allocated == s.allocated
        && remaining == s.remaining && reservedTotal == s.reservedTotal && releasedTotal == s.releasedTotal
        && price.equals(s.price) && perUserLimit == s.perUserLimit && code.equals(s.code)
        && startsAt.equals(s.startsAt) && endsAt.equals(s.endsAt) && buyers.equals(s.buyers)
        && orders.equals(s.orders) && archived == s.archived;
  }

  @Override
  public int hashCode() {
    return Objects.hash(saleId, allocated, remaining, reservedTotal, releasedTotal);
  }

  @Override
  public String toString() {
    return "SaleStock[" + saleId + ": allocated " + allocated + ", remaining " + remaining + ", reserved "
        + reservedTotal + ", released " + releasedTotal + ", " + (archived ? "archived" : orders.size() + " orders")
        + "]";
  }
}
