package dev.actorshop.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.contracts.OfflineResults;
import dev.actorshop.contracts.OfflineResults.Kind;
import dev.actorshop.contracts.OfflineResults.Meta;
import dev.actorshop.contracts.ReadModels;
import dev.actorshop.dataset.Generator;
import dev.actorshop.dataset.GeneratorSettings;
import dev.actorshop.http.ApiClient;
import dev.actorshop.http.ApiClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin launches the offline jobs from a node: a real child JVM with Spark reads the node's
 * read models and writes a new version into the node's MongoDB, reporting its progress.
 */
class OfflineRunsApiTest {
  private static final String CSV = "text/csv";
  private static Node node;
  private static ApiClient api;
  private static String admin;
  private static String user;

  /** The node's data; JUnit removes it after the class. */
  @TempDir
  static Path dataDir;

  @BeforeAll
  static void startNode() throws Exception {
    node = Node.start(ConfigFactory.parseMap(Map.of(
            "actorshop.offline.home", Path.of("..", "spark-offline", "target").toAbsolutePath().normalize().toString(),
            "actorshop.offline.java-options", List.of("-Xmx1g"),
            "actorshop.offline.master", "local[2]"))
        .withFallback(TestNodes.single(dataDir)));
    node.adminReady().toCompletableFuture().get(30, TimeUnit.SECONDS);
    api = new ApiClient(node.httpAddress());
    admin = api.login("admin", TestNodes.ADMIN_PASSWORD).text("token");
    assertEquals(201, api.register("shopper", "correct-horse-battery").status());
    user = api.login("shopper", "correct-horse-battery").text("token");

    Path data = dataDir.resolve("movielens");
    new Generator(new GeneratorSettings(60, 40, 1_200, 5L)).writeTo(data);
    assertEquals(200, api.post("/api/admin/import/products", admin, CSV, Files.readString(data.resolve("movies.csv"))).status());
    assertEquals(200, api.post("/api/admin/import/ratings", admin, CSV, Files.readString(data.resolve("ratings.csv"))).status());
    MongoDatabase db = node.mongo().database();
    await().atMost(Duration.ofSeconds(60)).until(() -> db.getCollection(ReadModels.Ratings.COLLECTION).countDocuments() == 1_200);
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void anAdminRunsTheJobsAndTheNodesMongoGetsANewVersion() {
    Reply started = api.post("/api/admin/offline/runs", admin, "");
    assertEquals(202, started.status(), started.body().toString());
    String runId = started.text("runId");

    Reply again = api.post("/api/admin/offline/runs", admin, "");
    assertEquals(409, again.status(), "one run at a time on a node: " + again.body());
    assertEquals("run_in_progress", again.text("error"));

    Reply running = api.get("/api/admin/offline/runs/" + runId, admin);
    assertEquals(200, running.status());
    assertEquals(runId, running.text("runId"));
    assertTrue(List.of("RUNNING", "SUCCEEDED").contains(running.text("status")), running.body().toString());

    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() ->
        !api.get("/api/admin/offline/runs/" + runId, admin).text("status").equals("RUNNING"));
    JsonNode done = api.get("/api/admin/offline/runs/" + runId, admin).body();
    assertEquals("SUCCEEDED", done.get("status").asText(), done.toString());
    assertEquals(1, done.get("summary").get("version").asLong());
    assertEquals(1_200, done.get("summary").get("counts").get("ratings").asLong());
    assertEquals(done.get("progress").get("of").asInt(), done.get("progress").get("done").asInt(), done.toString());
    assertEquals("flip", done.get("stage").asText());
    assertTrue(done.hasNonNull("finishedAt"));

    MongoDatabase db = node.mongo().database();
    Document current = db.getCollection(Meta.COLLECTION).find(Filters.eq("_id", Meta.CURRENT)).first();
    assertEquals(1L, ((Number) current.get(Meta.VERSION)).longValue());
    assertEquals(runId, current.getString(Meta.RUN_ID));
    Document als = db.getCollection(Kind.ALS_USER.collection(1)).find(Filters.eq("_id", "ml-1")).first();
    assertTrue(als != null && !als.getList(OfflineResults.ITEMS, Document.class).isEmpty(),
        "imported users are named as the node names them");
  }

  @Test
  void runsAreForAdminsAndBadRequestsAreNamed() {
    assertEquals(403, api.post("/api/admin/offline/runs", user, "").status());
    assertEquals(401, api.get("/api/admin/offline/runs/x", null).status());
    Reply missing = api.get("/api/admin/offline/runs/run-nope", admin);
    assertEquals(404, missing.status());
    assertEquals("not_found", missing.text("error"));
    Reply bad = api.post("/api/admin/offline/runs?evaluate=maybe", admin, "");
    assertEquals(400, bad.status());
    assertEquals("evaluate", bad.text("field"));
  }

  @Test
  void aLauncherWithoutTheBuildSaysWhereItLooked(@TempDir Path empty) {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new OfflineLauncher(empty, List.of()).requireBuilt());
    assertTrue(e.getMessage().contains(empty.resolve("actorshop-offline.jar").toString()), e.getMessage());
  }
}
