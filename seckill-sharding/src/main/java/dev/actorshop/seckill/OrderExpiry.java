package dev.actorshop.seckill;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.ShardedDaemonProcessSettings;
import akka.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import dev.actorshop.conf.Dispatchers;
import dev.actorshop.conf.Futures;
import dev.actorshop.conf.ProjectionDatabase;
import dev.actorshop.product.ProductEntity;
import dev.actorshop.product.ProductEntity.Expiry;
import dev.actorshop.product.Products;
import dev.actorshop.product.Refusal;
import dev.actorshop.product.SaleRefusedException;
import dev.actorshop.seckill.SaleDirectory.Sale;
import dev.actorshop.seckill.SaleDirectory.SalesTable;
import dev.actorshop.seckill.SaleEntity.SaleItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment timeout: one sweep in the cluster (a sharded daemon process of one) wakes, every
 * {@code expiry.interval}, the product of every item of every sale that has started and is not
 * settled, with {@link ProductEntity.ExpireDue}. The product finds its own overdue orders (it keeps
 * its unpaid orders by deadline) and releases them as expired in its next group-commit write; a
 * payment that got in first wins. The orders projection then marks the rows, so the orders table
 * needs no index by deadline on its hot insert path.
 *
 * <p>A sale is settled once it has ended, {@code expiry.settle-after} ago (a margin for clocks),
 * and none of its products has an unpaid order left: when the orders table holds each item's
 * orders in full (the projection has caught up), each product archives the sale (drops its orders
 * from its state, keeping the figures; {@link Sales} then reads them from the table), and the sale
 * gets its row in {@code settled_sales}, after which the sweep no longer wakes its products. A
 * product that does not answer, or a table still behind, is tried again next time.
 */
public final class OrderExpiry {
  private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);

  private OrderExpiry() {}

  private sealed interface Message {}

  private record Sweep() implements Message {}

  private record Swept(Result result, Throwable error) implements Message {}

  /**
   * One sweep: {@code released} orders; {@code more}: some product released a whole batch, so more
   * may be due; {@code settled}: the sales settled now; {@code failures}: items that did not answer.
   */
  record Result(int released, boolean more, List<String> settled, List<String> failures) {}

  public static void start(ActorSystem<?> system, ProjectionDatabase db, Products products, OrdersTable table,
                           SaleSettings settings) {
    ShardedDaemonProcess.get(system).init(Message.class, "order-expiry", 1,
        index -> behavior(db, products, table, settings, Clock.systemUTC()),
        ShardedDaemonProcessSettings.create(system).withRole(ProductEntity.ROLE), Optional.empty());
  }

  private static Behavior<Message> behavior(ProjectionDatabase db, Products products, OrdersTable table,
                                            SaleSettings settings, Clock clock) {
    return Behaviors.setup(ctx -> {
      Executor blocking = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(Dispatchers.BLOCKING_JDBC));
      return Behaviors.withTimers(timers -> {
        timers.startSingleTimer(new Sweep(), settings.expiryInterval());
        return Behaviors.receive(Message.class)
            .onMessage(Sweep.class, s -> {
              ctx.pipeToSelf(sweep(db, products, table, settings, clock, blocking), Swept::new);
              return Behaviors.same();
            })
            .onMessage(Swept.class, swept -> {
              Result r = swept.result();
              if (swept.error() != null) {
                log.warn("Order expiry sweep failed: {}", swept.error().getMessage());
              } else {
                if (r.released() > 0) log.info("Released {} unpaid order(s) past their payment time", r.released());
                if (!r.settled().isEmpty()) log.info("Sales settled (ended, no unpaid order left): {}", r.settled());
                if (!r.failures().isEmpty()) {
                  log.warn("Order expiry: {} sale item(s) did not answer, asked again in {}: {}", r.failures().size(),
                      settings.expiryInterval(), r.failures().get(0));
                }
              }
              // A full batch: more may be due; sweep again at once.
              timers.startSingleTimer(new Sweep(), r != null && r.more() ? Duration.ZERO : settings.expiryInterval());
              return Behaviors.same();
            })
            .build();
      });
    });
  }

  /** One sale item's answer, or why there is none. */
  private record ItemSwept(String saleId, Expiry expiry, String failure) {}

  static CompletionStage<Result> sweep(ProjectionDatabase db, Products products, OrdersTable table,
                                       SaleSettings settings, Clock clock, Executor blocking) {
    Instant now = clock.instant();
    return CompletableFuture.supplyAsync(() -> SalesTable.loadUnsettled(db, now), blocking)
        .thenCompose(sales -> {
          List<CompletableFuture<ItemSwept>> items = new ArrayList<>();
          for (Sale sale : sales) {
            for (SaleItem item : sale.items()) {
              items.add(expire(products, sale.saleId(), item.productId(), settings.expiryBatch()));
            }
          }
          return CompletableFuture.allOf(items.toArray(CompletableFuture[]::new))
              .thenApply(done -> result(sales, items.stream().map(CompletableFuture::join).toList(),
                  now.minus(settings.settleAfter()), settings.expiryBatch()))
              .thenCompose(result -> archived(products, table, sales, result));
        })
        .thenCompose(result -> result.settled().isEmpty() ? CompletableFuture.completedFuture(result)
            : CompletableFuture.supplyAsync(() -> {
              SalesTable.settle(db, result.settled(), now);
              return result;
            }, blocking));
  }

  /** The result with only those of its settled sales whose every item is archived now. */
  private static CompletableFuture<Result> archived(Products products, OrdersTable table, List<Sale> sales,
                                                    Result result) {
    List<CompletableFuture<String>> archived = new ArrayList<>();
    for (Sale sale : sales) {
      if (!result.settled().contains(sale.saleId())) continue;
      List<CompletableFuture<Boolean>> items = sale.items().stream()
          .map(item -> archive(products, table, sale.saleId(), item.productId())).toList();
      archived.add(CompletableFuture.allOf(items.toArray(CompletableFuture[]::new))
          .thenApply(done -> items.stream().allMatch(CompletableFuture::join) ? sale.saleId() : null));
    }
    return CompletableFuture.allOf(archived.toArray(CompletableFuture[]::new))
        .thenApply(done -> new Result(result.released(), result.more(),
            archived.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList(), result.failures()));
  }

  /** Archives one sale item once the orders table holds all of it; false if not yet (or no answer). */
  private static CompletableFuture<Boolean> archive(Products products, OrdersTable table, String saleId,
                                                    String productId) {
    return products.saleStock(productId, saleId)
        .thenCompose(table::caughtUp)
        .thenCompose(caughtUp -> caughtUp
            ? products.archiveSale(productId, saleId).thenApply(done -> true)
            : CompletableFuture.completedFuture(false))
        .toCompletableFuture()
        .handle((done, error) -> {
          if (error == null) return done;   // false: the table is still behind
          if (noSale(error)) return true;
          log.warn("Archiving sale {} of product {} failed, tried again next sweep: {}", saleId, productId,
              Futures.cause(error).getMessage());
          return false;
        });
  }

  private static CompletableFuture<ItemSwept> expire(Products products, String saleId, String productId, int max) {
    return products.expireDue(productId, saleId, max).toCompletableFuture()
        .handle((expiry, error) -> {
          if (error == null) return new ItemSwept(saleId, expiry, null);
          if (noSale(error)) return new ItemSwept(saleId, new Expiry(saleId, 0, 0, null), null);
          return new ItemSwept(saleId, null, saleId + "/" + productId + ": " + Futures.cause(error).getMessage());
        });
  }

  /** A product without the sale has nothing to expire or archive in it (not for a scheduled sale). */
  private static boolean noSale(Throwable error) {
    return Futures.cause(error) instanceof SaleRefusedException r && r.refusal() == Refusal.NO_SALE;
  }


  /** The sales that ended before {@code endedBy} and whose every item answered with nothing unpaid are settled. */
  private static Result result(List<Sale> sales, List<ItemSwept> items, Instant endedBy, int batch) {
    int released = 0;
    boolean more = false;
    List<String> failures = new ArrayList<>();
    List<String> unsettled = new ArrayList<>();
    for (ItemSwept item : items) {
      if (item.failure() != null) {
        failures.add(item.failure());
        unsettled.add(item.saleId());
      } else {
        released += item.expiry().released();
        more |= item.expiry().released() >= batch;
        if (item.expiry().unpaid() > 0) unsettled.add(item.saleId());
      }
    }
    List<String> settled = sales.stream()
        .filter(sale -> sale.endsAt().isBefore(endedBy) && !unsettled.contains(sale.saleId()))
        .map(Sale::saleId)
        .toList();
    return new Result(released, more, settled, failures);
  }
}
