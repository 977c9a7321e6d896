package dev.actorshop.conf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSchemaTest {
  private static final Set<String> JOURNAL_TABLES = Set.of("event_journal", "event_tag", "snapshot", "durable_state");

  @TempDir Path dataDir;

  @Test
  void theDefaultIsAnH2FileUnderTheDataDirAndMigratingTwiceIsHarmless() throws Exception {
    Config config = NodeConfig.load(ConfigFactory.parseMap(Map.of("actorshop.data-dir", dataDir.toString())));
    DatabaseSettings db = DatabaseSettings.fromConfig(config);
    assertEquals("h2", db.kind());
    assertTrue(db.url().contains("WRITE_DELAY=0"), "commits must reach the OS before the ack");

    DatabaseSchema.migrate(db);
    DatabaseSchema.migrate(db);
    assertTrue(tables(db).containsAll(JOURNAL_TABLES), "tables: " + tables(db));
    assertTrue(Files.isDirectory(dataDir.resolve("db")));
  }

  @Test
  void anH2JournalWrittenBeforeThePayloadMovedIntoTheRowKeepsEveryByte() throws Exception {
    DatabaseSettings db = DatabaseSettings.fromConfig(
        NodeConfig.load(ConfigFactory.parseMap(Map.of("actorshop.data-dir", dataDir.toString()))));
    Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration/h2")
        .target("6").load().migrate();
    byte[] payload = new byte[5000];   // over H2's 256-byte in-place limit: a LOB before V7
    new Random(7).nextBytes(payload);
    try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement("INSERT INTO \"event_journal\" "
        + "(\"persistence_id\", \"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", "
        + "\"event_payload\", \"event_ser_id\", \"event_ser_manifest\") VALUES ('Product|p1', 1, 'w', 0, '', ?, 33, 'R')")) {
      insert.setBytes(1, payload);
      insert.executeUpdate();
    }

    DatabaseSchema.migrate(db);
    try (Connection c = db.connect(); Statement query = c.createStatement();
         ResultSet column = query.executeQuery("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS "
             + "WHERE TABLE_NAME = 'event_journal' AND COLUMN_NAME = 'event_payload'")) {
      assertTrue(column.next());
      assertEquals("BINARY VARYING", column.getString(1), "the payload is stored in the row");
      try (ResultSet row = query.executeQuery("SELECT \"event_payload\" FROM \"event_journal\" "
          + "WHERE \"persistence_id\" = 'Product|p1' AND \"sequence_number\" = 1")) {
        assertTrue(row.next());
        assertArrayEquals(payload, row.getBytes(1));
      }
    }
  }

  @Test
  void postgresIsSelectedByConfigAndMigratingTwiceIsHarmless() throws Exception {
    DatabaseSettings db = TestPostgres.newDatabase();
    Config config = NodeConfig.load(TestPostgres.configFor(db));
    assertEquals("slick.jdbc.PostgresProfile$",
        config.getString("akka-persistence-jdbc.shared-databases.default.profile"));
    assertEquals(db.url(), config.getString("akka-persistence-jdbc.shared-databases.default.db.url"));

    DatabaseSchema.migrate(db);
    DatabaseSchema.migrate(db);
    assertTrue(tables(db).containsAll(JOURNAL_TABLES), "tables: " + tables(db));
  }

  @Test
  void anUnknownDatabaseKindIsAClearError() {
    var error = assertThrows(IllegalArgumentException.class,
        () -> NodeConfig.load(ConfigFactory.parseMap(Map.of("actorshop.db.kind", "oracle"))));
    assertTrue(error.getMessage().contains("ACTORSHOP_DB"));
  }

  private static Set<String> tables(DatabaseSettings db) throws SQLException {
    Set<String> names = new HashSet<>();
    try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) names.add(rs.getString("TABLE_NAME").toLowerCase());
    }
    return names;
  }
}
