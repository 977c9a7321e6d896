package dev.actorshop.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import dev.actorshop.node.Node;
import dev.actorshop.node.TestNodes;
import dev.actorshop.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projections on PostgreSQL (its dialect, offsets and the rating-stats upsert), and a restart in between. */
class ReadModelsOnPostgresTest {
  @TempDir Path dataDir;

  @Test
  void importedRatingsReachTheReadModelsExactlyOnceAcrossARestart() throws Exception {
    Config config = TestPostgres.configFor(TestPostgres.newDatabase()).withFallback(TestNodes.single(dataDir));
    String movies = "movieId,title,genres\n1,Alpha (1990),Drama\n2,Beta (1991),Comedy\n";
    try (Node node = Node.start(config)) {
      ApiClient api = client(node);
      String admin = api.login("admin", TestNodes.ADMIN_PASSWORD).text("token");
      assertEquals(200, api.post("/api/admin/import/products", admin, "text/csv", movies).status());
      assertEquals(200, api.post("/api/admin/import/ratings", admin, "text/csv",
          "1,1,4.0,10\n2,1,2.0,10\n3,1,3.0,10\n1,2,5.0,10\n").status());
      awaitFigures(api, "1", 3, 3.0);
      awaitFigures(api, "2", 1, 5.0);
    }
    try (Node node = Node.start(config)) {
      ApiClient api = client(node);
      String admin = api.login("admin", TestNodes.ADMIN_PASSWORD).text("token");
      // A re-rating by user 3 and a new rating: the figures move from where they were, not from zero.
      assertEquals(200, api.post("/api/admin/import/ratings", admin, "text/csv", "3,1,5.0,20\n4,2,1.0,20\n").status());
      awaitFigures(api, "1", 3, (4.0 + 2.0 + 5.0) / 3);
      awaitFigures(api, "2", 2, 3.0);
      JsonNode listed = api.get("/api/products?q=alpha", null).body();
      assertEquals(1, listed.get("total").asLong());
      assertEquals(3, listed.get("items").get(0).get("ratingCount").asLong());
    }
  }

  private static ApiClient client(Node node) throws Exception {
    node.adminReady().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new ApiClient(node.httpAddress());
  }

  private static void awaitFigures(ApiClient api, String id, long count, double mean) {
    await("figures of " + id).atMost(Duration.ofSeconds(30)).until(() -> {
      JsonNode p = api.get("/api/products/" + id, null).body();
      return p.path("ratingCount").asLong() == count && Math.abs(p.path("ratingMean").asDouble() - mean) < 1e-9;
    });
  }
}
