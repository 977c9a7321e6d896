package dev.actorshop.product;

import static dev.actorshop.conf.Futures.plain;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import akka.pattern.StatusReply;
import dev.actorshop.product.ProductEntity.Command;
import dev.actorshop.product.ProductEntity.Defined;
import dev.actorshop.product.ProductEntity.ProductView;
import dev.actorshop.product.ProductException.Reason;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
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
  private final Duration askTimeout;
  private final Clock clock;

  public Products(ActorSystem<?> system, ProductSettings settings) {
    this(system, settings, Clock.systemUTC());
  }

  Products(ActorSystem<?> system, ProductSettings settings, Clock clock) {
    this.sharding = ClusterSharding.get(system);
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

  private <T> CompletableFuture<T> askWithStatus(String productId, Function<ActorRef<StatusReply<T>>, Command> command) {
    EntityRef<Command> entity = sharding.entityRefFor(ProductEntity.ENTITY_KEY, productId);
    return plain(entity.askWithStatus(command::apply, askTimeout))
        .exceptionally(error -> {
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          if (cause instanceof StatusReply.ErrorMessage rejected) throw fromEntity(rejected.getMessage());
          throw error instanceof CompletionException ce ? ce : new CompletionException(error);
        });
  }

  /** The entity's rejections start with the field they concern (see ProductEntity). */
  private static ProductException fromEntity(String message) {
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
