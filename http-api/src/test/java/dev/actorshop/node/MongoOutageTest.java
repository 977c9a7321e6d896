package dev.actorshop.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.actorshop.http.ApiClient;
import dev.actorshop.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MongoDB (MONGO_URI) goes away under a running node: catalogue reads answer 503, then recover by themselves. */
class MongoOutageTest {
  @TempDir Path dataDir;

  @Test
  void catalogueReadsAre503WhileMongoIsDownAndRecoverWhenItReturns() throws Exception {
    int port = FreePorts.next();
    MongoServer mongo = new MongoServer(new MemoryBackend());
    mongo.bind("127.0.0.1", port);
    try (Node node = Node.start(ConfigFactory.parseMap(Map.of(
            "actorshop.mongo.uri", "mongodb://127.0.0.1:" + port, "actorshop.mongo.server-selection-timeout", "2s"))
        .withFallback(TestNodes.single(dataDir)))) {
      node.adminReady().toCompletableFuture().get(30, TimeUnit.SECONDS);
      ApiClient api = new ApiClient(node.httpAddress());
      String admin = api.login("admin", TestNodes.ADMIN_PASSWORD).text("token");
      assertEquals(200, api.get("/api/products", null).status());

      mongo.shutdownNow();
      ApiClient.Reply down = api.get("/api/products", null);
      assertEquals(503, down.status(), down.raw().body());
      assertEquals("unavailable", down.text("error"));
      assertEquals("1", down.raw().headers().firstValue("Retry-After").orElse(""));
      // The entity path does not need MongoDB: an admin can still define a product meanwhile.
      assertEquals(201, api.post("/api/admin/products", admin, "{\"id\":\"during\",\"title\":\"Made During The Outage\"}").status());

      mongo = new MongoServer(new MemoryBackend());
      mongo.bind("127.0.0.1", port);
      // Back by itself; and the products projection, which failed meanwhile, delivers what it missed.
      await("catalogue back with the product defined during the outage").atMost(Duration.ofSeconds(60))
          .until(() -> api.get("/api/products?q=made", null).body().path("total").asLong() == 1);
    } finally {
      mongo.shutdownNow();
    }
  }
}
