package dev.actorshop.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.actorshop.contracts.OfflineResults;
import dev.actorshop.contracts.OfflineResults.Kind;
import dev.actorshop.contracts.OfflineResults.Meta;
import dev.actorshop.contracts.OfflineResults.Runs;
import dev.actorshop.contracts.ReadModels;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs that read the node's read models from MongoDB and write versions back: the documents'
 * shapes, the flip, the two kept versions, and the run's status document.
 */
class MongoOutputTest {
  static MongoServer server;
  static MongoClient client;
  static MongoDatabase db;
  static String uri;

  @BeforeAll
  static void start() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    uri = "mongodb://127.0.0.1:" + address.getPort() + "/shop";
    client = MongoClients.create(uri);
    db = client.getDatabase("shop");
    List<Document> ratings = new ArrayList<>();
    List<Document> products = new ArrayList<>();
    java.util.Random random = new java.util.Random(3);
    for (int p = 1; p <= 30; p++) {
      products.add(new Document(ReadModels.Products.ID, "p" + p).append(ReadModels.Products.TITLE, "P " + p)
          .append(ReadModels.Products.CATEGORIES, List.of(p % 2 == 0 ? "Drama" : "Comedy"))
          .append(ReadModels.Products.TAGS, p % 3 == 0 ? List.of("funny") : List.of()));
    }
    for (int u = 1; u <= 40; u++) {
      for (int p = 1; p <= 30; p++) {
        if (random.nextDouble() < 0.4) {
          String user = "user" + u;
          String product = "p" + p;
          double score = (u + p) % 2 == 0 ? 4.5 : 2.0;
          ratings.add(new Document(ReadModels.Ratings.ID, ReadModels.Ratings.idOf(user, product))
              .append(ReadModels.Ratings.USER_ID, user).append(ReadModels.Ratings.PRODUCT_ID, product)
              .append(ReadModels.Ratings.SCORE, score).append(ReadModels.Ratings.TIMESTAMP, 1_600_000_000_000L + u * 1000L + p));
        }
      }
    }
    db.getCollection(ReadModels.Ratings.COLLECTION).insertMany(ratings);
    db.getCollection(ReadModels.Products.COLLECTION).insertMany(products);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.shutdownNow();
  }

  @Test
  void everyRunWritesANewVersionFlipsToItAndKeepsTwo() {
    Map<String, Object> first = run("run-1");
    assertEquals(1L, first.get("version"));
    assertEquals(null, first.get("previousVersion"));
    Document current = db.getCollection(Meta.COLLECTION).find(Filters.eq("_id", Meta.CURRENT)).first();
    assertEquals(1L, ((Number) current.get(Meta.VERSION)).longValue());
    assertEquals("run-1", current.getString(Meta.RUN_ID));
    Document collections = current.get(Meta.COLLECTIONS, Document.class);
    for (Kind kind : Kind.values()) {
      assertEquals(kind.collection(1), collections.getString(kind.key()));
    }
    assertEquals(1.0, current.get(Meta.MERGE, Document.class).getDouble("als"));

    // shapes, as the recommender will read them
    Document popular = db.getCollection(Kind.POPULAR.collection(1)).find(Filters.eq("_id", OfflineResults.ALL)).first();
    List<Document> items = popular.getList(OfflineResults.ITEMS, Document.class);
    assertEquals(30, items.size());
    assertEquals(Set.of("productId", "score", "count", "mean"), items.get(0).keySet());
    assertTrue(items.get(0).getDouble("score") >= items.get(1).getDouble("score"));
    Document similar = db.getCollection(Kind.ITEMCF_SIMILAR.collection(1)).find(Filters.eq("_id", "p1")).first();
    assertEquals(Set.of("productId", "score"), similar.getList(OfflineResults.ITEMS, Document.class).get(0).keySet());
    Document als = db.getCollection(Kind.ALS_USER.collection(1)).find(Filters.eq("_id", "user1")).first();
    Set<String> rated = db.getCollection(ReadModels.Ratings.COLLECTION).find(Filters.eq(ReadModels.Ratings.USER_ID, "user1"))
        .map(d -> d.getString(ReadModels.Ratings.PRODUCT_ID)).into(new java.util.HashSet<>());
    List<String> recommended = als.getList(OfflineResults.ITEMS, Document.class).stream().map(d -> d.getString("productId")).toList();
    assertEquals(30 - rated.size(), recommended.size(), "every unrated product, ranked");
    assertTrue(recommended.stream().noneMatch(rated::contains), "rated products are left out");
    Document categories = db.getCollection(Kind.USER_CATEGORIES.collection(1)).find(Filters.eq("_id", "user1")).first();
    assertEquals(Set.of("category", "score"), categories.getList(OfflineResults.CATEGORIES, Document.class).get(0).keySet());
    assertEquals(2, db.getCollection(Kind.CATEGORY_TOP.collection(1)).countDocuments());
    assertEquals(30, db.getCollection(Kind.ALS_SIMILAR.collection(1)).countDocuments());

    Document status = db.getCollection(Runs.COLLECTION).find(Filters.eq("_id", "run-1")).first();
    assertEquals(Runs.SUCCEEDED, status.getString(Runs.STATUS));
    assertEquals(1L, ((Number) status.get(Runs.SUMMARY, Document.class).get("version")).longValue());

    assertEquals(1L, run("run-2").get("previousVersion"));
    assertEquals(Set.of(1L, 2L), versions());
    Map<String, Object> third = run("run-3");
    assertEquals(3L, third.get("version"));
    assertEquals(Set.of(2L, 3L), versions(), "the version before the current one is kept, older ones dropped");
    assertEquals(2L, ((Number) db.getCollection(Meta.COLLECTION).find(Filters.eq("_id", Meta.CURRENT)).first().get(Meta.PREVIOUS)).longValue());
  }

  @Test
  void aFailedRunSaysWhyAndLeavesTheCurrentVersionAlone() {
    MongoDatabase empty = client.getDatabase("empty");
    RunStatus status = RunStatus.inMongo(empty.getCollection(Runs.COLLECTION), "bad");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () ->
        OfflineRun.run(LocalSpark.session(), new OfflineRun.Plan(Optional.empty(), Optional.of(empty), "empty",
            Optional.empty(), Optional.of("bad"), OfflineSettings.defaults()), status));
    assertTrue(e.getMessage().contains("no ratings"), e.getMessage());
    assertEquals(Runs.FAILED, empty.getCollection(Runs.COLLECTION).find().first().getString(Runs.STATUS));
    assertFalse(new MongoOutput(empty).current().isPresent());
  }

  /** One ALS grid point and few iterations: this test is about what is written, not about quality. */
  private static final OfflineSettings QUICK = quick();

  private static OfflineSettings quick() {
    OfflineSettings d = OfflineSettings.defaults();
    return new OfflineSettings(d.neighbours(), d.userTopN(), d.listSize(), d.recentWindow(), d.itemCfMaxPerUser(),
        d.shrinkage(), d.contentSupport(), d.months(), d.categoriesPerUser(), List.of(4), List.of(0.1), 5, d.alsPopularity(), d.seed(), d.merge());
  }

  private static Map<String, Object> run(String runId) {
    return OfflineRun.run(LocalSpark.session(), new OfflineRun.Plan(Optional.empty(), Optional.of(db), uri, Optional.empty(),
        Optional.of(runId), QUICK), RunStatus.inMongo(db.getCollection(Runs.COLLECTION), runId));
  }

  private static Set<Long> versions() {
    return db.listCollectionNames().into(new ArrayList<>()).stream()
        .map(OfflineResults::versionOf).flatMap(Optional::stream).collect(Collectors.toSet());
  }
}
