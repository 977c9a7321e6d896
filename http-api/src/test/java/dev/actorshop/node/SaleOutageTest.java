package dev.actorshop.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.conf.DatabaseSettings;
import dev.actorshop.http.ApiClient;
import dev.actorshop.http.ApiClient.Reply;
import dev.actorshop.testkit.FreePorts;
import dev.actorshop.testkit.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away in the middle of a sale: orders get a 503 (JSON, Retry-After), nothing is
 * half-applied (an order is whole in the entity and the table, or not there at all), and when the
 * database returns the sale goes on by itself: the refused buyer's retry ends with exactly one
 * order and the books add up.
 */
class SaleOutageTest {
  @TempDir Path pgDir;
  @TempDir Path dataDir;

  @Test
  void ordersGet503WhileTheDatabaseIsDownAndTheSaleContinuesWhenItReturns() throws Exception {
    int pgPort = FreePorts.next();
    EmbeddedPostgres postgres = startPostgres(pgPort);
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      c.createStatement().execute("CREATE DATABASE actorshop");
    }
    DatabaseSettings db = new DatabaseSettings(
        "postgres", "jdbc:postgresql://127.0.0.1:" + pgPort + "/actorshop", "postgres", "postgres");
    Config config = ConfigFactory.parseMap(Map.of(
            "actorshop.product.ask-timeout", "2s",
            "actorshop.product.group-commit.write-timeout", "2s"))
        .withFallback(TestPostgres.configFor(db))
        .withFallback(TestNodes.single(dataDir));

    try (Node node = Node.start(config)) {
      node.adminReady().toCompletableFuture().get();
      ApiClient api = new ApiClient(node.httpAddress());
      String admin = api.login("admin", TestNodes.ADMIN_PASSWORD).text("token");
      String[] tokens = new String[3];
      for (int i = 0; i < tokens.length; i++) {
        assertEquals(201, api.register("outage-buyer-" + i, "outage-password-" + i).status());
        tokens[i] = api.login("outage-buyer-" + i, "outage-password-" + i).text("token");
      }
      assertEquals(201, api.post("/api/admin/products", admin,
          "{\"id\":\"outage-hot\",\"title\":\"Outage (2030)\",\"stock\":10}").status());
      Instant startsAt = Instant.now().plusSeconds(1);
      Reply sale = api.post("/api/admin/sales", admin, "{\"startsAt\":\"" + startsAt + "\",\"endsAt\":\""
          + startsAt.plusSeconds(3600) + "\",\"items\":[{\"productId\":\"outage-hot\",\"stock\":5,\"price\":1,\"perUserLimit\":1}]}");
      assertEquals(201, sale.status(), sale.raw().body());
      String saleId = sale.text("id");
      String codePath = "/api/sales/" + saleId + "/products/outage-hot/code";
      await("the sale starts").atMost(Duration.ofSeconds(30)).until(() -> api.get(codePath, tokens[0]).status() == 200);
      String order = "{\"code\":\"" + api.get(codePath, tokens[0]).text("code") + "\"}";
      String ordersPath = "/api/sales/" + saleId + "/products/outage-hot/orders";

      Reply before = api.post(ordersPath, tokens[0], order);
      assertEquals(202, before.status(), before.raw().body());

      postgres.close();
      Reply during = api.post(ordersPath, tokens[1], order);
      assertEquals(503, during.status(), during.raw().body());
      assertEquals("unavailable", during.text("error"));
      assertTrue(during.raw().headers().firstValue("Retry-After").isPresent(), "a 503 says when to retry");

      postgres = startPostgres(pgPort);
      // A 503 is "outcome unknown" to a client: a poll that timed out may still land, so 409 counts too.
      await("orders are taken again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> Set.of(202, 409).contains(api.post(ordersPath, tokens[2], order).status()));
      // The refused buyer's retry is safe: either the order never happened and this is the first
      // one, or the write that was waiting for the database landed after the 503 (a 503 means
      // "outcome unknown", as any timeout) and the retry names that order. Never two, never half.
      Reply retried = api.post(ordersPath, tokens[1], order);
      String refusedBuyersOrder;
      if (retried.status() == 202) {
        refusedBuyersOrder = retried.text("orderId");
      } else {
        assertEquals("already_bought", retried.text("error"), retried.raw().body());
        String message = retried.text("message");
        refusedBuyersOrder = message.substring(message.lastIndexOf(' ') + 1);
        assertEquals(200, api.get("/api/orders/" + refusedBuyersOrder, tokens[1]).status(), "the landed order is whole");
      }
      assertEquals(409, api.post(ordersPath, tokens[0], order).status(), "the order from before is still held");

      String auditPath = "/api/admin/sales/" + saleId + "/audit?orderIds=true";
      await("the orders table catches up").atMost(Duration.ofSeconds(60)).until(() -> {
        JsonNode item = api.get(auditPath, admin).body().path("items").path(0);
        return item.path("orderRows").asLong() == item.path("reserved").asLong();
      });
      JsonNode audit = api.get(auditPath, admin).body();
      JsonNode item = audit.path("items").path(0);
      assertTrue(item.path("balanced").asBoolean(), item.toString());
      assertEquals(3, item.path("reserved").asLong(), "three buyers, one order each: " + item);
      assertEquals(2, item.path("remaining").asLong());
      assertEquals(3, item.path("liveBuyers").asLong());
      Set<String> rows = new HashSet<>();
      audit.path("orderIds").forEach(id -> rows.add(id.asText()));
      assertTrue(rows.contains(before.text("orderId")) && rows.contains(refusedBuyersOrder), rows.toString());
      assertEquals(3, rows.size());
    } finally {
      postgres.close();
    }
  }

  private EmbeddedPostgres startPostgres(int port) throws Exception {
    return TestPostgres.startOwn(pgDir, port);
  }
}
