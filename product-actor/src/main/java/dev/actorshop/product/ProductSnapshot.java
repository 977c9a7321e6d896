package dev.actorshop.product;

import akka.persistence.typed.SnapshotAdapter;
import dev.actorshop.conf.CborSerializable;
import dev.actorshop.product.ProductEntity.Catalogue;
import dev.actorshop.product.ProductEntity.State;
import dev.actorshop.product.SaleStock.Order;
import dev.actorshop.product.SaleStock.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A product's state as its snapshot stores it. A hot product's state holds every order of its
 * sales, so the snapshot is written column by column: what an order shares with its sale (sale,
 * product, price) is not repeated, times are epoch nanoseconds, a paid or released order adds a
 * sparse entry, and the buyer set is not stored at all (it is the users of the orders that are not
 * released). That is about a fifth of the bytes of the state's own shape, and as much less work to
 * write while the product waits for its snapshot.
 *
 * <p>Snapshots written before this shape existed hold the {@link State} itself; the adapter still
 * reads them.
 */
public record ProductSnapshot(String productId, Catalogue catalogue, long stock, List<Sale> sales,
                              List<String> recentStockEventIds, Instant createdAt, Instant updatedAt)
    implements CborSerializable {

  /** One sale's stock and its orders; order {@code i} is {@code orderIds[i]}, {@code userIds[i]}, … */
  public record Sale(String saleId, long allocated, long remaining, long reservedTotal, long releasedTotal,
                     BigDecimal price, int perUserLimit, String code, Instant startsAt, Instant endsAt,
                     List<String> orderIds, List<String> userIds, int[] quantities, long[] reservedAtNanos,
                     long[] expiresAtNanos, List<Closed> closed, boolean archived) {}

  /** Order {@code index} of its sale is paid or released ({@code reason}: why it was released). */
  public record Closed(int index, OrderStatus status, String reason, long atNanos) {}

  /** The snapshot adapter of product {@code productId}'s entity. */
  static SnapshotAdapter<State> adapter(String productId) {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(State state) {
        return of(productId, state);
      }

      @Override
      public State fromJournal(Object from) {
        return from instanceof ProductSnapshot snapshot ? snapshot.state() : (State) from;
      }
    };
  }

  static ProductSnapshot of(String productId, State state) {
    List<Sale> sales = new ArrayList<>(state.sales().size());
    for (SaleStock s : state.sales().values()) sales.add(columns(s));
    return new ProductSnapshot(productId, state.catalogue(), state.stock(), sales, state.recentStockEventIds(),
        state.createdAt(), state.updatedAt());
  }

  State state() {
    Map<String, SaleStock> byId = new HashMap<>();
    for (Sale s : sales) byId.put(s.saleId(), rows(s));
    return new State(catalogue, stock, byId, recentStockEventIds, createdAt, updatedAt);
  }

  private static Sale columns(SaleStock s) {
    int n = s.orders().size();
    List<String> orderIds = new ArrayList<>(n);
    List<String> userIds = new ArrayList<>(n);
    int[] quantities = new int[n];
    long[] reservedAt = new long[n];
    long[] expiresAt = new long[n];
    List<Closed> closed = new ArrayList<>();
    int i = 0;
    for (Order o : s.orders().values()) {
      orderIds.add(o.orderId());
      userIds.add(o.userId());
      quantities[i] = o.quantity();
      reservedAt[i] = nanos(o.reservedAt());
      expiresAt[i] = nanos(o.expiresAt());
      if (o.status() != OrderStatus.RESERVED) closed.add(new Closed(i, o.status(), o.reason(), nanos(o.closedAt())));
      i++;
    }
    return new Sale(s.saleId(), s.allocated(), s.remaining(), s.reservedTotal(), s.releasedTotal(), s.price(),
        s.perUserLimit(), s.code(), s.startsAt(), s.endsAt(), orderIds, userIds, quantities, reservedAt, expiresAt,
        closed, s.archived());
  }

  private SaleStock rows(Sale s) {
    int n = s.orderIds().size();
    Order[] orders = new Order[n];
    for (int i = 0; i < n; i++) {
      orders[i] = new Order(s.orderIds().get(i), s.saleId(), productId, s.userIds().get(i), s.quantities()[i],
          s.price(), instant(s.reservedAtNanos()[i]), instant(s.expiresAtNanos()[i]), OrderStatus.RESERVED, null,
          null);
    }
    for (Closed c : s.closed()) {
      orders[c.index()] = orders[c.index()].closed(c.status(), c.reason(), instant(c.atNanos()));
    }
    Map<String, Order> byId = new HashMap<>(n * 2);
    Map<String, String> buyers = new HashMap<>(n * 2);
    for (Order o : orders) {
      byId.put(o.orderId(), o);
      if (o.status() != OrderStatus.RELEASED) buyers.put(o.userId(), o.orderId());
    }
    return new SaleStock(s.saleId(), s.allocated(), s.remaining(), s.reservedTotal(), s.releasedTotal(), s.price(),
        s.perUserLimit(), s.code(), s.startsAt(), s.endsAt(), buyers, byId, s.archived());
  }

  private static long nanos(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
