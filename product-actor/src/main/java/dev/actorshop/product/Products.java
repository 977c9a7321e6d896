package dev.actorshop.product;

import static dev.actorshop.conf.Futures.plain;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.pattern.StatusReply;
import dev.actorshop.conf.Futures;
import dev.actorshop.product.ProductEntity.Command;
import dev.actorshop.product.ProductEntity.Defined;
import dev.actorshop.product.ProductEntity.ProductView;
import dev.actorshop.product.ProductEntity.SaleStockView;
import dev.actorshop.product.ProductException.Reason;
import dev.actorshop.product.SaleStock.Order;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the edges (HTTP, import) do with products: validation naming the field, then one ask to the
 * product's entity. Failures arrive as {@link ProductException} or a timeout (store or cluster slow).
 */
public final class Products {
  private final ClusterSharding sharding;
  private final EntityTypeKey<Command> entityKey;
  private final Duration askTimeout;
  private final Clock clock;

  public Products(ActorSystem<?> system, ProductSettings settings) {
    this(system, settings, ProductEntity.ENTITY_KEY, Clock.systemUTC());
  }

  /** Products sharded under another key (see {@link ProductEntity#init(ActorSystem, ProductSettings, EntityTypeKey)}). */
  public Products(ActorSystem<?> system, ProductSettings settings, EntityTypeKey<Command> entityKey) {
    this(system, settings, entityKey, Clock.systemUTC());
  }

  Products(ActorSystem<?> system, ProductSettings settings, Clock clock) {
    this(system, settings, ProductEntity.ENTITY_KEY, clock);
  }

  private Products(ActorSystem<?> system, ProductSettings settings, EntityTypeKey<Command> entityKey, Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.entityKey = entityKey;
    this.askTimeout = settings.askTimeout();
    this.clock = clock;
  }

  /** New catalogue values; a null field keeps what the product has (a new product needs a title). */
  public record Definition(String title, List<String> categories, List<String> tags, BigDecimal price,
                           Map<String, String> attributes, Long stock) {}

  public CompletionStage<Defined> define(String productId, Definition d) {
    return validated(() -> {
      check("id", ProductValidation.idProblem(productId));
      if (d.title() != null) check("title", ProductValidation.titleProblem(d.title()));
      if (d.categories() != null) check("categories", ProductValidation.categoriesProblem(d.categories()));
      if (d.tags() != null) check("tags", ProductValidation.tagsProblem(d.tags()));
      if (d.price() != null) check("price", ProductValidation.priceProblem(d.price()));
      if (d.attributes() != null) check("attributes", ProductValidation.attributesProblem(d.attributes()));
      if (d.stock() != null) check("stock", ProductValidation.stockProblem(d.stock()));
    }, () -> askWithStatus(productId, replyTo -> new ProductEntity.Define(d.title(), d.categories(), d.tags(),
        d.price(), d.attributes(), d.stock(), clock.instant(), replyTo)));
  }

  public CompletionStage<ProductView> get(String productId) {
    return validated(() -> check("id", ProductValidation.idProblem(productId)),
        () -> askWithStatus(productId, ProductEntity.Get::new));
  }

  public CompletionStage<ProductView> setStock(String productId, long stock) {
    return validated(() -> {
      check("id", ProductValidation.idProblem(productId));
      check("stock", ProductValidation.stockProblem(stock));
    }, () -> askWithStatus(productId, replyTo -> new ProductEntity.SetStock(stock, clock.instant(), replyTo)));
  }

  /** {@code eventId} (optional) makes a retried adjustment count once. */
  public CompletionStage<ProductView> adjustStock(String productId, long delta, String eventId) {
    return validated(() -> {
      check("id", ProductValidation.idProblem(productId));
      if (Math.abs(delta) > ProductValidation.MAX_STOCK) {
        throw ProductException.invalid("adjust", "must be between -" + ProductValidation.MAX_STOCK
            + " and " + ProductValidation.MAX_STOCK);
      }
      if (eventId != null && (eventId.isEmpty() || eventId.length() > 100)) {
        throw ProductException.invalid("eventId", "must be 1 to 100 characters");
      }
    }, () -> askWithStatus(productId,
        replyTo -> new ProductEntity.AdjustStock(delta, eventId, clock.instant(), replyTo)));
  }

  /** Replies how many of the tags were new to the product. */
  public CompletionStage<Integer> addTags(String productId, List<String> tags) {
    return validated(() -> {
      check("id", ProductValidation.idProblem(productId));
      check("tags", ProductValidation.tagsProblem(tags));
    }, () -> askWithStatus(productId, replyTo -> new ProductEntity.AddTags(tags, clock.instant(), replyTo)));
  }

  // ---------------------------------------------------------------------------------------------
  // Sales: called by the seckill module, which has validated the input.

  /** A sale item's settings, as the product checks reservations against them. */
  public record SaleTerms(long quantity, BigDecimal price, int perUserLimit, String code, Instant startsAt,
                          Instant endsAt) {}

  public CompletionStage<SaleStockView> allocateSale(String productId, String saleId, SaleTerms t) {
    return askWithStatus(productId, replyTo -> new ProductEntity.AllocateSale(saleId, t.quantity(), t.price(),
        t.perUserLimit(), t.code(), t.startsAt(), t.endsAt(), clock.instant(), replyTo));
  }

  public CompletionStage<Done> cancelSaleAllocation(String productId, String saleId) {
    return askWithStatus(productId, replyTo -> new ProductEntity.CancelSaleAllocation(saleId, clock.instant(), replyTo));
  }

  public CompletionStage<SaleStockView> saleStock(String productId, String saleId) {
    return askWithStatus(productId, replyTo -> new ProductEntity.GetSaleStock(saleId, replyTo));
  }

  /** Answered once the reservation is durable, or refused with a {@link SaleRefusedException}. */
  public CompletionStage<Order> reserve(String productId, String saleId, String orderId, String userId, int quantity,
                                        String code) {
    Instant deadline = clock.instant().plus(askTimeout);
    return askWithStatus(productId,
        replyTo -> new ProductEntity.Reserve(saleId, orderId, userId, quantity, code, deadline, replyTo));
  }

  /** {@code userId} null: an administrator, who may see and change any order. */
  public CompletionStage<Order> order(String productId, String saleId, String orderId, String userId) {
    return askWithStatus(productId, replyTo -> new ProductEntity.GetOrder(saleId, orderId, userId, replyTo));
  }

  public CompletionStage<Order> pay(String productId, String saleId, String orderId, String userId) {
    return askWithStatus(productId, replyTo -> new ProductEntity.Pay(saleId, orderId, userId, clock.instant(), replyTo));
  }

  public CompletionStage<Order> release(String productId, String saleId, String orderId, String userId, String reason) {
    return askWithStatus(productId,
        replyTo -> new ProductEntity.Release(saleId, orderId, userId, reason, clock.instant(), replyTo));
  }

  /** Releases up to {@code max} of the sale's unpaid orders that are past their payment deadline. */
  public CompletionStage<ProductEntity.Expiry> expireDue(String productId, String saleId, int max) {
    return askWithStatus(productId, replyTo -> new ProductEntity.ExpireDue(saleId, clock.instant(), max, replyTo));
  }

  /** Drops a settled sale's orders from the product's state (see {@link ProductEntity.ArchiveSale}). */
  public CompletionStage<Done> archiveSale(String productId, String saleId) {
    return askWithStatus(productId, replyTo -> new ProductEntity.ArchiveSale(saleId, clock.instant(), replyTo));
  }

  private <T> CompletableFuture<T> askWithStatus(String productId, Function<ActorRef<StatusReply<T>>, Command> command) {
    EntityRef<Command> entity = sharding.entityRefFor(entityKey, productId);
    return plain(entity.askWithStatus(command::apply, askTimeout))
        .exceptionally(error -> {
          Throwable cause = Futures.cause(error);
          if (cause instanceof StatusReply.ErrorMessage rejected) throw fromEntity(rejected.getMessage());
          throw error instanceof CompletionException ce ? ce : new CompletionException(error);
        });
  }

  /** The entity's rejections start with the field they concern (see ProductEntity). */
  private static RuntimeException fromEntity(String message) {
    SaleRefusedException refused = SaleRefusedException.parse(message);
    if (refused != null) return refused;
    if (message.equals("unknown product")) return new ProductException(Reason.UNKNOWN_PRODUCT, null, message);
    if (message.startsWith("stock cannot go below")) return new ProductException(Reason.CONFLICT, "stock", message);
    int space = message.indexOf(' ');
    String field = space > 0 ? message.substring(0, space) : null;
    return new ProductException(Reason.INVALID_INPUT, field, message);
  }

  private static void check(String field, Optional<String> problem) {
    problem.ifPresent(p -> {
      throw ProductException.invalid(field, p);
    });
  }

  private static <T> CompletionStage<T> validated(Runnable checks, Supplier<CompletionStage<T>> call) {
    try {
      checks.run();
    } catch (ProductException e) {
      return CompletableFuture.failedFuture(e);
    }
    return call.get();
  }
}
