package dev.actorshop.seckill;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.pattern.StatusReply;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.SignalHandler;
import dev.actorshop.conf.CborSerializable;
import dev.actorshop.conf.Futures;
import dev.actorshop.product.Products;
import dev.actorshop.product.SaleRefusedException;
import dev.actorshop.product.ProductException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sale: its window and items (with their purchase codes), and the saga that sets each item's
 * stock aside in its product. Creating a sale is all or nothing: {@code SaleRequested} is durable
 * first, then every product allocates; if one refuses, the allocations made are cancelled and the
 * sale is {@code REJECTED} with the reason; otherwise it is {@code SCHEDULED}. A crash in between
 * resumes the saga on recovery (allocating and cancelling are both idempotent).
 */
public final class SaleEntity
    extends EventSourcedBehaviorWithEnforcedReplies<SaleEntity.Command, SaleEntity.Event, SaleEntity.State> {
  private static final Logger log = LoggerFactory.getLogger(SaleEntity.class);

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Sale");
  /** The one tag of sale events: the sales projection reads them all. */
  public static final String TAG = "sale";
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  public static void init(ActorSystem<?> system, Products products) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY,
        ctx -> Behaviors.<Command>setup(actor -> new SaleEntity(actor, ctx.getEntityId(), products)))
        .withRole(dev.actorshop.product.ProductEntity.ROLE));
  }

  private final ActorContext<Command> context;
  private final String saleId;
  private final Products products;
  /** The admin waiting for the outcome of the creation; not persisted (lost on a crash: their ask times out). */
  private final List<ActorRef<StatusReply<SaleView>>> waiting = new ArrayList<>();

  private SaleEntity(ActorContext<Command> context, String saleId, Products products) {
    super(PersistenceId.of(ENTITY_KEY.name(), saleId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.context = context;
    this.saleId = saleId;
    this.products = products;
  }

  // ---------------------------------------------------------------------------------------------
  // State, commands, events

  public enum Status { NEW, PENDING, SCHEDULED, REJECTED }

  public record SaleItem(String productId, long stock, BigDecimal price, int perUserLimit, String code)
      implements CborSerializable {}

  public record SaleDefinition(Instant startsAt, Instant endsAt, List<SaleItem> items) implements CborSerializable {}

  public record State(Status status, SaleDefinition definition, String reason, Instant createdAt)
      implements CborSerializable {}

  /** A sale as its admin sees it (codes included: only the seckill module hands them out). */
  public record SaleView(String saleId, Status status, SaleDefinition definition, String reason, Instant createdAt)
      implements CborSerializable {}

  public sealed interface Command extends CborSerializable {}

  public record Create(SaleDefinition definition, Instant at, ActorRef<StatusReply<SaleView>> replyTo)
      implements Command {}

  public record Get(ActorRef<StatusReply<SaleView>> replyTo) implements Command {}

  /** Internal: the saga's outcome. {@code retry}: a store was unreachable; try the saga again later. */
  record AllocationFinished(boolean allocated, String reason, boolean retry) implements Command {}

  record Resume() implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record SaleRequested(String saleId, SaleDefinition definition, Instant at) implements Event {}

  public record SaleScheduled(String saleId, Instant at) implements Event {}

  public record SaleRejected(String saleId, String reason, Instant at) implements Event {}

  // ---------------------------------------------------------------------------------------------
  // Behaviour

  @Override
  public State emptyState() {
    return new State(Status.NEW, null, null, null);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(TAG);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          if (state.status() == Status.PENDING) {
            log.info("Sale {} was being created when its node stopped; resuming the allocations", saleId);
            runSaga(state.definition());
          }
        })
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Create.class, this::onCreate)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state.status() == Status.NEW
            ? StatusReply.error("unknown sale")
            : StatusReply.success(view(state))))
        .onCommand(AllocationFinished.class, this::onAllocationFinished)
        .onCommand(Resume.class, (state, cmd) -> {
          if (state.status() == Status.PENDING) runSaga(state.definition());
          return Effect().noReply();
        })
        .build();
  }

  private ReplyEffect<Event, State> onCreate(State state, Create cmd) {
    switch (state.status()) {
      case NEW:
        waiting.add(cmd.replyTo());
        return Effect().persist(new SaleRequested(saleId, cmd.definition(), cmd.at()))
            .thenRun(s -> runSaga(cmd.definition()))
            .thenNoReply();
      case PENDING:
        if (!state.definition().equals(cmd.definition())) break;
        waiting.add(cmd.replyTo());
        return Effect().noReply();
      default:
        if (!state.definition().equals(cmd.definition())) break;
        return Effect().reply(cmd.replyTo(), StatusReply.success(view(state)));
    }
    return Effect().reply(cmd.replyTo(), StatusReply.error("sale id " + saleId + " is taken by another sale"));
  }

  private ReplyEffect<Event, State> onAllocationFinished(State state, AllocationFinished done) {
    if (state.status() != Status.PENDING) return Effect().noReply();
    if (done.retry()) {
      log.warn("Sale {}: allocations could not be completed or undone ({}); retrying in {}", saleId, done.reason(),
          RETRY_AFTER);
      context.scheduleOnce(RETRY_AFTER, context.getSelf(), new Resume());
      replyAll(StatusReply.error("unavailable: " + done.reason()));
      return Effect().noReply();
    }
    Event outcome = done.allocated()
        ? new SaleScheduled(saleId, Instant.now())
        : new SaleRejected(saleId, done.reason(), Instant.now());
    return Effect().persist(outcome)
        .thenRun(s -> {
          if (s.status() == Status.SCHEDULED) {
            log.info("Sale {} scheduled: {} item(s) from {} to {}", saleId, s.definition().items().size(),
                s.definition().startsAt(), s.definition().endsAt());
          }
          replyAll(s.status() == Status.SCHEDULED ? StatusReply.success(view(s)) : StatusReply.error(s.reason()));
        })
        .thenNoReply();
  }

  private void replyAll(StatusReply<SaleView> reply) {
    waiting.forEach(replyTo -> replyTo.tell(reply));
    waiting.clear();
  }

  /**
   * Allocates every item; on a refusal, cancels them all (the ones that went through and any that
   * might have) and reports the first refusal. A timeout anywhere means "try again later".
   */
  private void runSaga(SaleDefinition definition) {
    List<CompletableFuture<String>> allocations = new ArrayList<>();
    for (SaleItem item : definition.items()) {
      allocations.add(products.allocateSale(item.productId(), saleId, new Products.SaleTerms(item.stock(),
              item.price(), item.perUserLimit(), item.code(), definition.startsAt(), definition.endsAt()))
          .handle((ok, error) -> error == null ? null : refusalOf(item.productId(), error))
          .toCompletableFuture());
    }
    CompletionStage<AllocationFinished> outcome = CompletableFuture.allOf(allocations.toArray(CompletableFuture[]::new))
        .thenCompose(ignored -> {
          List<String> problems = allocations.stream().map(CompletableFuture::join).filter(p -> p != null).toList();
          if (problems.isEmpty()) return CompletableFuture.completedFuture(new AllocationFinished(true, null, false));
          boolean transient_ = problems.stream().anyMatch(p -> p.startsWith(UNAVAILABLE));
          CompletableFuture<?>[] cancels = definition.items().stream()
              .map(item -> products.cancelSaleAllocation(item.productId(), saleId).toCompletableFuture())
              .toArray(CompletableFuture[]::new);
          String reason = problems.stream().filter(p -> !p.startsWith(UNAVAILABLE)).findFirst().orElse(problems.get(0));
          return CompletableFuture.allOf(cancels)
              .handle((ok, error) -> error != null || transient_
                  ? new AllocationFinished(false, error != null ? "undoing allocations: " + rootMessage(error) : reason, true)
                  : new AllocationFinished(false, reason, false));
        });
    context.pipeToSelf(outcome, (done, error) ->
        done != null ? done : new AllocationFinished(false, rootMessage(error), true));
  }

  private static final String UNAVAILABLE = "unavailable: ";

  private static String refusalOf(String productId, Throwable error) {
    Throwable cause = Futures.cause(error);
    if (cause instanceof SaleRefusedException refused) return refused.getMessage();
    if (cause instanceof ProductException p && p.reason() == ProductException.Reason.UNKNOWN_PRODUCT) {
      return "unknown product " + productId;
    }
    return UNAVAILABLE + "product " + productId + " did not answer (" + rootMessage(cause) + ")";
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null) cause = cause.getCause();
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private SaleView view(State s) {
    return new SaleView(saleId, s.status(), s.definition(), s.reason(), s.createdAt());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(SaleRequested.class, (s, e) -> new State(Status.PENDING, e.definition(), null, e.at()))
        .onEvent(SaleScheduled.class, (s, e) -> new State(Status.SCHEDULED, s.definition(), null, s.createdAt()))
        .onEvent(SaleRejected.class, (s, e) -> new State(Status.REJECTED, s.definition(), e.reason(), s.createdAt()))
        .build();
  }
}
