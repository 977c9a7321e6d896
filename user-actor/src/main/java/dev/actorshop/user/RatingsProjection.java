package dev.actorshop.user;

import akka.actor.typed.ActorSystem;
import akka.persistence.jdbc.query.javadsl.JdbcReadJournal;
import akka.projection.ProjectionId;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.eventsourced.javadsl.EventSourcedProvider;
import akka.projection.javadsl.GroupedProjection;
import akka.projection.jdbc.javadsl.JdbcHandler;
import akka.projection.jdbc.javadsl.JdbcProjection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.typesafe.config.Config;
import dev.actorshop.conf.MongoStore;
import dev.actorshop.conf.NodeConfig;
import dev.actorshop.conf.ProjectionDatabase;
import dev.actorshop.conf.TaggedProjections;
import dev.actorshop.contracts.ReadModels.Products;
import dev.actorshop.contracts.ReadModels.Ratings;
import dev.actorshop.user.UserEntity.Event;
import dev.actorshop.user.UserEntity.ItemRated;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Rating events → the Mongo {@code ratings} read model (each user's current rating per product, the
 * input of the offline jobs) and the rating count and mean of the Mongo {@code products} documents.
 *
 * <p>Count and sum are kept in {@code product_rating_stats}, in the same transaction as the
 * projection's offset, so they are exact; the Mongo writes are overwrites with absolute values made
 * before that commit, so a batch replayed after a crash writes the same documents again.
 */
public final class RatingsProjection {
  public static final String NAME = "ratings-read-model";

  private RatingsProjection() {}

  public static void start(ActorSystem<?> system, ProjectionDatabase db, MongoStore mongo, Config config) {
    Config settings = config.getConfig("actorshop.projections");
    TaggedProjections.start(system, NAME, UserEntity.ROLE, UserEventTags.ALL,
        tag -> projection(system, db, mongo.database(), tag, settings.getInt("batch-size"),
            settings.getDuration("batch-wait")));
  }

  private static GroupedProjection<akka.persistence.query.Offset, EventEnvelope<Event>> projection(
      ActorSystem<?> system, ProjectionDatabase db, MongoDatabase mongo, String tag, int batchSize, Duration batchWait) {
    return JdbcProjection.groupedWithin(
            ProjectionId.of(NAME, tag),
            EventSourcedProvider.<Event>eventsByTag(system, JdbcReadJournal.Identifier(), tag),
            db::newSession,
            () -> new Handler(new RatingStatsTable(db.kind()), mongo),
            system)
        .withGroup(batchSize, batchWait);
  }

  static final class Handler extends JdbcHandler<List<EventEnvelope<Event>>, ProjectionDatabase.Session> {
    private final RatingStatsTable stats;
    private final MongoCollection<Document> ratings;
    private final MongoCollection<Document> products;

    Handler(RatingStatsTable stats, MongoDatabase mongo) {
      this.stats = stats;
      this.ratings = mongo.getCollection(Ratings.COLLECTION);
      this.products = mongo.getCollection(Products.COLLECTION);
    }

    @Override
    public void process(ProjectionDatabase.Session session, List<EventEnvelope<Event>> envelopes) throws Exception {
      // The last rating per (user, product) wins; a product's deltas are summed.
      Map<String, ItemRated> latest = new LinkedHashMap<>();
      Map<String, long[]> countDeltas = new TreeMap<>();
      Map<String, Double> sumDeltas = new TreeMap<>();
      for (EventEnvelope<Event> envelope : envelopes) {
        if (!(envelope.event() instanceof ItemRated e) || e.outdated()) continue;
        latest.put(Ratings.idOf(e.userId(), e.productId()), e);
        countDeltas.computeIfAbsent(e.productId(), p -> new long[1])[0] += e.previousScore() == null ? 1 : 0;
        sumDeltas.merge(e.productId(), e.score() - (e.previousScore() == null ? 0 : e.previousScore()), Double::sum);
      }
      if (latest.isEmpty()) return;

      // One product's row is shared by all instances: they take turns until their commit.
      session.serialize();
      Map<String, RatingStatsTable.Figures> totals =
          session.withConnection(c -> stats.add(c, countDeltas, sumDeltas));

      List<WriteModel<Document>> ratingWrites = new ArrayList<>(latest.size());
      latest.forEach((id, e) -> ratingWrites.add(new ReplaceOneModel<>(Filters.eq(Ratings.ID, id),
          new Document(Ratings.ID, id)
              .append(Ratings.USER_ID, e.userId())
              .append(Ratings.PRODUCT_ID, e.productId())
              .append(Ratings.SCORE, e.score())
              .append(Ratings.TIMESTAMP, e.at().toEpochMilli()),
          new ReplaceOptions().upsert(true))));
      ratings.bulkWrite(ratingWrites, new BulkWriteOptions().ordered(false));

      List<WriteModel<Document>> productWrites = new ArrayList<>(totals.size());
      totals.forEach((productId, f) -> productWrites.add(new UpdateOneModel<>(Filters.eq(Products.ID, productId),
          Updates.combine(Updates.set(Products.RATING_COUNT, f.count()), Updates.set(Products.RATING_MEAN, f.mean())),
          new UpdateOptions().upsert(true))));
      products.bulkWrite(productWrites, new BulkWriteOptions().ordered(false));
    }
  }

  /** {@code product_rating_stats}: count and sum per product, changed by deltas inside the projection's transaction. */
  static final class RatingStatsTable {
    record Figures(long count, double sum) {
      double mean() {
        return count == 0 ? 0 : sum / count;
      }
    }

    private final String upsert;

    RatingStatsTable(String kind) {
      this.upsert = kind.equals(NodeConfig.POSTGRES)
          ? "INSERT INTO product_rating_stats AS t (product_id, rating_count, rating_sum) VALUES (?, ?, ?) "
              + "ON CONFLICT (product_id) DO UPDATE SET rating_count = t.rating_count + EXCLUDED.rating_count, "
              + "rating_sum = t.rating_sum + EXCLUDED.rating_sum"
          : "MERGE INTO product_rating_stats t USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS BIGINT), "
              + "CAST(? AS DOUBLE PRECISION))) s(product_id, dc, ds) ON t.product_id = s.product_id "
              + "WHEN MATCHED THEN UPDATE SET rating_count = t.rating_count + s.dc, rating_sum = t.rating_sum + s.ds "
              + "WHEN NOT MATCHED THEN INSERT (product_id, rating_count, rating_sum) VALUES (s.product_id, s.dc, s.ds)";
    }

    /** Applies the deltas (in product id order, so concurrent instances lock rows alike) and returns the new totals. */
    Map<String, Figures> add(Connection c, Map<String, long[]> countDeltas, Map<String, Double> sumDeltas)
        throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(upsert)) {
        for (Map.Entry<String, long[]> e : countDeltas.entrySet()) {
          ps.setString(1, e.getKey());
          ps.setLong(2, e.getValue()[0]);
          ps.setDouble(3, sumDeltas.get(e.getKey()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      Map<String, Figures> totals = new TreeMap<>();
      String in = String.join(",", Collections.nCopies(countDeltas.size(), "?"));
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT product_id, rating_count, rating_sum FROM product_rating_stats WHERE product_id IN (" + in + ")")) {
        int i = 1;
        for (String productId : countDeltas.keySet()) ps.setString(i++, productId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) totals.put(rs.getString(1), new Figures(rs.getLong(2), rs.getDouble(3)));
        }
      }
      return totals;
    }
  }
}
