package dev.actorshop.seckill;

import akka.actor.typed.ActorSystem;
import akka.persistence.jdbc.query.javadsl.JdbcReadJournal;
import akka.projection.ProjectionId;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.eventsourced.javadsl.EventSourcedProvider;
import akka.projection.jdbc.javadsl.JdbcHandler;
import akka.projection.jdbc.javadsl.JdbcProjection;
import dev.actorshop.conf.NodeConfig;
import dev.actorshop.conf.ProjectionDatabase;
import dev.actorshop.conf.TaggedProjections;
import dev.actorshop.product.ProductEntity;
import dev.actorshop.seckill.SaleEntity.Event;
import dev.actorshop.seckill.SaleEntity.SaleDefinition;
import dev.actorshop.seckill.SaleEntity.SaleRejected;
import dev.actorshop.seckill.SaleEntity.SaleRequested;
import dev.actorshop.seckill.SaleEntity.SaleScheduled;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sale events → the {@code sales} table (exactly once with the offset), the durable list every
 * node's {@link SaleDirectory} loads; each change is also published to the directories at once.
 */
public final class SalesProjection {
  public static final String NAME = "sales-table";

  private SalesProjection() {}

  public static void start(ActorSystem<?> system, ProjectionDatabase db, SaleDirectory directory) {
    TaggedProjections.start(system, NAME, ProductEntity.ROLE, List.of(SaleEntity.TAG),
        tag -> JdbcProjection.exactlyOnce(
            ProjectionId.of(NAME, tag),
            EventSourcedProvider.<Event>eventsByTag(system, JdbcReadJournal.Identifier(), tag),
            db::newSession,
            () -> new Handler(db.kind(), directory),
            system));
  }

  static final class Handler extends JdbcHandler<EventEnvelope<Event>, ProjectionDatabase.Session> {
    private final String upsert;
    private final SaleDirectory directory;

    Handler(String kind, SaleDirectory directory) {
      this.directory = directory;
      this.upsert = kind.equals(NodeConfig.POSTGRES)
          ? "INSERT INTO sales (sale_id, status, starts_at, ends_at, items, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
              + "ON CONFLICT (sale_id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, "
              + "updated_at = EXCLUDED.updated_at"
          : "MERGE INTO sales (sale_id, status, starts_at, ends_at, items, reason, updated_at) KEY (sale_id) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public void process(ProjectionDatabase.Session session, EventEnvelope<Event> envelope) throws Exception {
      Event event = envelope.event();
      if (event instanceof SaleRequested e) {
        session.withConnection(c -> write(c, e.saleId(), "PENDING", e.definition(), null, e.at()));
      } else if (event instanceof SaleScheduled e) {
        SaleDefinition d = session.withConnection(c -> status(c, e.saleId(), "SCHEDULED", null, e.at()));
        if (d != null) {
          directory.publish(new SaleDirectory.Sale(e.saleId(), d.startsAt(), d.endsAt(), d.items()));
        }
      } else if (event instanceof SaleRejected e) {
        session.withConnection(c -> status(c, e.saleId(), "REJECTED", e.reason(), e.at()));
      }
    }

    private Void write(Connection c, String saleId, String status, SaleDefinition d, String reason, Instant at)
        throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(upsert)) {
        ps.setString(1, saleId);
        ps.setString(2, status);
        ps.setTimestamp(3, Timestamp.from(d.startsAt()));
        ps.setTimestamp(4, Timestamp.from(d.endsAt()));
        ps.setString(5, SaleJson.writeItems(d.items()));
        ps.setString(6, reason);
        ps.setTimestamp(7, Timestamp.from(at));
        ps.executeUpdate();
      }
      return null;
    }

    /** Sets the status and returns the sale as written by its SaleRequested (null if there is no row). */
    private SaleDefinition status(Connection c, String saleId, String status, String reason, Instant at)
        throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE sales SET status = ?, reason = ?, updated_at = ? WHERE sale_id = ?")) {
        ps.setString(1, status);
        ps.setString(2, reason == null ? null : reason.substring(0, Math.min(reason.length(), 500)));
        ps.setTimestamp(3, Timestamp.from(at));
        ps.setString(4, saleId);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT starts_at, ends_at, items FROM sales WHERE sale_id = ?")) {
        ps.setString(1, saleId);
        try (var rs = ps.executeQuery()) {
          if (!rs.next()) return null;
          return new SaleDefinition(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(),
              new ArrayList<>(SaleJson.readItems(rs.getString(3))));
        }
      }
    }
  }
}
