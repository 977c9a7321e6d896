package dev.actorshop.seckill;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Props;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.pubsub.Topic;
import dev.actorshop.conf.CborSerializable;
import dev.actorshop.conf.Dispatchers;
import dev.actorshop.conf.NodeConfig;
import dev.actorshop.conf.ProjectionDatabase;
import dev.actorshop.product.Products;
import dev.actorshop.seckill.SaleEntity.SaleItem;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's copy of the scheduled sales that have not ended, codes included: the sale list,
 * the code endpoint and the order endpoint read it without asking any entity. It loads from the
 * {@code sales} table at start and every {@code cache-refresh}, and takes each change at once from
 * the {@code sale-changes} topic (published by the sales projection and by the node that created
 * the sale). It also warms up: from {@code warm-up} before a sale starts until it ends, it keeps
 * the sale's product entities started.
 */
public final class SaleDirectory {
  private static final Logger log = LoggerFactory.getLogger(SaleDirectory.class);
  static final String TOPIC = "sale-changes";

  /** A scheduled sale as the edges need it. */
  public record Sale(String saleId, Instant startsAt, Instant endsAt, List<SaleItem> items) implements CborSerializable {
    public Optional<SaleItem> item(String productId) {
      return items.stream().filter(i -> i.productId().equals(productId)).findFirst();
    }
  }

  /** Published when a sale is scheduled (or rejected/removed: {@code sale == null}). */
  public record SaleChanged(String saleId, Sale sale) implements CborSerializable {}

  private final AtomicReference<Map<String, Sale>> sales = new AtomicReference<>(Map.of());
  private final Clock clock;
  private ActorRef<Topic.Command<SaleChanged>> topic;

  SaleDirectory(Clock clock) {
    this.clock = clock;
  }

  /** Starts the node's directory: first load, topic subscription, refresh and warm-up ticks. */
  public static SaleDirectory start(ActorSystem<?> system, ProjectionDatabase db, Products products,
                                    SaleSettings settings) {
    SaleDirectory directory = new SaleDirectory(Clock.systemUTC());
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig(Dispatchers.BLOCKING_JDBC));
    directory.topic = system.systemActorOf(Topic.create(SaleChanged.class, TOPIC), "sale-changes-topic", Props.empty());
    system.systemActorOf(Behaviors.supervise(directory.keeper(db, products, settings, blocking))
        .onFailure(SupervisorStrategy.restart()), "sale-directory", Props.empty());
    return directory;
  }

  /** Upcoming and running sales, soonest first. */
  public List<Sale> current() {
    Instant now = clock.instant();
    return sales.get().values().stream()
        .filter(s -> s.endsAt().isAfter(now))
        .sorted(Comparator.comparing(Sale::startsAt).thenComparing(Sale::saleId))
        .toList();
  }

  public Optional<Sale> find(String saleId) {
    return Optional.ofNullable(sales.get().get(saleId));
  }

  /** Adds a sale here and tells the other nodes. */
  void publish(Sale sale) {
    apply(new SaleChanged(sale.saleId(), sale));
    if (topic != null) topic.tell(Topic.publish(new SaleChanged(sale.saleId(), sale)));
  }

  void apply(SaleChanged change) {
    sales.updateAndGet(current -> {
      Map<String, Sale> next = new HashMap<>(current);
      if (change.sale() == null) next.remove(change.saleId());
      else next.put(change.saleId(), change.sale());
      return Map.copyOf(next);
    });
  }

  void replaceAll(List<Sale> loaded) {
    Map<String, Sale> next = new HashMap<>();
    loaded.forEach(s -> next.put(s.saleId(), s));
    sales.set(Map.copyOf(next));
  }

  // ---------------------------------------------------------------------------------------------

  private sealed interface Tick {}

  private record Refresh() implements Tick {}

  private record WarmUp() implements Tick {}

  private record Changed(SaleChanged change) implements Tick {}

  private record Loaded(List<Sale> sales, Throwable error) implements Tick {}

  private Behavior<Tick> keeper(ProjectionDatabase db, Products products, SaleSettings settings, Executor blocking) {
    return Behaviors.setup(ctx -> {
      topic.tell(Topic.subscribe(ctx.messageAdapter(SaleChanged.class, Changed::new)));
      return Behaviors.withTimers(timers -> {
        timers.startTimerWithFixedDelay(new Refresh(), settings.cacheRefresh());
        timers.startTimerWithFixedDelay(new WarmUp(), settings.warmUp().dividedBy(4));
        ctx.getSelf().tell(new Refresh());
        return Behaviors.receive(Tick.class)
            .onMessage(Refresh.class, r -> {
              ctx.pipeToSelf(CompletableFuture.supplyAsync(() -> SalesTable.loadCurrent(db, clock.instant()), blocking),
                  Loaded::new);
              return Behaviors.same();
            })
            .onMessage(Loaded.class, loaded -> {
              if (loaded.error() != null) {
                log.warn("Sale cache not refreshed: {}", loaded.error().getMessage());
              } else {
                replaceAll(loaded.sales());
              }
              return Behaviors.same();
            })
            .onMessage(Changed.class, changed -> {
              apply(changed.change());
              return Behaviors.same();
            })
            .onMessage(WarmUp.class, w -> {
              Instant now = clock.instant();
              for (Sale sale : sales.get().values()) {
                if (now.isAfter(sale.startsAt().minus(settings.warmUp())) && now.isBefore(sale.endsAt())) {
                  // The answer does not matter: the ask starts the entity and recovers its state.
                  sale.items().forEach(item -> products.saleStock(item.productId(), sale.saleId()));
                }
              }
              return Behaviors.same();
            })
            .build();
      });
    });
  }

  /** The {@code sales} table, read by the directory and written by {@link SalesProjection}. */
  static final class SalesTable {
    private SalesTable() {}

    static List<Sale> loadCurrent(ProjectionDatabase db, Instant now) {
      return load(db, "SELECT sale_id, starts_at, ends_at, items FROM sales WHERE status = 'SCHEDULED' AND ends_at > ?",
          now);
    }

    /**
     * The scheduled sales that have started and are not settled: while a sale runs, and after it
     * until no order of it waits for its payment (see {@link OrderExpiry}).
     */
    static List<Sale> loadUnsettled(ProjectionDatabase db, Instant now) {
      return load(db, "SELECT sale_id, starts_at, ends_at, items FROM sales s WHERE status = 'SCHEDULED' "
          + "AND starts_at <= ? AND NOT EXISTS (SELECT 1 FROM settled_sales d WHERE d.sale_id = s.sale_id)", now);
    }

    /** Records that no order of these sales waits for its payment any more. */
    static void settle(ProjectionDatabase db, List<String> saleIds, Instant at) {
      db.write(c -> {
        try (PreparedStatement ps = c.prepareStatement(db.kind().equals(NodeConfig.POSTGRES)
            ? "INSERT INTO settled_sales (sale_id, settled_at) VALUES (?, ?) ON CONFLICT (sale_id) DO NOTHING"
            : "MERGE INTO settled_sales (sale_id, settled_at) KEY (sale_id) VALUES (?, ?)")) {
          for (String saleId : saleIds) {
            ps.setString(1, saleId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.addBatch();
          }
          ps.executeBatch();
        }
        return null;
      });
    }

    private static List<Sale> load(ProjectionDatabase db, String query, Instant now) {
      return db.read(c -> {
        List<Sale> loaded = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(query)) {
          ps.setTimestamp(1, Timestamp.from(now));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              loaded.add(new Sale(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                  SaleJson.readItems(rs.getString(4))));
            }
          }
        }
        return loaded;
      });
    }
  }
}
