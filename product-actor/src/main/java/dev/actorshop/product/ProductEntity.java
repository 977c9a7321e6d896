package dev.actorshop.product;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.pattern.StatusReply;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.SnapshotAdapter;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.RetentionCriteria;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.actorshop.conf.CborSerializable;
import dev.actorshop.product.SaleStock.Order;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * One product: catalogue data, general stock and (from the flash-sale module on) the stock
 * allocated to sales. The single writer of all of it, so stock never goes negative without a lock.
 * Rejections are {@link StatusReply} errors; nothing here throws for a caller's mistake.
 */
public final class ProductEntity
    extends EventSourcedBehaviorWithEnforcedReplies<ProductEntity.Command, ProductEntity.Event, ProductEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Product");
  /** Cluster role of the nodes that host product shards. */
  public static final String ROLE = "entities";
  /** The release reason of an order whose payment time ran out; such a release is refused before it is due. */
  public static final String EXPIRED = "expired";

  public static void init(ActorSystem<?> system, ProductSettings settings) {
    init(system, settings, ENTITY_KEY);
  }

  /**
   * Products sharded under {@code key}, each a {@link GroupCommit} in front of its event-sourced
   * writer. (A second key lets a benchmark run the same entity with other settings side by side.)
   */
  public static void init(ActorSystem<?> system, ProductSettings settings, EntityTypeKey<Command> key) {
    ClusterSharding.get(system)
        .init(Entity.of(key, ctx -> GroupCommit.create(ctx.getEntityId(), settings)).withRole(ROLE));
  }

  public static Behavior<Command> create(String productId, ProductSettings settings) {
    return new ProductEntity(productId, settings);
  }

  private final String productId;
  private final ProductSettings settings;
  private final CatalogueCommands catalogue;
  private final SaleCommands sales;

  private ProductEntity(String productId, ProductSettings settings) {
    super(
        PersistenceId.of(ENTITY_KEY.name(), productId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.productId = productId;
    this.settings = settings;
    this.catalogue = new CatalogueCommands(productId, Effect());
    this.sales = new SaleCommands(productId, settings, Effect());
  }

  // ---------------------------------------------------------------------------------------------
  // State

  /** The catalogue fields; {@code price} is null when the product has no list price. */
  public record Catalogue(String title, List<String> categories, List<String> tags, BigDecimal price,
                          Map<String, String> attributes) implements CborSerializable {}

  /**
   * {@code catalogue == null} until the product is defined. {@code sales} is the stock set aside per
   * sale id with its orders; the free stock is what is left of {@code stock}. Immutable but for each
   * sale's orders, which only the event handler changes (see {@link SaleStock}).
   */
  public record State(Catalogue catalogue, long stock, Map<String, SaleStock> sales,
                      List<String> recentStockEventIds, Instant createdAt, Instant updatedAt)
      implements CborSerializable {

    public State {
      // A snapshot of the old shape is read back into a plain map: make it persistent again.
      sales = sales instanceof PMap<String, SaleStock> p ? p : HashTreePMap.from(sales == null ? Map.of() : sales);
    }

    public static State empty() {
      return new State(null, 0, Map.of(), List.of(), null, null);
    }

    @JsonIgnore
    public boolean isDefined() {
      return catalogue != null;
    }

    @JsonIgnore
    public long allocatedStock() {
      return sales.values().stream().mapToLong(SaleStock::allocated).sum();
    }

    State withSale(SaleStock sale, Instant at) {
      return new State(catalogue, stock, ((PMap<String, SaleStock>) sales).plus(sale.saleId(), sale),
          recentStockEventIds, createdAt, at);
    }

    State withoutSale(String saleId, Instant at) {
      return new State(catalogue, stock, ((PMap<String, SaleStock>) sales).minus(saleId),
          recentStockEventIds, createdAt, at);
    }

    @JsonIgnore
    public long freeStock() {
      return stock - allocatedStock();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Commands

  public sealed interface Command extends CborSerializable {}

  /**
   * Creates the product or changes the given fields; a null field keeps its value (a new product
   * needs a title). {@code stock}, when given, sets the general stock too.
   */
  public record Define(String title, List<String> categories, List<String> tags, BigDecimal price,
                       Map<String, String> attributes, Long stock, Instant at,
                       ActorRef<StatusReply<Defined>> replyTo) implements Command {}

  public record SetStock(long stock, Instant at, ActorRef<StatusReply<ProductView>> replyTo) implements Command {}

  /** Adds {@code delta} (may be negative) to the stock; a repeated {@code eventId} applies once. */
  public record AdjustStock(long delta, String eventId, Instant at, ActorRef<StatusReply<ProductView>> replyTo)
      implements Command {}

  /** Adds the tags the product does not have yet; replies how many were new. */
  public record AddTags(List<String> tags, Instant at, ActorRef<StatusReply<Integer>> replyTo) implements Command {}

  public record Get(ActorRef<StatusReply<ProductView>> replyTo) implements Command {}

  /**
   * Sets {@code quantity} of the free stock aside for a sale. Repeating the same allocation is a
   * no-op; a different one for the same sale is refused.
   */
  public record AllocateSale(String saleId, long quantity, BigDecimal price, int perUserLimit, String code,
                             Instant startsAt, Instant endsAt, Instant at, ActorRef<StatusReply<SaleStockView>> replyTo)
      implements Command {}

  /** Undoes an allocation that has no orders yet (a sale whose creation failed); absent is fine. */
  public record CancelSaleAllocation(String saleId, Instant at, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record GetSaleStock(String saleId, ActorRef<StatusReply<SaleStockView>> replyTo) implements Command {}

  /**
   * One user's order of {@code quantity} from a running sale. Checked against the window, the
   * purchase code, the buyer set, the per-user limit and the remaining stock; answered after the
   * reservation is durable. Under load many reservations share one journal write (group commit:
   * see {@link GroupCommit}); {@code deadline} is when the caller stops waiting, after which a
   * queued reservation is dropped rather than written. Refusals: see {@link Refusal}.
   */
  public record Reserve(String saleId, String orderId, String userId, int quantity, String code, Instant deadline,
                        ActorRef<StatusReply<Order>> replyTo) implements Command {}

  /** A payment or a release: a change to one existing order, group-committed like reservations. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
  @JsonSubTypes({@JsonSubTypes.Type(value = Pay.class, name = "pay"),
                 @JsonSubTypes.Type(value = Release.class, name = "release")})
  public sealed interface Settlement extends Command permits Pay, Release {
    String saleId();

    String orderId();

    /** The caller; null for the system or an administrator. */
    String userId();

    Instant at();

    ActorRef<StatusReply<Order>> replyTo();
  }

  /** Marks a reserved order paid (before it expires). {@code userId} null: an administrator. */
  public record Pay(String saleId, String orderId, String userId, Instant at, ActorRef<StatusReply<Order>> replyTo)
      implements Settlement {}

  /**
   * Releases a reserved order (cancelled by its user, or expired unpaid): the stock comes back and
   * the buyer may order again. Idempotent. {@code userId} null: the system or an administrator.
   */
  public record Release(String saleId, String orderId, String userId, String reason, Instant at,
                        ActorRef<StatusReply<Order>> replyTo) implements Settlement {}

  /**
   * Releases this sale's reserved orders whose payment deadline is not after {@code at}, at most
   * {@code max} of them, as {@code Release(expired)} would one by one, in the same group-commit
   * write as the order commands waiting with it (after their payments: a payment that gets in
   * first wins). The product finds them itself (see {@link SaleStock#nextDue}); the expiry sweep
   * only wakes it. Answered once the releases are durable.
   */
  public record ExpireDue(String saleId, Instant at, int max, ActorRef<StatusReply<Expiry>> replyTo)
      implements Command {}

  /**
   * Drops a settled sale's orders from the state, keeping its figures: allowed once the sale has
   * ended ({@code at} after its end) and no order waits for its payment. Idempotent; a sale this
   * product does not hold is fine. Afterwards its orders are answered as {@link Refusal#ARCHIVED}
   * (the flash-sale module reads them from the orders table).
   */
  public record ArchiveSale(String saleId, Instant at, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** {@code userId} null: an administrator (any order). */
  public record GetOrder(String saleId, String orderId, String userId, ActorRef<StatusReply<Order>> replyTo)
      implements Command {}

  /**
   * Internal: the reservations, payments, releases and expiry sweeps {@link GroupCommit} collected
   * while the previous write was in flight, numbered by it ({@code batch}, echoed in the answer);
   * {@code replyTo} null for a single command sent to the writer.
   */
  record OrderBatch(long batch, List<Reserve> reserves, List<Settlement> settlements, List<ExpireDue> expiries,
                    Instant at, ActorRef<BatchWritten> replyTo) implements Command {
    OrderBatch(List<Reserve> reserves, List<Settlement> settlements, List<ExpireDue> expiries, Instant at,
               ActorRef<BatchWritten> replyTo) {
      this(0, reserves, settlements, expiries, at, replyTo);
    }

    OrderBatch(List<Reserve> reserves, List<Settlement> settlements, Instant at, ActorRef<BatchWritten> replyTo) {
      this(reserves, settlements, List.of(), at, replyTo);
    }
  }

  /** Internal: batch number {@code batch} is written (or refused whole); the next one may go. */
  record BatchWritten(long batch, int accepted) implements Command {}

  /** Internal to {@link GroupCommit}: the writer did not answer batch {@code batch} within the write timeout. */
  record WriteTimedOut(long batch) implements Command {}

  // ---------------------------------------------------------------------------------------------
  // Replies

  public record ProductView(String id, String title, List<String> categories, List<String> tags,
                            BigDecimal price, Map<String, String> attributes, long stock, long freeStock,
                            Instant createdAt, Instant updatedAt) implements CborSerializable {}

  /**
   * What {@link ExpireDue} did: {@code released} orders of the sale; {@code unpaid} still wait for
   * their payment, the earliest due at {@code nextDue} (null if none waits). A sweep that released
   * {@code max} should ask again at once.
   */
  public record Expiry(String saleId, int released, long unpaid, Instant nextDue) implements CborSerializable {}

  /** {@code changed} is false when the definition was already in place (nothing persisted). */
  public record Defined(boolean created, boolean changed, ProductView product) implements CborSerializable {}

  /** A sale item's figures: {@code remaining + reserved - released == allocated} at every moment. */
  public record SaleStockView(String productId, String saleId, long allocated, long remaining, long reserved,
                              long released, int buyers, BigDecimal price, int perUserLimit, Instant startsAt,
                              Instant endsAt) implements CborSerializable {}

  // ---------------------------------------------------------------------------------------------
  // Events

  public sealed interface Event extends CborSerializable {
    String productId();
  }

  /** The whole catalogue after the change, so read models can overwrite rather than merge. */
  public record ProductDefined(String productId, Catalogue catalogue, Instant at) implements Event {}

  public record StockSet(String productId, long stock, Instant at) implements Event {}

  /** {@code stock} is the stock after the adjustment. */
  public record StockAdjusted(String productId, long delta, long stock, String eventId, Instant at)
      implements Event {}

  /** Only the tags that were new. */
  public record TagsAdded(String productId, List<String> tags, Instant at) implements Event {}

  public record SaleAllocated(String productId, String saleId, long quantity, BigDecimal price, int perUserLimit,
                              String code, Instant startsAt, Instant endsAt, Instant at) implements Event {}

  public record SaleAllocationCancelled(String productId, String saleId, Instant at) implements Event {}

  /** A settled sale's orders left the state (see {@link ArchiveSale}). */
  public record SaleArchived(String productId, String saleId, Instant at) implements Event {}

  /**
   * The hot path's event: the reservations of one sale in one group-commit write, so a write costs
   * one journal row (and one tag row) however many orders it carries. Columnar, because it is
   * serialized once and read by every projection of product events: what all the reservations
   * share (sale, price, time, payment deadline) is written once, the rest as parallel lists.
   */
  public record Reserved(String productId, String saleId, BigDecimal price, Instant at, Instant expiresAt,
                         List<String> orderIds, List<String> userIds, List<Integer> quantities) implements Event {
    public Reserved {
      if (orderIds.size() != userIds.size() || orderIds.size() != quantities.size()) {
        throw new IllegalArgumentException("a Reserved event needs as many users and quantities as order ids");
      }
    }

    /** The reservations one by one. */
    @JsonIgnore
    public List<Reservation> reservations() {
      List<Reservation> all = new ArrayList<>(orderIds.size());
      for (int i = 0; i < orderIds.size(); i++) {
        all.add(new Reservation(saleId, orderIds.get(i), userIds.get(i), quantities.get(i), price, expiresAt));
      }
      return all;
    }

    static Reserved of(String productId, Instant at, List<Reservation> reservations) {
      Reservation first = reservations.get(0);
      List<String> orderIds = new ArrayList<>(reservations.size());
      List<String> userIds = new ArrayList<>(reservations.size());
      List<Integer> quantities = new ArrayList<>(reservations.size());
      for (Reservation r : reservations) {
        orderIds.add(r.orderId());
        userIds.add(r.userId());
        quantities.add(r.quantity());
      }
      return new Reserved(productId, first.saleId(), first.price(), at, first.expiresAt(), orderIds, userIds,
          quantities);
    }
  }

  /** One reservation of a {@link Reserved} event. */
  public record Reservation(String saleId, String orderId, String userId, int quantity, BigDecimal price,
                            Instant expiresAt) {
    /** The order it makes, reserved at {@code at}. */
    Order order(String productId, Instant at) {
      return new Order(orderId, saleId, productId, userId, quantity, price, at, expiresAt,
          SaleStock.OrderStatus.RESERVED, null, null);
    }
  }

  /** One payment (journals before group-committed payments; now {@link OrdersPaid}). */
  public record OrderPaid(String productId, String saleId, String orderId, String userId, Instant at)
      implements Event {}

  /** One release (journals before group-committed releases; now {@link OrdersReleased}). */
  public record ReservationReleased(String productId, String saleId, String orderId, String userId, int quantity,
                                    String reason, Instant at) implements Event {}

  /** The payments of one sale in one write, columnar like {@link Reserved}: order i was paid at {@code paidAt[i]}. */
  public record OrdersPaid(String productId, String saleId, Instant at, List<String> orderIds, List<Instant> paidAt)
      implements Event {}

  /**
   * The releases of one sale in one write: order i released at {@code releasedAt[i]} for
   * {@code reasons[i]} ({@code cancelled}, {@code expired} or an administrator's word).
   */
  public record OrdersReleased(String productId, String saleId, Instant at, List<String> orderIds,
                               List<String> reasons, List<Instant> releasedAt) implements Event {}

  // ---------------------------------------------------------------------------------------------
  // Behaviour

  @Override
  public State emptyState() {
    return State.empty();
  }

  @Override
  public SnapshotAdapter<State> snapshotAdapter() {
    return ProductSnapshot.adapter(productId);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(ProductEventTags.TAGS.tagFor(event.productId()));
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Define.class, catalogue::define)
        .onCommand(SetStock.class, catalogue::setStock)
        .onCommand(AdjustStock.class, catalogue::adjustStock)
        .onCommand(AddTags.class, catalogue::addTags)
        .onCommand(Get.class, catalogue::get)
        .onCommand(AllocateSale.class, sales::allocate)
        .onCommand(CancelSaleAllocation.class, sales::cancelAllocation)
        .onCommand(GetSaleStock.class, sales::saleStock)
        .onCommand(OrderBatch.class, sales::orderBatch)
        .onCommand(Reserve.class, (state, cmd) -> sales.orderBatch(state,
            new OrderBatch(List.of(cmd), List.of(), Instant.now(), null)))
        .onCommand(Settlement.class, (state, cmd) -> sales.orderBatch(state,
            new OrderBatch(List.of(), List.of(cmd), Instant.now(), null)))
        .onCommand(ExpireDue.class, (state, cmd) -> sales.orderBatch(state,
            new OrderBatch(List.of(), List.of(), List.of(cmd), Instant.now(), null)))
        .onCommand(ArchiveSale.class, sales::archive)
        .onCommand(GetOrder.class, sales::getOrder)
        .build();
  }

  static <T> StatusReply<T> unknownProduct() {
    return StatusReply.error("unknown product");
  }

  // ---------------------------------------------------------------------------------------------
  // Event handlers: pure functions of (state, event).

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ProductDefined.class, (s, e) -> new State(e.catalogue(), s.stock(), s.sales(),
            s.recentStockEventIds(), Objects.requireNonNullElse(s.createdAt(), e.at()), e.at()))
        .onEvent(StockSet.class, (s, e) -> new State(s.catalogue(), e.stock(), s.sales(),
            s.recentStockEventIds(), s.createdAt(), e.at()))
        .onEvent(StockAdjusted.class, (s, e) -> new State(s.catalogue(), e.stock(), s.sales(),
            remember(s.recentStockEventIds(), e.eventId()), s.createdAt(), e.at()))
        .onEvent(SaleAllocated.class, (s, e) -> s.withSale(SaleStock.allocated(e.saleId(), e.quantity(), e.price(),
            e.perUserLimit(), e.code(), e.startsAt(), e.endsAt()), e.at()))
        .onEvent(SaleAllocationCancelled.class, (s, e) -> s.withoutSale(e.saleId(), e.at()))
        .onEvent(SaleArchived.class, (s, e) -> s.withSale(s.sales().get(e.saleId()).archive(), e.at()))
        .onEvent(Reserved.class, (s, e) -> {
          SaleStock sale = s.sales().get(e.saleId());
          for (Reservation r : e.reservations()) sale.reserve(r.order(productId, e.at()));
          return s.withSale(sale, e.at());
        })
        .onEvent(OrderPaid.class, (s, e) -> s.withSale(s.sales().get(e.saleId()).paid(e.orderId(), e.at()), e.at()))
        .onEvent(ReservationReleased.class, (s, e) ->
            s.withSale(s.sales().get(e.saleId()).released(e.orderId(), e.reason(), e.at()), e.at()))
        .onEvent(OrdersPaid.class, (s, e) -> {
          SaleStock sale = s.sales().get(e.saleId());
          for (int i = 0; i < e.orderIds().size(); i++) sale.paid(e.orderIds().get(i), e.paidAt().get(i));
          return s.withSale(sale, e.at());
        })
        .onEvent(OrdersReleased.class, (s, e) -> {
          SaleStock sale = s.sales().get(e.saleId());
          for (int i = 0; i < e.orderIds().size(); i++) {
            sale.released(e.orderIds().get(i), e.reasons().get(i), e.releasedAt().get(i));
          }
          return s.withSale(sale, e.at());
        })
        .onEvent(TagsAdded.class, (s, e) -> {
          TreeSet<String> tags = new TreeSet<>(s.catalogue().tags());
          tags.addAll(e.tags());
          Catalogue c = s.catalogue();
          return new State(new Catalogue(c.title(), c.categories(), List.copyOf(tags), c.price(), c.attributes()),
              s.stock(), s.sales(), s.recentStockEventIds(), s.createdAt(), e.at());
        })
        .build();
  }

  private List<String> remember(List<String> ids, String eventId) {
    if (eventId == null) return ids;
    int keep = Math.min(ids.size(), settings.stockDedupeWindow() - 1);
    List<String> next = new ArrayList<>(ids.subList(ids.size() - keep, ids.size()));
    next.add(eventId);
    return List.copyOf(next);
  }
}
