package dev.actorshop.conf;

import akka.NotUsed;
import akka.persistence.PersistentRepr;
import akka.persistence.jdbc.AkkaSerialization;
import akka.persistence.jdbc.config.EventJournalTableColumnNames;
import akka.persistence.jdbc.config.EventJournalTableConfiguration;
import akka.persistence.jdbc.config.EventTagTableConfiguration;
import akka.persistence.jdbc.config.ReadJournalConfig;
import akka.persistence.jdbc.journal.dao.JournalTables.JournalAkkaSerializationRow;
import akka.persistence.jdbc.query.dao.DefaultReadJournalDao;
import akka.serialization.Serialization;
import akka.stream.Materializer;
import akka.stream.javadsl.Source;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import scala.Option;
import scala.Tuple3;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import slick.dbio.DBIOAction;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;
import slick.jdbc.SimpleJdbcAction;

/**
 * The read journal's events-by-tag query, written so that H2 reads only the events after the
 * offset. The plugin's own query joins a derived table ({@code SELECT … FROM event_journal WHERE
 * deleted = false}) to {@code event_tag}, which H2 plans as a walk over every row of the tag, one
 * sub-query each, on every poll: the cost grew with the journal, and at 100,000 ratings an idle
 * node spent a core polling. Here the range is on {@code event_tag}'s own columns, read through
 * the {@code (tag, event_id)} index (migration V5), and each event is fetched by its ordering.
 *
 * <p>Everything else is the plugin's {@link DefaultReadJournalDao}. PostgreSQL keeps that one
 * ({@code persistence-postgres.conf}): its planner uses the journal's ordering index already.
 */
public final class H2ReadJournalDao extends DefaultReadJournalDao {
  /**
   * On {@code event_tag (tag, event_id)}, from migration V5. Named in the query: without the hint
   * H2 walks the whole journal instead.
   */
  static final String TAG_INDEX = "event_tag_tag_idx";
  private final JdbcBackend.DatabaseDef db;
  private final Serialization serialization;
  private final String sql;

  public H2ReadJournalDao(JdbcBackend.DatabaseDef db, JdbcProfile profile, ReadJournalConfig config,
                          Serialization serialization, ExecutionContext ec, Materializer mat) {
    super(db, profile, config, serialization, ec, mat);
    this.db = db;
    this.serialization = serialization;
    this.sql = eventsByTagSql(config.eventJournalTableConfiguration(), config.eventTagTableConfiguration());
  }

  static String eventsByTagSql(EventJournalTableConfiguration journal, EventTagTableConfiguration tags) {
    EventJournalTableColumnNames c = journal.columnNames();
    // In the order of JournalAkkaSerializationRow's fields, which rows() reads by position.
    String columns = Stream.of(c.ordering(), c.deleted(), c.persistenceId(), c.sequenceNumber(), c.writer(),
            c.writeTimestamp(), c.adapterManifest(), c.eventPayload(), c.eventSerId(), c.eventSerManifest(),
            c.metaPayload(), c.metaSerId(), c.metaSerManifest())
        .map(column -> "j." + q(column))
        .collect(Collectors.joining(", "));
    String eventId = "t." + q(tags.columnNames().eventId());
    return "SELECT " + columns
        + " FROM " + table(tags.schemaName(), tags.tableName()) + " t USE INDEX (" + q(TAG_INDEX) + ")"
        + " JOIN " + table(journal.schemaName(), journal.tableName()) + " j ON j." + q(c.ordering()) + " = " + eventId
        + " WHERE t." + q(tags.columnNames().tag()) + " = ? AND " + eventId + " > ? AND " + eventId + " <= ?"
        + " AND j." + q(c.deleted()) + " = FALSE"
        + " ORDER BY " + eventId + " LIMIT ?";
  }

  @Override
  public akka.stream.scaladsl.Source<scala.util.Try<Tuple3<PersistentRepr, Set<String>, Object>>, NotUsed> eventsByTag(
      String tag, long offset, long maxOffset, long max) {
    SimpleJdbcAction<List<JournalAkkaSerializationRow>> query =
        SimpleJdbcAction.apply(context -> rows(context.connection(), tag, offset, maxOffset, max));
    Set<String> noTags = scala.collection.immutable.Set$.MODULE$.empty();
    // From the Scala future itself: a CompletionStage in between completes its stages on a new
    // thread each when the common pool has fewer than two threads (a 2-core machine).
    return Source.future(run(query))
        .mapConcat(rows -> rows)
        .map(row -> AkkaSerialization.fromRow(serialization, row)
            .map(read -> new Tuple3<PersistentRepr, Set<String>, Object>(read._1(), noTags, read._2())))
        .asScala();
  }

  /** {@code db.run}, whose effect type Java cannot name ({@code Nothing}). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private <R> Future<R> run(SimpleJdbcAction<R> action) {
    return (Future<R>) db.run((DBIOAction) action);
  }

  private List<JournalAkkaSerializationRow> rows(Connection connection, String tag, long offset, long maxOffset,
                                                 long max) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, tag);
      statement.setLong(2, offset);
      statement.setLong(3, maxOffset);
      statement.setLong(4, Math.min(max, Integer.MAX_VALUE));
      List<JournalAkkaSerializationRow> rows = new ArrayList<>();
      try (ResultSet r = statement.executeQuery()) {
        while (r.next()) {
          int metaSerId = r.getInt(12);
          Option<Object> metaSerIdOption = r.wasNull() ? Option.empty() : Option.apply(metaSerId);
          rows.add(new JournalAkkaSerializationRow(r.getLong(1), r.getBoolean(2), r.getString(3), r.getLong(4),
              r.getString(5), r.getLong(6), r.getString(7), r.getBytes(8), r.getInt(9), r.getString(10),
              Option.apply(r.getBytes(11)), metaSerIdOption, Option.apply(r.getString(13))));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("events by tag " + tag + " after " + offset + ": " + e.getMessage(), e);
    }
  }

  private static String table(Option<String> schema, String name) {
    return schema.isDefined() ? q(schema.get()) + "." + q(name) : q(name);
  }

  private static String q(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
