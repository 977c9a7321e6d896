package dev.actorshop.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actorshop.http.ApiClient;
import dev.actorshop.http.ApiClient.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node is killed with SIGKILL in the middle of a flash sale and restarted on the same H2 file:
 * every order a buyer was told about (202) is still there, in the entity and in the orders table;
 * nobody holds two; the books add up; and the sale goes on to sell exactly its stock.
 */
class SaleCrashTest {
  private static final String ADMIN_PASSWORD = "crash-admin-password";
  private static final int BUYERS = 240;
  private static final int STOCK = 120;

  @TempDir Path dataDir;

  @Test
  void everyAcknowledgedOrderSurvivesAKillAndTheSaleSellsExactlyItsStock() throws Exception {
    Map<String, String> acknowledged = new ConcurrentHashMap<>();   // buyer → order id
    List<String> tokens = new ArrayList<>();
    String saleId;
    String code;
    String product = "crash-hot";

    try (NodeProcess node = NodeProcess.start(dataDir, ADMIN_PASSWORD)) {
      ApiClient api = new ApiClient(node.http);
      String admin = adminToken(api);
      for (int i = 0; i < BUYERS; i++) {
        assertEquals(201, api.register("crash-buyer-" + i, "crash-password-" + i).status());
        tokens.add(api.login("crash-buyer-" + i, "crash-password-" + i).text("token"));
      }
      assertEquals(201, api.post("/api/admin/products", admin,
          "{\"id\":\"" + product + "\",\"title\":\"Crash (2030)\",\"stock\":1000}").status());
      Instant startsAt = Instant.now().plusSeconds(2);
      Reply sale = api.post("/api/admin/sales", admin, "{\"startsAt\":\"" + startsAt + "\",\"endsAt\":\""
          + startsAt.plusSeconds(3600) + "\",\"items\":[{\"productId\":\"" + product + "\",\"stock\":" + STOCK
          + ",\"price\":9.99,\"perUserLimit\":1}]}");
      assertEquals(201, sale.status(), sale.raw().body());
      saleId = sale.text("id");
      String codePath = "/api/sales/" + saleId + "/products/" + product + "/code";
      await("the sale starts").atMost(Duration.ofSeconds(30)).until(() -> api.get(codePath, tokens.get(0)).status() == 200);
      code = api.get(codePath, tokens.get(0)).text("code");

      // Buyers stampede; the node dies once some of them have their order.
      String ordersPath = "/api/sales/" + saleId + "/products/" + product + "/orders";
      String body = "{\"code\":\"" + code + "\"}";
      AtomicBoolean killed = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      for (int i = 0; i < BUYERS / 4; i++) {   // fewer than the stock: the sale is still on at the kill
        String buyer = "crash-buyer-" + i;
        String token = tokens.get(i);
        pool.submit(() -> {
          if (killed.get()) return;
          try {
            Reply reply = api.post(ordersPath, token, body);
            if (reply.status() == 202) acknowledged.put(buyer, reply.text("orderId"));
          } catch (RuntimeException connectionLost) {
            // the node is gone: this buyer never heard back
          }
        });
      }
      await("some orders are in").atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 20);
      node.kill();
      killed.set(true);
      pool.shutdown();
      assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    }

    try (NodeProcess restarted = NodeProcess.start(dataDir, ADMIN_PASSWORD)) {
      ApiClient api = new ApiClient(restarted.http);
      String admin = adminToken(api);
      for (Map.Entry<String, String> order : acknowledged.entrySet()) {
        Reply reply = api.get("/api/orders/" + order.getValue(), admin);
        assertEquals(200, reply.status(), "acknowledged order " + order.getValue() + " after the kill: " + reply.body());
        assertEquals("RESERVED", reply.text("status"));
        assertEquals(order.getKey(), reply.text("userId"));
      }
      String auditPath = "/api/admin/sales/" + saleId + "/audit?orderIds=true";
      await("the orders table has every reservation").atMost(Duration.ofSeconds(60)).until(() -> {
        JsonNode item = api.get(auditPath, admin).body().path("items").path(0);
        return item.path("orderRows").asLong() == item.path("reserved").asLong();
      });
      JsonNode audit = api.get(auditPath, admin).body();
      Set<String> rows = new HashSet<>();
      audit.path("orderIds").forEach(id -> rows.add(id.asText()));
      assertTrue(rows.containsAll(acknowledged.values()), "every acknowledged order is a row");
      assertBooks(audit.path("items").path(0));

      // The buyer slots survived: a buyer with an order cannot get a second one.
      String ordersPath = "/api/sales/" + saleId + "/products/" + product + "/orders";
      String body = "{\"code\":\"" + code + "\"}";
      String someBuyer = acknowledged.keySet().iterator().next();
      Reply again = api.post(ordersPath, tokens.get(Integer.parseInt(someBuyer.substring("crash-buyer-".length()))), body);
      assertEquals(409, again.status(), again.raw().body());
      assertEquals("already_bought", again.text("error"));

      // The sale goes on: everyone tries; exactly the stock is sold, to distinct buyers.
      int accepted = 0;
      int soldOut = 0;
      for (String token : tokens) {
        Reply reply = api.post(ordersPath, token, body);
        if (reply.status() == 202) accepted++;
        else if (reply.status() == 409 && reply.text("error").equals("sold_out")) soldOut++;
        else assertEquals("already_bought", reply.text("error"), reply.raw().body());
      }
      assertTrue(accepted > 0 && soldOut > 0, "accepted " + accepted + ", sold out " + soldOut);
      await("the orders table catches up").atMost(Duration.ofSeconds(60)).until(() -> {
        JsonNode item = api.get(auditPath, admin).body().path("items").path(0);
        return item.path("orderRows").asLong() == item.path("reserved").asLong();
      });
      JsonNode item = api.get(auditPath, admin).body().path("items").path(0);
      assertBooks(item);
      assertEquals(0, item.path("remaining").asLong());
      assertEquals(STOCK, item.path("liveRows").asLong(), "exactly the stock is sold: " + item);
    }
  }

  private static void assertBooks(JsonNode item) {
    assertTrue(item.path("balanced").asBoolean(), "remaining + reserved - released = allocated: " + item);
    assertEquals(item.path("liveRows").asLong(), item.path("liveBuyers").asLong(), "nobody holds two orders: " + item);
    assertTrue(item.path("liveUnits").asLong() <= STOCK, "no oversell: " + item);
    assertEquals(item.path("reserved").asLong() - item.path("released").asLong(), item.path("liveUnits").asLong(),
        "the table and the entity agree: " + item);
  }

  private static String adminToken(ApiClient api) {
    await("the admin account").atMost(Duration.ofSeconds(30))
        .until(() -> api.login("admin", ADMIN_PASSWORD).status() == 200);
    return api.login("admin", ADMIN_PASSWORD).text("token");
  }
}
