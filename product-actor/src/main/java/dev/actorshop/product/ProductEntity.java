package dev.actorshop.product;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.pattern.StatusReply;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.RetentionCriteria;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.actorshop.conf.CborSerializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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

  public static void init(ActorSystem<?> system, ProductSettings settings) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), settings)).withRole(ROLE));
  }

  public static Behavior<Command> create(String productId, ProductSettings settings) {
    return new ProductEntity(productId, settings);
  }

  private final String productId;
  private final ProductSettings settings;

  private ProductEntity(String productId, ProductSettings settings) {
    super(
        PersistenceId.of(ENTITY_KEY.name(), productId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.productId = productId;
    this.settings = settings;
  }

  // ---------------------------------------------------------------------------------------------
  // State

  /** The catalogue fields; {@code price} is null when the product has no list price. */
  public record Catalogue(String title, List<String> categories, List<String> tags, BigDecimal price,
                          Map<String, String> attributes) implements CborSerializable {}

  /**
   * Immutable. {@code catalogue == null} until the product is defined. {@code allocated} is the
   * stock set aside per sale id (flash sales); the free stock is what is left of {@code stock}.
   */
  public record State(Catalogue catalogue, long stock, Map<String, Long> allocated,
                      List<String> recentStockEventIds, Instant createdAt, Instant updatedAt)
      implements CborSerializable {

    public static State empty() {
      return new State(null, 0, Map.of(), List.of(), null, null);
    }

    @JsonIgnore
    public boolean isDefined() {
      return catalogue != null;
    }

    @JsonIgnore
    public long allocatedStock() {
      return allocated.values().stream().mapToLong(Long::longValue).sum();
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

  // ---------------------------------------------------------------------------------------------
  // Replies

  public record ProductView(String id, String title, List<String> categories, List<String> tags,
                            BigDecimal price, Map<String, String> attributes, long stock, long freeStock,
                            Instant createdAt, Instant updatedAt) implements CborSerializable {}

  /** {@code changed} is false when the definition was already in place (nothing persisted). */
  public record Defined(boolean created, boolean changed, ProductView product) implements CborSerializable {}

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

  // ---------------------------------------------------------------------------------------------
  // Behaviour

  @Override
  public State emptyState() {
    return State.empty();
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
        .onCommand(Define.class, this::onDefine)
        .onCommand(SetStock.class, this::onSetStock)
        .onCommand(AdjustStock.class, this::onAdjustStock)
        .onCommand(AddTags.class, this::onAddTags)
        .onCommand(Get.class, (state, cmd) -> state.isDefined()
            ? Effect().reply(cmd.replyTo(), StatusReply.success(view(state)))
            : Effect().reply(cmd.replyTo(), unknownProduct()))
        .build();
  }

  private ReplyEffect<Event, State> onDefine(State state, Define cmd) {
    Catalogue old = state.catalogue();
    String title = cmd.title() != null ? cmd.title() : old == null ? null : old.title();
    if (title == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("title is required for a new product"));
    }
    Catalogue next = new Catalogue(
        title,
        orElse(cmd.categories(), old == null ? List.of() : old.categories()),
        cmd.tags() != null ? sortedDistinct(cmd.tags()) : old == null ? List.of() : old.tags(),
        cmd.price() != null ? cmd.price() : old == null ? null : old.price(),
        orElse(cmd.attributes(), old == null ? Map.of() : old.attributes()));
    Optional<String> problem = catalogueProblem(next)
        .or(() -> cmd.stock() == null ? Optional.empty() : stockProblem(state, cmd.stock()));
    if (problem.isPresent()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(problem.get()));
    }
    List<Event> events = new ArrayList<>(2);
    if (!next.equals(old)) events.add(new ProductDefined(productId, next, cmd.at()));
    if (cmd.stock() != null && cmd.stock() != state.stock()) {
      events.add(new StockSet(productId, cmd.stock(), cmd.at()));
    }
    boolean created = !state.isDefined();
    return Effect().persist(events).thenReply(cmd.replyTo(),
        s -> StatusReply.success(new Defined(created, !events.isEmpty(), view(s))));
  }

  private ReplyEffect<Event, State> onSetStock(State state, SetStock cmd) {
    if (!state.isDefined()) return Effect().reply(cmd.replyTo(), unknownProduct());
    Optional<String> problem = stockProblem(state, cmd.stock());
    if (problem.isPresent()) return Effect().reply(cmd.replyTo(), StatusReply.error(problem.get()));
    if (cmd.stock() == state.stock()) return Effect().reply(cmd.replyTo(), StatusReply.success(view(state)));
    return Effect().persist(new StockSet(productId, cmd.stock(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(view(s)));
  }

  private ReplyEffect<Event, State> onAdjustStock(State state, AdjustStock cmd) {
    if (!state.isDefined()) return Effect().reply(cmd.replyTo(), unknownProduct());
    if (cmd.eventId() != null && state.recentStockEventIds().contains(cmd.eventId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(view(state)));
    }
    long next = state.stock() + cmd.delta(); // both bounded by MAX_STOCK: no overflow
    Optional<String> problem = next < 0
        ? Optional.of("stock cannot go below 0: it is " + state.stock())
        : stockProblem(state, next);
    if (problem.isPresent()) return Effect().reply(cmd.replyTo(), StatusReply.error(problem.get()));
    return Effect().persist(new StockAdjusted(productId, cmd.delta(), next, cmd.eventId(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(view(s)));
  }

  private ReplyEffect<Event, State> onAddTags(State state, AddTags cmd) {
    if (!state.isDefined()) return Effect().reply(cmd.replyTo(), unknownProduct());
    Optional<String> problem = ProductValidation.tagsProblem(cmd.tags()).map(p -> "tags " + p);
    if (problem.isPresent()) return Effect().reply(cmd.replyTo(), StatusReply.error(problem.get()));
    TreeSet<String> fresh = new TreeSet<>(cmd.tags());
    fresh.removeAll(state.catalogue().tags());
    if (fresh.isEmpty()) return Effect().reply(cmd.replyTo(), StatusReply.success(0));
    if (state.catalogue().tags().size() + fresh.size() > ProductValidation.MAX_TAGS) {
      return Effect().reply(cmd.replyTo(),
          StatusReply.error("tags must have at most " + ProductValidation.MAX_TAGS + " entries"));
    }
    int added = fresh.size();
    return Effect().persist(new TagsAdded(productId, List.copyOf(fresh), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(added));
  }

  private static Optional<String> catalogueProblem(Catalogue c) {
    return ProductValidation.titleProblem(c.title()).map(p -> "title " + p)
        .or(() -> ProductValidation.categoriesProblem(c.categories()).map(p -> "categories " + p))
        .or(() -> ProductValidation.tagsProblem(c.tags()).map(p -> "tags " + p))
        .or(() -> c.price() == null ? Optional.empty() : ProductValidation.priceProblem(c.price()).map(p -> "price " + p))
        .or(() -> ProductValidation.attributesProblem(c.attributes()).map(p -> "attributes " + p));
  }

  private static Optional<String> stockProblem(State state, long stock) {
    Optional<String> range = ProductValidation.stockProblem(stock).map(p -> "stock " + p);
    if (range.isPresent()) return range;
    return stock < state.allocatedStock()
        ? Optional.of("stock cannot go below the " + state.allocatedStock() + " allocated to sales")
        : Optional.empty();
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static List<String> sortedDistinct(List<String> values) {
    return List.copyOf(new TreeSet<>(values));
  }

  private ProductView view(State s) {
    Catalogue c = s.catalogue();
    return new ProductView(productId, c.title(), c.categories(), c.tags(), c.price(), c.attributes(),
        s.stock(), s.freeStock(), s.createdAt(), s.updatedAt());
  }

  private static <T> StatusReply<T> unknownProduct() {
    return StatusReply.error("unknown product");
  }

  // ---------------------------------------------------------------------------------------------
  // Event handlers: pure functions of (state, event).

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ProductDefined.class, (s, e) -> new State(e.catalogue(), s.stock(), s.allocated(),
            s.recentStockEventIds(), Objects.requireNonNullElse(s.createdAt(), e.at()), e.at()))
        .onEvent(StockSet.class, (s, e) -> new State(s.catalogue(), e.stock(), s.allocated(),
            s.recentStockEventIds(), s.createdAt(), e.at()))
        .onEvent(StockAdjusted.class, (s, e) -> new State(s.catalogue(), e.stock(), s.allocated(),
            remember(s.recentStockEventIds(), e.eventId()), s.createdAt(), e.at()))
        .onEvent(TagsAdded.class, (s, e) -> {
          TreeSet<String> tags = new TreeSet<>(s.catalogue().tags());
          tags.addAll(e.tags());
          Catalogue c = s.catalogue();
          return new State(new Catalogue(c.title(), c.categories(), List.copyOf(tags), c.price(), c.attributes()),
              s.stock(), s.allocated(), s.recentStockEventIds(), s.createdAt(), e.at());
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
