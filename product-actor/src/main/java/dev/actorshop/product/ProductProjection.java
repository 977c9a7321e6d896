package dev.actorshop.product;

import akka.actor.typed.ActorSystem;
import akka.projection.ProjectionId;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.eventsourced.javadsl.EventSourcedProvider;
import akka.projection.javadsl.GroupedProjection;
import akka.projection.jdbc.javadsl.JdbcHandler;
import akka.projection.jdbc.javadsl.JdbcProjection;
import akka.persistence.jdbc.query.javadsl.JdbcReadJournal;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.typesafe.config.Config;
import dev.actorshop.conf.MongoStore;
import dev.actorshop.conf.ProjectionDatabase;
import dev.actorshop.conf.TaggedProjections;
import dev.actorshop.contracts.ReadModels.Products;
import dev.actorshop.product.ProductEntity.Catalogue;
import dev.actorshop.product.ProductEntity.Event;
import dev.actorshop.product.ProductEntity.ProductDefined;
import dev.actorshop.product.ProductEntity.StockAdjusted;
import dev.actorshop.product.ProductEntity.StockSet;
import dev.actorshop.product.ProductEntity.TagsAdded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

/**
 * Product events → the Mongo {@code products} read model (catalogue fields and stock). Offsets are
 * stored exactly once in the journal's database; the Mongo writes are idempotent overwrites applied
 * in event order, so a batch replayed after a crash leaves the same documents.
 */
public final class ProductProjection {
  public static final String NAME = "products-read-model";

  private ProductProjection() {}

  public static void start(ActorSystem<?> system, ProjectionDatabase db, MongoStore mongo, Config config) {
    Config settings = config.getConfig("actorshop.projections");
    TaggedProjections.start(system, NAME, ProductEntity.ROLE, ProductEventTags.TAGS.all(),
        tag -> projection(system, db, mongo.database().getCollection(Products.COLLECTION), tag,
            settings.getInt("batch-size"), settings.getDuration("batch-wait")));
  }

  private static GroupedProjection<akka.persistence.query.Offset, EventEnvelope<Event>> projection(
      ActorSystem<?> system, ProjectionDatabase db, MongoCollection<Document> products, String tag,
      int batchSize, Duration batchWait) {
    return JdbcProjection.groupedWithin(
            ProjectionId.of(NAME, tag),
            EventSourcedProvider.<Event>eventsByTag(system, JdbcReadJournal.Identifier(), tag),
            db::newSession,
            () -> new Handler(products),
            system)
        .withGroup(batchSize, batchWait);
  }

  static final class Handler extends JdbcHandler<List<EventEnvelope<Event>>, ProjectionDatabase.Session> {
    private final MongoCollection<Document> products;

    Handler(MongoCollection<Document> products) {
      this.products = products;
    }

    @Override
    public void process(ProjectionDatabase.Session session, List<EventEnvelope<Event>> envelopes) {
      List<WriteModel<Document>> writes = new ArrayList<>(envelopes.size());
      for (EventEnvelope<Event> envelope : envelopes) {
        WriteModel<Document> write = write(envelope.event());
        if (write != null) writes.add(write);
      }
      // Ordered: a product's events must land in the order they happened.
      if (!writes.isEmpty()) products.bulkWrite(writes, new BulkWriteOptions().ordered(true));
    }
  }

  /** The document change for a catalogue event; null for the events that do not touch the catalogue. */
  static WriteModel<Document> write(Event event) {
    Bson update;
    if (event instanceof ProductDefined e) {
      update = catalogue(e.catalogue(), e.at());
    } else if (event instanceof StockSet e) {
      update = Updates.combine(Updates.set(Products.STOCK, e.stock()), updatedAt(e.at()));
    } else if (event instanceof StockAdjusted e) {
      update = Updates.combine(Updates.set(Products.STOCK, e.stock()), updatedAt(e.at()));
    } else if (event instanceof TagsAdded e) {
      update = Updates.combine(Updates.addEachToSet(Products.TAGS, e.tags()), updatedAt(e.at()));
    } else {
      return null;   // sale allocations and orders: the orders table's business, not the catalogue's
    }
    return new UpdateOneModel<>(Filters.eq(Products.ID, event.productId()), update, new UpdateOptions().upsert(true));
  }

  private static Bson catalogue(Catalogue c, java.time.Instant at) {
    List<Bson> sets = new ArrayList<>(List.of(
        Updates.set(Products.TITLE, c.title()),
        Updates.set(Products.TITLE_KEY, c.title().toLowerCase(Locale.ROOT)),
        Updates.set(Products.CATEGORIES, c.categories()),
        Updates.set(Products.TAGS, c.tags()),
        Updates.set(Products.ATTRIBUTES, new Document(c.attributes())),
        updatedAt(at)));
    sets.add(c.price() == null ? Updates.unset(Products.PRICE) : Updates.set(Products.PRICE, new Decimal128(c.price())));
    return Updates.combine(sets);
  }

  private static Bson updatedAt(java.time.Instant at) {
    return Updates.set(Products.UPDATED_AT, Date.from(at));
  }
}
