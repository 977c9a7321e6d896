package dev.actorshop.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import dev.actorshop.http.ApiClient;
import dev.actorshop.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Acknowledged means durable: what a user was told is saved is there after a restart or a crash. */
class DurabilityTest {
  private static final String PASSWORD = "durable-password-1";

  @TempDir Path dataDir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgres"})
  void usersSessionsAndRatingsSurviveAFullNodeRestart(String store) throws Exception {
    Config config = TestNodes.single(dataDir);
    if (store.equals("postgres")) config = TestPostgres.configFor(TestPostgres.newDatabase()).withFallback(config);

    String token;
    try (Node node = Node.start(config)) {
      ApiClient api = new ApiClient(node.httpAddress());
      assertEquals(201, api.register("dora", PASSWORD).status());
      token = api.login("dora", PASSWORD).text("token");
      for (int i = 1; i <= 5; i++) assertEquals(201, api.rate(token, "m" + i, i).status());
      assertEquals(201, api.post("/api/clicks", token, "{\"productId\":\"m9\"}").status());
    }

    try (Node restarted = Node.start(config)) {
      ApiClient api = new ApiClient(restarted.httpAddress());
      JsonNode me = api.get("/api/users/me", token).body();
      assertEquals("dora", me.get("username").asText(), "the session outlives the restart: " + me);
      assertEquals(5, me.get("ratedCount").asInt());
      assertEquals(6, me.get("recent").size());
      assertEquals("m9", me.get("recent").get(0).get("productId").asText());
      assertEquals(409, api.register("dora", PASSWORD).status(), "the account is still there");
      assertEquals(200, api.login("dora", PASSWORD).status(), "so is its password hash");
    }
  }

  /**
   * Ratings stream in from several clients; the node is killed with SIGKILL in the middle. Every
   * rating that got its 201 must be there when the node comes back on the same H2 file.
   */
  @Test
  void noAcknowledgedRatingIsLostWhenTheProcessIsKilled() throws Exception {
    int writers = 4;
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger attempted = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    String token;

    try (NodeProcess node = NodeProcess.start(dataDir)) {
      ApiClient api = new ApiClient(node.http);
      assertEquals(201, api.register("erin", PASSWORD).status());
      token = api.login("erin", PASSWORD).text("token");

      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> clients = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        clients.add(pool.submit(() -> {
          for (int i = 0; !stop.get(); i++) {
            attempted.incrementAndGet();
            String product = "w" + writer + "-" + i;
            try {
              if (api.post("/api/ratings", token, rating(product)).status() == 201) acknowledged.add(product);
            } catch (RuntimeException connectionLost) {
              return;
            }
          }
        }));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300);
      node.kill();
      stop.set(true);
      pool.shutdown();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }

    try (NodeProcess restarted = NodeProcess.start(dataDir)) {
      ApiClient api = new ApiClient(restarted.http);
      int rated = api.get("/api/users/me", token).body().get("ratedCount").asInt();
      assertTrue(rated >= acknowledged.size(),
          "acknowledged " + acknowledged.size() + " ratings but only " + rated + " survived the kill");
      assertTrue(rated <= attempted.get());
      // Exactly which ones: re-sending a stored rating (same event id) changes nothing, a lost one would count.
      for (String product : acknowledged) assertEquals(201, api.post("/api/ratings", token, rating(product)).status());
      assertEquals(rated, api.get("/api/users/me", token).body().get("ratedCount").asInt(),
          "an acknowledged rating was missing after the kill");
    }
  }

  /** The client's own event id, so a re-send after the crash is recognised. */
  private static String rating(String product) {
    return "{\"productId\":\"" + product + "\",\"score\":4.0,\"eventId\":\"" + product + "\"}";
  }
}
