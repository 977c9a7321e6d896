package dev.actorshop.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.persistence.jdbc.config.ReadJournalConfig;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 read journal's events-by-tag query: the events of one tag after the offset, up to the
 * bound, in order, and found through the tag index, so a poll costs the new events only. (That
 * the projections receive them is what every read-model test on H2 checks.)
 */
class H2ReadJournalDaoTest {
  @TempDir Path dataDir;
  private Config config;
  private DatabaseSettings db;
  private String sql;

  @BeforeEach
  void migrate() {
    config = NodeConfig.load(ConfigFactory.parseMap(Map.of("actorshop.data-dir", dataDir.toString())));
    db = DatabaseSettings.fromConfig(config);
    DatabaseSchema.migrate(db);
    ReadJournalConfig readJournal = new ReadJournalConfig(config.getConfig("jdbc-read-journal"));
    sql = H2ReadJournalDao.eventsByTagSql(readJournal.eventJournalTableConfiguration(),
        readJournal.eventTagTableConfiguration());
  }

  @Test
  void h2UsesThisQueryAndPostgresThePluginsOwn() {
    assertEquals(H2ReadJournalDao.class.getName(), config.getString("jdbc-read-journal.dao"));
    Config postgres = NodeConfig.load(ConfigFactory.parseMap(Map.of("actorshop.db.kind", "postgres")));
    assertEquals("akka.persistence.jdbc.query.dao.DefaultReadJournalDao", postgres.getString("jdbc-read-journal.dao"));
  }

  @Test
  void onlyTheTagsLiveEventsAfterTheOffsetComeBackInOrderUpToTheBound() throws Exception {
    try (Connection c = db.connect()) {
      // orderings 1..12: tag "a" on the odd ones, "b" on the even ones, both on 6; 9 is deleted
      for (int i = 1; i <= 12; i++) {
        insertEvent(c, i, i == 9);
        if (i % 2 == 1 || i == 6) tag(c, i, "a");
        if (i % 2 == 0) tag(c, i, "b");
      }
      assertEquals(List.of(5L, 6L, 7L, 11L), orderings(c, "a", 3, 11, 100));
      assertEquals(List.of(5L, 6L), orderings(c, "a", 3, 11, 2), "at most the limit");
      assertEquals(List.of(2L, 4L, 6L, 8L, 10L, 12L), orderings(c, "b", 0, 12, 100));
      assertEquals(List.of(), orderings(c, "a", 11, 12, 100), "nothing after the last");
      assertEquals(List.of(), orderings(c, "c", 0, 12, 100));
    }
  }

  @Test
  void aPollSeeksTheTagIndexInsteadOfWalkingATable() throws Exception {
    try (Connection c = db.connect(); PreparedStatement explain = c.prepareStatement("EXPLAIN " + sql)) {
      bind(explain, "a", 100, 200, 500);
      try (ResultSet plan = explain.executeQuery()) {
        assertTrue(plan.next());
        String text = plan.getString(1);
        assertTrue(text.contains(H2ReadJournalDao.TAG_INDEX + ": "), text);
        assertFalse(text.contains("tableScan"), text);
      }
    }
  }

  private List<Long> orderings(Connection c, String tag, long offset, long maxOffset, long max) throws Exception {
    List<Long> found = new ArrayList<>();
    try (PreparedStatement query = c.prepareStatement(sql)) {
      bind(query, tag, offset, maxOffset, max);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) found.add(rows.getLong(1));
      }
    }
    return found;
  }

  private static void bind(PreparedStatement statement, String tag, long offset, long maxOffset, long max)
      throws Exception {
    statement.setString(1, tag);
    statement.setLong(2, offset);
    statement.setLong(3, maxOffset);
    statement.setLong(4, max);
  }

  private static void insertEvent(Connection c, long ordering, boolean deleted) throws Exception {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO \"event_journal\" (\"ordering\", \"deleted\", "
        + "\"persistence_id\", \"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", "
        + "\"event_payload\", \"event_ser_id\", \"event_ser_manifest\") VALUES (?, ?, ?, ?, 'w', 0, '', ?, 1, '')")) {
      insert.setLong(1, ordering);
      insert.setBoolean(2, deleted);
      insert.setString(3, "Entity|" + ordering);
      insert.setLong(4, 1);
      insert.setBytes(5, new byte[] {1});
      insert.executeUpdate();
    }
  }

  private static void tag(Connection c, long ordering, String tag) throws Exception {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, ?)")) {
      insert.setLong(1, ordering);
      insert.setString(2, tag);
      insert.executeUpdate();
    }
  }
}
