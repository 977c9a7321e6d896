package dev.actorshop.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.http.ApiClient.Reply;
import dev.actorshop.node.Node;
import dev.actorshop.node.TestNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flash-sale contract, black-box over HTTP against one node on H2: creating a sale, the
 * purchase code, ordering, paying, cancelling, the payment timeout, rate limits, and every refusal
 * with its status and error code.
 */
class SaleApiTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Node node;
  private static ApiClient api;
  private static String admin;
  private static final AtomicInteger users = new AtomicInteger();

  /** The node's data; JUnit removes it after the class. */
  @TempDir
  static Path dataDir;

  @BeforeAll
  static void startNode() throws Exception {
    node = Node.start(ConfigFactory.parseMap(Map.of(
            "actorshop.product.payment-timeout", "6s",
            "actorshop.seckill.expiry.interval", "300ms",
            "actorshop.seckill.rate-limit.user-per-second", "5"))
        .withFallback(TestNodes.single(dataDir)));
    node.adminReady().toCompletableFuture().get(30, TimeUnit.SECONDS);
    api = new ApiClient(node.httpAddress());
    admin = api.login("admin", TestNodes.ADMIN_PASSWORD).text("token");
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void aSaleRunsFromCreationToPaidCancelledAndSoldOut() {
    product("flash-1", 10);
    Instant startsAt = Instant.now().plusSeconds(2);
    Reply created = createSale(startsAt, startsAt.plusSeconds(3600), "flash-1", 3, 2);
    assertEquals(201, created.status(), created.body().toString());
    String sale = created.text("id");
    assertEquals("upcoming", created.text("status"));
    assertTrue(created.body().toString().indexOf("code") < 0, "codes are never listed: " + created.body());
    assertEquals(7, api.get("/api/products/flash-1", null).body().get("freeStock").asLong(), "3 set aside");

    String ann = user();
    String bob = user();
    String cy = user();
    assertEquals("upcoming", listed(sale).get("status").asText());
    assertEquals(3, listed(sale).get("items").get(0).get("stock").asLong());
    Reply early = api.get(codePath(sale, "flash-1"), ann);
    assertEquals(403, early.status());
    assertEquals("sale_not_started", early.text("error"));
    assertEquals(401, api.get(codePath(sale, "flash-1"), null).status());

    await("the sale starts").atMost(WAIT).until(() -> api.get(codePath(sale, "flash-1"), ann).status() == 200);
    String code = api.get(codePath(sale, "flash-1"), ann).text("code");
    assertEquals("running", listed(sale).get("status").asText());

    assertError(400, "missing_field", order(ann, sale, "flash-1", "{}"));
    assertError(403, "wrong_code", order(ann, sale, "flash-1", "{\"code\":\"guess\"}"));
    assertError(400, "invalid_field", order(ann, sale, "flash-1", "{\"code\":\"" + code + "\",\"quantity\":3}"));
    assertError(404, "not_found", order(ann, sale, "other-product", "{\"code\":\"" + code + "\"}"));
    assertError(404, "not_found", order(ann, "s0000nosale", "flash-1", "{\"code\":\"" + code + "\"}"));

    Reply annOrder = order(ann, sale, "flash-1", "{\"code\":\"" + code + "\"}");
    assertEquals(202, annOrder.status(), annOrder.body().toString());
    String annId = annOrder.text("orderId");
    assertEquals("RESERVED", annOrder.text("status"));
    assertNotNull(annOrder.text("expiresAt"));
    assertError(409, "already_bought", order(ann, sale, "flash-1", "{\"code\":\"" + code + "\"}"));

    assertEquals(200, api.get("/api/orders/" + annId, ann).status());
    assertEquals(200, api.get("/api/orders/" + annId, admin).status(), "an admin sees any order");
    assertError(404, "not_found", api.get("/api/orders/" + annId, bob));
    assertError(404, "not_found", api.get("/api/orders/not-an-order", ann));
    assertEquals(401, api.get("/api/orders/" + annId, null).status());

    Reply paid = api.post("/api/orders/" + annId + "/pay", ann, "");
    assertEquals(200, paid.status(), paid.body().toString());
    assertEquals("PAID", paid.text("status"));
    assertEquals(200, api.post("/api/orders/" + annId + "/pay", ann, "").status(), "paying twice is fine");
    assertError(409, "already_paid", api.post("/api/orders/" + annId + "/cancel", ann, ""));

    Reply bobOrder = order(bob, sale, "flash-1", "{\"code\":\"" + code + "\",\"quantity\":2}");
    assertEquals(202, bobOrder.status());
    assertError(409, "sold_out", order(cy, sale, "flash-1", "{\"code\":\"" + code + "\"}"));

    Reply cancelled = api.post("/api/orders/" + bobOrder.text("orderId") + "/cancel", bob, "");
    assertEquals("RELEASED", cancelled.text("status"));
    assertEquals("cancelled", cancelled.text("reason"));
    assertError(409, "order_released", api.post("/api/orders/" + bobOrder.text("orderId") + "/pay", bob, ""));
    assertEquals(202, order(cy, sale, "flash-1", "{\"code\":\"" + code + "\"}").status(), "the stock came back");
    assertEquals(202, order(bob, sale, "flash-1", "{\"code\":\"" + code + "\"}").status(), "and bob may order again");

    // The orders table follows: ann's row paid, bob's first one released, cy's and bob's second reserved.
    await("the orders table shows the payment and the cancellation").atMost(WAIT).until(() -> {
      JsonNode rows = api.get("/api/admin/sales/" + sale + "/audit", admin).body().path("items").path(0).path("rowsByStatus");
      return rows.path("PAID").asInt() == 1 && rows.path("RELEASED").asInt() == 1 && rows.path("RESERVED").asInt() == 2;
    });
  }

  @Test
  void anUnpaidOrderExpiresAndItsStockReturns() {
    product("flash-2", 1);
    Instant startsAt = Instant.now().plusSeconds(1);
    String sale = createSale(startsAt, startsAt.plusSeconds(3600), "flash-2", 1, 1).text("id");
    String dee = user();
    String eve = user();
    await("the sale starts").atMost(WAIT).until(() -> api.get(codePath(sale, "flash-2"), dee).status() == 200);
    String code = api.get(codePath(sale, "flash-2"), dee).text("code");
    String orderId = order(dee, sale, "flash-2", "{\"code\":\"" + code + "\"}").text("orderId");
    assertError(409, "sold_out", order(eve, sale, "flash-2", "{\"code\":\"" + code + "\"}"));

    await("the unpaid order expires").atMost(WAIT)
        .until(() -> "RELEASED".equals(api.get("/api/orders/" + orderId, dee).text("status")));
    assertEquals("expired", api.get("/api/orders/" + orderId, dee).text("reason"));
    assertError(409, "order_released", api.post("/api/orders/" + orderId + "/pay", dee, ""));
    assertEquals(202, order(eve, sale, "flash-2", "{\"code\":\"" + code + "\"}").status());
  }

  @Test
  void badSalesAreRefusedNamingTheProblem() {
    product("flash-3", 5);
    Instant later = Instant.now().plusSeconds(3600);
    String user = user();
    assertEquals(401, api.post("/api/admin/sales", null, "{}").status());
    assertError(403, "forbidden", api.post("/api/admin/sales", user, "{}"));
    assertField("startsAt", createSale(Instant.now().minusSeconds(5), later, "flash-3", 1, 1));
    assertField("endsAt", createSale(later, later.minusSeconds(1), "flash-3", 1, 1));
    assertField("items[0].stock", createSale(later, later.plusSeconds(60), "flash-3", 0, 1));
    assertField("items[0].perUserLimit", createSale(later, later.plusSeconds(60), "flash-3", 1, 0));
    assertField("items[0].productId", createSale(later, later.plusSeconds(60), "no such id!", 1, 1));
    assertField("startsAt", api.post("/api/admin/sales", admin,
        "{\"startsAt\":\"tomorrow\",\"endsAt\":\"" + later + "\",\"items\":[]}"));
    assertField("items", api.post("/api/admin/sales", admin,
        "{\"startsAt\":\"" + later + "\",\"endsAt\":\"" + later.plusSeconds(9) + "\",\"items\":[]}"));
    assertError(400, "unknown_field", api.post("/api/admin/sales", admin, "{\"startsAt\":\"" + later
        + "\",\"endsAt\":\"" + later.plusSeconds(9) + "\",\"items\":[{\"productId\":\"flash-3\",\"colour\":\"red\"}]}"));
    assertError(400, "malformed_request", api.post("/api/admin/sales", admin, "[1,2"));

    Reply unknown = createSale(later, later.plusSeconds(60), "never-defined", 1, 1);
    assertEquals(400, unknown.status(), unknown.body().toString());
    Reply tooMuch = createSale(later, later.plusSeconds(60), "flash-3", 6, 1);
    assertError(409, "stock_unavailable", tooMuch);
    assertTrue(tooMuch.text("message").contains("5 free"), tooMuch.text("message"));
    assertEquals(5, api.get("/api/products/flash-3", null).body().get("freeStock").asLong(), "nothing was set aside");
  }

  @Test
  void tooManyOrdersFromOneUserGet429WithRetryAfter() {
    String user = user();
    int limited = 0;
    Reply last = null;
    for (int i = 0; i < 30 && limited == 0; i++) {
      last = order(user, "s0000nosale", "p", "{\"code\":\"x\"}");
      if (last.status() == 429) limited++;
      else assertEquals(404, last.status());
    }
    assertEquals(1, limited, "the user's bucket runs dry");
    assertEquals("rate_limited", last.text("error"));
    assertTrue(last.raw().headers().firstValueAsLong("Retry-After").orElse(0) >= 1);
  }

  // ---------------------------------------------------------------------------------------------

  private static void product(String id, long stock) {
    Reply r = api.post("/api/admin/products", admin, "{\"id\":\"" + id + "\",\"title\":\"" + id + "\",\"stock\":" + stock + "}");
    assertEquals(201, r.status(), r.body().toString());
  }

  private static Reply createSale(Instant startsAt, Instant endsAt, String productId, long stock, int limit) {
    return api.post("/api/admin/sales", admin, "{\"startsAt\":\"" + startsAt + "\",\"endsAt\":\"" + endsAt
        + "\",\"items\":[{\"productId\":\"" + productId + "\",\"stock\":" + stock + ",\"price\":1.99,\"perUserLimit\":"
        + limit + "}]}");
  }

  private static String user() {
    String name = "buyer" + users.incrementAndGet();
    assertEquals(201, api.register(name, "correct-horse-battery").status());
    return api.login(name, "correct-horse-battery").text("token");
  }

  private static JsonNode listed(String sale) {
    for (JsonNode s : api.get("/api/sales", null).body().get("sales")) {
      if (s.get("id").asText().equals(sale)) return s;
    }
    throw new AssertionError("sale " + sale + " is not listed");
  }

  private static String codePath(String sale, String product) {
    return "/api/sales/" + sale + "/products/" + product + "/code";
  }

  private static Reply order(String token, String sale, String product, String body) {
    return api.post("/api/sales/" + sale + "/products/" + product + "/orders", token, body);
  }

  private static void assertError(int status, String code, Reply reply) {
    JsonNode body = reply.body();
    assertEquals(status, reply.status(), String.valueOf(body));
    assertEquals(code, body.get("error").asText(), body.toString());
  }

  private static void assertField(String field, Reply reply) {
    assertEquals(400, reply.status(), String.valueOf(reply.body()));
    assertEquals(field, reply.text("field"), reply.body().toString());
  }
}
