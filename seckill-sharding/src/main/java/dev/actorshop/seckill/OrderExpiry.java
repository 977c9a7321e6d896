package dev.actorshop.seckill;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.ShardedDaemonProcessSettings;
import akka.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import dev.actorshop.conf.Dispatchers;
import dev.actorshop.conf.ProjectionDatabase;
import dev.actorshop.product.ProductEntity;
import dev.actorshop.product.Products;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment timeout: one sweep in the cluster (a sharded daemon process of one) finds the
 * reserved orders whose payment is overdue in the {@code orders} table and sends each product an
 * idempotent {@code Release(expired)}. The product decides (a payment that got in first wins);
 * the orders projection then marks the row. An order the sweep misses now is found next time.
 */
public final class OrderExpiry {
  private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);
  public static final String EXPIRED = ProductEntity.EXPIRED;

  private OrderExpiry() {}

  record Due(String orderId, String saleId, String productId) {}

  private sealed interface Message {}

  private record Sweep() implements Message {}

  private record Swept(int released, Throwable error) implements Message {}

  public static void start(ActorSystem<?> system, ProjectionDatabase db, Products products, SaleSettings settings) {
    ShardedDaemonProcess.get(system).init(Message.class, "order-expiry", 1,
        index -> behavior(db, products, settings, Clock.systemUTC()),
        ShardedDaemonProcessSettings.create(system).withRole(ProductEntity.ROLE), java.util.Optional.empty());
  }

  private static Behavior<Message> behavior(ProjectionDatabase db, Products products, SaleSettings settings, Clock clock) {
    return Behaviors.setup(ctx -> {
      Executor blocking = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(Dispatchers.BLOCKING_JDBC));
      return Behaviors.withTimers(timers -> {
        timers.startSingleTimer(new Sweep(), settings.expiryInterval());
        return Behaviors.receive(Message.class)
            .onMessage(Sweep.class, s -> {
              ctx.pipeToSelf(sweep(db, products, settings.expiryBatch(), clock, blocking), Swept::new);
              return Behaviors.same();
            })
            .onMessage(Swept.class, swept -> {
              if (swept.error() != null) log.warn("Order expiry sweep failed: {}", swept.error().getMessage());
              else if (swept.released() > 0) log.info("Released {} unpaid order(s) past their payment time", swept.released());
              // A full batch: more may be due; sweep again at once.
              timers.startSingleTimer(new Sweep(), swept.error() == null && swept.released() >= settings.expiryBatch()
                  ? java.time.Duration.ZERO : settings.expiryInterval());
              return Behaviors.same();
            })
            .build();
      });
    });
  }

  static CompletionStage<Integer> sweep(ProjectionDatabase db, Products products, int batch, Clock clock,
                                        Executor blocking) {
    return CompletableFuture.supplyAsync(() -> due(db, batch, clock), blocking)
        .thenCompose(due -> {
          List<CompletableFuture<Boolean>> releases = new ArrayList<>(due.size());
          for (Due d : due) {
            releases.add(products.release(d.productId(), d.saleId(), d.orderId(), null, EXPIRED)
                .handle((order, error) -> error == null)
                .toCompletableFuture());
          }
          return CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new))
              .thenApply(ignored -> (int) releases.stream().filter(CompletableFuture::join).count());
        });
  }

  private static List<Due> due(ProjectionDatabase db, int batch, Clock clock) {
    return db.read(c -> {
      List<Due> due = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT order_id, sale_id, product_id FROM orders "
          + "WHERE status = 'RESERVED' AND expires_at <= ? ORDER BY expires_at FETCH FIRST " + batch + " ROWS ONLY")) {
        ps.setTimestamp(1, Timestamp.from(clock.instant()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) due.add(new Due(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
      return due;
    });
  }
}
