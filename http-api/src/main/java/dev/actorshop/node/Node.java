package dev.actorshop.node;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Adapter;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.http.javadsl.ServerBinding;
import akka.management.javadsl.AkkaManagement;
import akka.pattern.Patterns;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import akka.actor.typed.DispatcherSelector;
import akka.projection.jdbc.javadsl.JdbcProjection;
import dev.actorshop.conf.DatabaseSchema;
import dev.actorshop.conf.Dispatchers;
import dev.actorshop.conf.MongoStore;
import dev.actorshop.conf.ProjectionDatabase;
import dev.actorshop.seckill.LocalOrderRateLimiter;
import dev.actorshop.seckill.OrderExpiry;
import dev.actorshop.seckill.OrdersTable;
import dev.actorshop.seckill.OrdersProjection;
import dev.actorshop.seckill.SaleAudit;
import dev.actorshop.seckill.SaleDirectory;
import dev.actorshop.seckill.SaleEntity;
import dev.actorshop.seckill.SaleSettings;
import dev.actorshop.seckill.Sales;
import dev.actorshop.seckill.SalesProjection;
import dev.actorshop.product.ProductCatalog;
import dev.actorshop.product.ProductEntity;
import dev.actorshop.product.ProductProjection;
import dev.actorshop.product.ProductSettings;
import dev.actorshop.product.Products;
import dev.actorshop.user.RatingsProjection;
import dev.actorshop.conf.DatabaseSettings;
import dev.actorshop.conf.NodeConfig;
import dev.actorshop.http.ApiRoutes;
import dev.actorshop.http.HttpServer;
import dev.actorshop.user.UserEntity;
import dev.actorshop.user.UserSettings;
import dev.actorshop.user.Users;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actorshop node: schema set-up, the actor system, cluster membership, sharding of the
 * entities its roles host, akka-management, the HTTP API (role {@code api}) and the admin account.
 * Used by {@code bin/actorshop node|demo} and by tests, which start several in one JVM.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);
  public static final String SYSTEM_NAME = "actorshop";
  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<Void> system;
  private final Users users;
  private final Products products;
  private final MongoStore mongo;
  private final InetSocketAddress httpAddress;
  private final CompletionStage<?> adminReady;
  private final Sales sales;

  private Node(ActorSystem<Void> system, Users users, Products products, Sales sales, MongoStore mongo,
               InetSocketAddress httpAddress, CompletionStage<?> adminReady) {
    this.system = system;
    this.sales = sales;
    this.users = users;
    this.products = products;
    this.mongo = mongo;
    this.httpAddress = httpAddress;
    this.adminReady = adminReady;
  }

  /** Starts a node and returns once its HTTP API (if any) is bound. */
  public static Node start(Config overrides) {
    Config config = NodeConfig.load(overrides);
    DatabaseSettings db = DatabaseSettings.fromConfig(config);
    refuseSharedClusterOnPrivateFiles(config, db);
    DatabaseSchema.migrate(db);

    Config seeded = seededBySelfIfAlone(config);
    MongoStore mongo = MongoStore.start(config);
    ProjectionDatabase projectionDb = new ProjectionDatabase(db, config.getInt("actorshop.projections.pool-size"));
    ActorSystem<Void> system;
    try {
      system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME, seeded);
    } catch (RuntimeException e) {
      projectionDb.close();
      mongo.close();
      throw e;
    }
    system.getWhenTerminated().whenComplete((done, error) -> {
      projectionDb.close();
      mongo.close();
    });
    try {
      Cluster cluster = Cluster.get(system);
      if (seeded.getStringList("akka.cluster.seed-nodes").isEmpty()) {
        // A random port (tests) is only known once the system runs: join ourselves explicitly.
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      system.systemActorOf(MembershipLog.create(), "membership-log", Props.empty());
      AkkaManagement.get(system).start();

      UserSettings userSettings = UserSettings.fromConfig(config);
      UserEntity.init(system, userSettings);
      Users users = new Users(system, userSettings);
      ProductSettings productSettings = ProductSettings.fromConfig(config);
      ProductEntity.init(system, productSettings);
      Products products = new Products(system, productSettings);
      ProductCatalog catalog = new ProductCatalog(mongo,
          system.dispatchers().lookup(DispatcherSelector.fromConfig(Dispatchers.MONGO)));

      JdbcProjection.createTablesIfNotExists(projectionDb::newSession, system)
          .toCompletableFuture().get(BIND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      RatingsProjection.start(system, projectionDb, mongo, config);
      ProductProjection.start(system, projectionDb, mongo, config);

      SaleSettings saleSettings = SaleSettings.fromConfig(config);
      SaleEntity.init(system, products);
      SaleDirectory saleDirectory = SaleDirectory.start(system, projectionDb, products, saleSettings);
      SalesProjection.start(system, projectionDb, saleDirectory);
      OrdersProjection.start(system, projectionDb, config);
      OrdersTable ordersTable = new OrdersTable(system, projectionDb);
      OrderExpiry.start(system, projectionDb, products, ordersTable, saleSettings);
      Sales sales = new Sales(system, products, saleDirectory, ordersTable,
          new LocalOrderRateLimiter(saleSettings.rateLimits()), saleSettings,
          new SaleAudit(system, products, saleDirectory, projectionDb));

      OfflineRuns offline = new OfflineRuns(mongo, config,
          system.dispatchers().lookup(DispatcherSelector.fromConfig(Dispatchers.MONGO)));
      if (!List.of("off", "false", "").contains(config.getString("actorshop.offline.schedule"))) {
        Duration period = config.getDuration("actorshop.offline.schedule");
        offline.runEvery(period, java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "offline-schedule");
          t.setDaemon(true);
          return t;
        }));
        log.info("offline runs scheduled every {}", period);
      }
      CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stop-offline-run", () -> {
        offline.close();
        return CompletableFuture.completedFuture(Done.getInstance());
      });

      InetSocketAddress httpAddress = null;
      if (cluster.selfMember().hasRole("api")) {
        ServerBinding binding = HttpServer.start(system, ApiRoutes.create(users, products, catalog, sales, offline, config),
                config.getString("actorshop.http.hostname"), config.getInt("actorshop.http.port"))
            .toCompletableFuture().get(BIND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        httpAddress = binding.localAddress();
      }

      CompletionStage<?> adminReady = ensureAdmin(system, users, config.getString("actorshop.admin.password"));
      StartedCheck.markStarted(Adapter.toClassic(system));
      log.info("Node {} up with roles {} on {}", cluster.selfMember().address(),
          cluster.selfMember().getRoles(), db.describe());
      return new Node(system, users, products, sales, mongo, httpAddress, adminReady);
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException("node did not start: " + e.getMessage(), e);
    }
  }

  /**
   * Nodes of one cluster must share one journal, or users moving between nodes would lose their
   * history. An H2 file belongs to one process, so joining other nodes on it is refused.
   */
  private static void refuseSharedClusterOnPrivateFiles(Config config, DatabaseSettings db) {
    String self = selfAddress(config);
    boolean joinsOthers = config.getStringList("akka.cluster.seed-nodes").stream().anyMatch(seed -> !seed.equals(self));
    if (joinsOthers && db.url().startsWith("jdbc:h2:file:")) {
      throw new IllegalArgumentException("a node that joins other nodes needs their shared database: "
          + "set ACTORSHOP_DB=postgres and DB_URL (an H2 file belongs to one process)");
    }
    if (joinsOthers && config.getString("actorshop.mongo.uri").isBlank()) {
      throw new IllegalArgumentException("a node that joins other nodes needs their shared MongoDB: set MONGO_URI "
          + "(a node's in-process MongoDB would hold only the read models its own projections write)");
    }
  }

  /** Without --seeds a node forms its own one-node cluster: it is its own seed. */
  private static Config seededBySelfIfAlone(Config config) {
    boolean randomPort = config.getInt("akka.remote.artery.canonical.port") == 0;
    if (!config.getStringList("akka.cluster.seed-nodes").isEmpty() || randomPort) return config;
    return config.withValue("akka.cluster.seed-nodes", ConfigValueFactory.fromIterable(List.of(selfAddress(config))));
  }

  private static String selfAddress(Config config) {
    return "akka://" + SYSTEM_NAME + "@" + config.getString("akka.remote.artery.canonical.hostname") + ":"
        + config.getInt("akka.remote.artery.canonical.port");
  }

  /** The admin account may need entity nodes that are still joining: retry for a while. */
  private static CompletionStage<?> ensureAdmin(ActorSystem<?> system, Users users, String password) {
    if (password.isEmpty()) return CompletableFuture.completedFuture(null);
    Users.requireAdminPassword(password);
    return Patterns.retry(() -> users.ensureAdmin(password), 30, Duration.ofSeconds(2),
            system.classicSystem().scheduler(), system.executionContext())
        .whenCompleteAsync((done, error) -> {
          if (error != null) log.error("Admin account could not be set up: {}", error.getMessage());
        }, system.executionContext());
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public Users users() {
    return users;
  }

  public Products products() {
    return products;
  }

  public Sales sales() {
    return sales;
  }

  /** The read models' MongoDB (its URI reaches it from other processes). */
  public MongoStore mongo() {
    return mongo;
  }

  /** Where the HTTP API listens; null on a node without the {@code api} role. */
  public InetSocketAddress httpAddress() {
    return httpAddress;
  }

  public CompletionStage<?> adminReady() {
    return adminReady;
  }

  /** Leaves the cluster gracefully (handing shards over) and waits for the system to end. */
  @Override
  public void close() {
    CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
    system.getWhenTerminated().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
  }
}
