package dev.actorshop.offline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.actorshop.contracts.OfflineResults;
import dev.actorshop.contracts.OfflineResults.Kind;
import dev.actorshop.contracts.OfflineResults.Meta;
import dev.actorshop.recall.Scored;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one version of the results: each kind into its own new collection, then the flip of
 * {@code offline_meta.current} in one write, then the drop of versions older than the one
 * before. A reader that starts from {@code current} sees a whole version or the previous one.
 */
public final class MongoOutput {
  private static final Logger log = LoggerFactory.getLogger(MongoOutput.class);
  private static final int BATCH = 1_000;

  private final MongoDatabase db;

  public MongoOutput(MongoDatabase db) {
    this.db = db;
  }

  /** The next version number; two runs never get the same one. */
  public long nextVersion() {
    Document seq = meta().findOneAndUpdate(Filters.eq(OfflineResults.ID, Meta.SEQUENCE), Updates.inc(Meta.VERSION, 1L),
        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    return ((Number) seq.get(Meta.VERSION)).longValue();
  }

  /** Writes every kind of {@code results} under {@code version}; returns the documents written per kind. */
  public Map<String, Long> write(long version, Results results) {
    Map<String, Long> written = new LinkedHashMap<>();
    StatisticsJob.Result stats = results.statistics();
    written.put(Kind.POPULAR.key(), insert(Kind.POPULAR, version, stats.popular(), MongoOutput::statItem));
    written.put(Kind.TOP_RATED.key(), insert(Kind.TOP_RATED, version, Map.of(OfflineResults.ALL, stats.topRated()), MongoOutput::statItem));
    written.put(Kind.CATEGORY_TOP.key(), insert(Kind.CATEGORY_TOP, version, stats.categoryTop(), MongoOutput::statItem));
    written.put(Kind.CONTENT_SIMILAR.key(), insert(Kind.CONTENT_SIMILAR, version, results.content(), MongoOutput::item));
    written.put(Kind.ITEMCF_SIMILAR.key(), insert(Kind.ITEMCF_SIMILAR, version, results.itemCf(), MongoOutput::item));
    written.put(Kind.ALS_SIMILAR.key(), insert(Kind.ALS_SIMILAR, version, results.als().similar(), MongoOutput::item));
    written.put(Kind.ALS_USER.key(), insert(Kind.ALS_USER, version, results.als().userTop(), MongoOutput::item));
    written.put(Kind.USER_CATEGORIES.key(), insert(Kind.USER_CATEGORIES, version, results.userCategories(), OfflineResults.CATEGORIES,
        s -> new Document(OfflineResults.CATEGORY, s.id()).append(OfflineResults.SCORE, s.score())));
    return written;
  }

  /**
   * Makes {@code version} the current one (one replace of one document) and drops every result
   * collection older than the version it replaced. Returns the replaced version, if any.
   */
  public Optional<Long> flip(long version, Document details) {
    Optional<Long> previous = current();
    Document current = new Document(OfflineResults.ID, Meta.CURRENT).append(Meta.VERSION, version);
    previous.ifPresent(p -> current.append(Meta.PREVIOUS, p));
    Document collections = new Document();
    for (Kind kind : Kind.values()) {
      collections.append(kind.key(), kind.collection(version));
    }
    current.append(Meta.COLLECTIONS, collections);
    details.forEach(current::append);
    meta().replaceOne(Filters.eq(OfflineResults.ID, Meta.CURRENT), current, new ReplaceOptions().upsert(true));
    long keepFrom = previous.orElse(version);
    for (String name : db.listCollectionNames()) {
      Optional<Long> v = OfflineResults.versionOf(name);
      if (v.isPresent() && v.get() < keepFrom) {
        db.getCollection(name).drop();
        log.info("dropped {} (older than the two kept versions)", name);
      }
    }
    return previous;
  }

  public Optional<Long> current() {
    Document doc = meta().find(Filters.eq(OfflineResults.ID, Meta.CURRENT)).first();
    return doc == null ? Optional.empty() : Optional.of(((Number) doc.get(Meta.VERSION)).longValue());
  }

  private MongoCollection<Document> meta() {
    return db.getCollection(Meta.COLLECTION);
  }

  private <T> long insert(Kind kind, long version, Map<String, List<T>> lists, java.util.function.Function<T, Document> item) {
    return insert(kind, version, lists, OfflineResults.ITEMS, item);
  }

  private <T> long insert(Kind kind, long version, Map<String, List<T>> lists, String field, java.util.function.Function<T, Document> item) {
    MongoCollection<Document> target = db.getCollection(kind.collection(version));
    target.drop();
    List<Document> batch = new ArrayList<>(BATCH);
    long written = 0;
    for (Map.Entry<String, List<T>> e : lists.entrySet()) {
      List<Document> items = e.getValue().stream().map(item).toList();
      batch.add(new Document(OfflineResults.ID, e.getKey()).append(field, items));
      if (batch.size() == BATCH) {
        written += flush(target, batch);
      }
    }
    return written + flush(target, batch);
  }

  private static long flush(MongoCollection<Document> target, List<Document> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    target.insertMany(batch, new InsertManyOptions().ordered(false));
    int n = batch.size();
    batch.clear();
    return n;
  }

  private static Document item(Scored s) {
    return new Document(OfflineResults.PRODUCT_ID, s.id()).append(OfflineResults.SCORE, s.score());
  }

  private static Document statItem(StatItem s) {
    return new Document(OfflineResults.PRODUCT_ID, s.productId()).append(OfflineResults.SCORE, s.score())
        .append(OfflineResults.COUNT, s.count()).append(OfflineResults.MEAN, s.mean());
  }
}
