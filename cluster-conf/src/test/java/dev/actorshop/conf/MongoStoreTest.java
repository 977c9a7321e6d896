package dev.actorshop.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process MongoDB: reachable by URI from elsewhere, and its data survives a restart. */
class MongoStoreTest {
  @TempDir Path dataDir;

  private Config config(int port) {
    return ConfigFactory.parseMap(Map.of("actorshop.data-dir", dataDir.toString(), "actorshop.mongo.embedded.port", port))
        .withFallback(ConfigFactory.parseResources("mongo.conf"))
        .resolve();
  }

  @Test
  void documentsSurviveARestartAndOtherClientsReachTheServerByUri() {
    String uri;
    try (MongoStore store = MongoStore.start(config(0))) {
      uri = store.uri();
      assertTrue(uri.startsWith("mongodb://127.0.0.1:"), uri);
      try (MongoClient other = MongoClients.create(uri)) {
        other.getDatabase("actorshop").getCollection("products").insertOne(new Document("_id", "p1").append("title", "Kept"));
      }
    }
    int port = Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1));
    try (MongoStore again = MongoStore.start(config(port))) {
      Document kept = again.database().getCollection("products").find(new Document("_id", "p1")).first();
      assertEquals("Kept", kept.getString("title"));
      assertTrue(dataDir.resolve("mongo/mongo.mv").toFile().isFile(), "data under the node's data dir");
    }
  }

  @Test
  void aBusyPortIsAClearError() {
    try (MongoStore first = MongoStore.start(config(0))) {
      int port = Integer.parseInt(first.uri().substring(first.uri().lastIndexOf(':') + 1));
      Path otherDir = dataDir.resolve("other");
      Config second = ConfigFactory.parseMap(Map.of("actorshop.data-dir", otherDir.toString(), "actorshop.mongo.embedded.port", port))
          .withFallback(ConfigFactory.parseResources("mongo.conf")).resolve();
      IllegalStateException error = assertThrows(IllegalStateException.class, () -> MongoStore.start(second));
      assertTrue(error.getMessage().contains("--mongo-port"), error.getMessage());
    }
  }
}
