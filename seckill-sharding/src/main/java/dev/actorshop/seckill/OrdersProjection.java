package dev.actorshop.seckill;

import akka.actor.typed.ActorSystem;
import akka.persistence.jdbc.query.javadsl.JdbcReadJournal;
import akka.projection.ProjectionId;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.eventsourced.javadsl.EventSourcedProvider;
import akka.projection.jdbc.javadsl.JdbcHandler;
import akka.projection.jdbc.javadsl.JdbcProjection;
import com.typesafe.config.Config;
import dev.actorshop.conf.ProjectionDatabase;
import dev.actorshop.conf.TaggedProjections;
import dev.actorshop.product.ProductEntity;
import dev.actorshop.product.ProductEntity.Event;
import dev.actorshop.product.ProductEntity.OrderPaid;
import dev.actorshop.product.ProductEntity.OrdersPaid;
import dev.actorshop.product.ProductEntity.OrdersReleased;
import dev.actorshop.product.ProductEntity.ReservationReleased;
import dev.actorshop.product.ProductEntity.Reserved;
import dev.actorshop.product.ProductEventTags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * Product events → the {@code orders} table: a row per reservation, then its payment or release
 * (with the reason), each write's rows as one JDBC batch. Exactly once: the rows and the projection's offset commit in one transaction,
 * so every durable reservation ends up as exactly one row, after crashes too.
 */
public final class OrdersProjection {
  public static final String NAME = "orders-table";

  private OrdersProjection() {}

  public static void start(ActorSystem<?> system, ProjectionDatabase db, Config config) {
    Config settings = config.getConfig("actorshop.projections");
    TaggedProjections.start(system, NAME, ProductEntity.ROLE, ProductEventTags.TAGS.all(),
        tag -> JdbcProjection.groupedWithin(
                ProjectionId.of(NAME, tag),
                EventSourcedProvider.<Event>eventsByTag(system, JdbcReadJournal.Identifier(), tag),
                db::newSession,
                Handler::new,
                system)
            .withGroup(settings.getInt("batch-size"), settings.getDuration("batch-wait")));
  }

  static final class Handler extends JdbcHandler<List<EventEnvelope<Event>>, ProjectionDatabase.Session> {
    private static final String INSERT = "INSERT INTO orders (order_id, sale_id, product_id, user_id, quantity, price, "
        + "status, reserved_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, 'RESERVED', ?, ?)";
    /** By the whole primary key (sale, product, order). */
    private static final String CLOSE = "UPDATE orders SET status = ?, reason = ?, closed_at = ? "
        + "WHERE sale_id = ? AND product_id = ? AND order_id = ?";

    @Override
    public void process(ProjectionDatabase.Session session, List<EventEnvelope<Event>> envelopes) throws Exception {
      session.withConnection(c -> {
        write(c, envelopes);
        return null;
      });
    }

    private static void write(Connection c, List<EventEnvelope<Event>> envelopes) throws SQLException {
      try (PreparedStatement insert = c.prepareStatement(INSERT); PreparedStatement close = c.prepareStatement(CLOSE)) {
        int inserts = 0;
        for (EventEnvelope<Event> envelope : envelopes) {
          Event event = envelope.event();
          if (event instanceof Reserved e) {
            Timestamp at = Timestamp.from(e.at());
            Timestamp expiresAt = Timestamp.from(e.expiresAt());
            for (int i = 0; i < e.orderIds().size(); i++) {
              insert.setString(1, e.orderIds().get(i));
              insert.setString(2, e.saleId());
              insert.setString(3, e.productId());
              insert.setString(4, e.userIds().get(i));
              insert.setInt(5, e.quantities().get(i));
              insert.setBigDecimal(6, e.price());
              insert.setTimestamp(7, at);
              insert.setTimestamp(8, expiresAt);
              insert.addBatch();
              inserts++;
            }
          } else if (event instanceof OrdersPaid e) {
            if (inserts > 0) inserts = flush(insert);   // the row must exist before it changes
            for (int i = 0; i < e.orderIds().size(); i++) {
              close(close, e.saleId(), e.productId(), e.orderIds().get(i), "PAID", null, e.paidAt().get(i));
            }
            close.executeBatch();
          } else if (event instanceof OrdersReleased e) {
            if (inserts > 0) inserts = flush(insert);
            for (int i = 0; i < e.orderIds().size(); i++) {
              close(close, e.saleId(), e.productId(), e.orderIds().get(i), "RELEASED", e.reasons().get(i),
                  e.releasedAt().get(i));
            }
            close.executeBatch();
          } else if (event instanceof OrderPaid e) {   // journals from before OrdersPaid
            if (inserts > 0) inserts = flush(insert);
            close(close, e.saleId(), e.productId(), e.orderId(), "PAID", null, e.at());
            close.executeBatch();
          } else if (event instanceof ReservationReleased e) {
            if (inserts > 0) inserts = flush(insert);
            close(close, e.saleId(), e.productId(), e.orderId(), "RELEASED", e.reason(), e.at());
            close.executeBatch();
          }
        }
        if (inserts > 0) flush(insert);
      }
    }

    private static int flush(PreparedStatement insert) throws SQLException {
      insert.executeBatch();
      return 0;
    }

    /** Adds one row's change to the batch of {@code close}. */
    private static void close(PreparedStatement close, String saleId, String productId, String orderId,
                              String status, String reason, java.time.Instant at) throws SQLException {
      close.setString(1, status);
      close.setString(2, reason);
      close.setTimestamp(3, Timestamp.from(at));
      close.setString(4, saleId);
      close.setString(5, productId);
      close.setString(6, orderId);
      close.addBatch();
    }
  }
}
