package dev.actorshop.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import dev.actorshop.http.ApiClient.Reply;
import dev.actorshop.node.Node;
import dev.actorshop.node.TestNodes;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP contract, black-box against a bound node on H2. */
class UserApiTest {
  private static final String PASSWORD = "correct-horse-battery";
  private static final AtomicInteger users = new AtomicInteger();
  private static Node node;
  private static ApiClient api;
  private static String token;

  /** The node's data; JUnit removes it after the class. */
  @TempDir
  static Path dataDir;

  @BeforeAll
  static void startNode() throws Exception {
    node = Node.start(TestNodes.single(dataDir));
    node.adminReady().toCompletableFuture().get(30, TimeUnit.SECONDS);
    api = new ApiClient(node.httpAddress());
    token = newUserToken();
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private static String newUsername() {
    return "user-" + users.incrementAndGet();
  }

  private static String newUserToken() {
    String name = newUsername();
    assertEquals(201, api.register(name, PASSWORD).status());
    Reply login = api.login(name, PASSWORD);
    assertEquals(200, login.status());
    return login.text("token");
  }

  @Test
  void registerLoginRateAndSeeTheWindow() {
    Reply registered = api.register("Carol", PASSWORD);
    assertEquals(201, registered.status());
    assertEquals("carol", registered.text("userId"));
    assertEquals("Carol", registered.text("username"));

    Reply login = api.login("carol", PASSWORD);
    assertEquals(200, login.status(), "usernames are case-insensitive");
    assertEquals("carol", login.text("userId"));
    String carol = login.text("token");
    assertTrue(carol.length() > 43, "a token carries 256 random bits");

    assertEquals(201, api.rate(carol, "1", 4.5).status());
    assertEquals(201, api.post("/api/clicks", carol, "{\"productId\":\"2\"}").status());
    assertEquals(201, api.rate(carol, "3", 2.0).status());

    Reply me = api.get("/api/users/me", carol);
    assertEquals(200, me.status());
    assertEquals("Carol", me.text("username"));
    assertEquals("user", me.text("role"));
    assertEquals(2, me.body().get("ratedCount").asInt());
    JsonNode recent = me.body().get("recent");
    assertEquals(3, recent.size());
    assertEquals("3", recent.get(0).get("productId").asText(), "newest first");
    assertEquals(2.0, recent.get(0).get("score").asDouble());
    assertEquals("rating", recent.get(0).get("type").asText());
    assertEquals("click", recent.get(1).get("type").asText());
    assertFalse(recent.get(1).has("score"), "a click has no score");
    assertEquals(4.5, recent.get(2).get("score").asDouble());
    assertTrue(recent.get(2).has("at"));
  }

  @Test
  void aSecondLoginRevokesTheFirstToken() {
    String name = newUsername();
    api.register(name, PASSWORD);
    String first = api.login(name, PASSWORD).text("token");
    assertEquals(200, api.get("/api/users/me", first).status());

    String second = api.login(name, PASSWORD).text("token");
    assertNotEquals(first, second);
    Reply revoked = api.get("/api/users/me", first);
    assertEquals(401, revoked.status());
    assertEquals("invalid_token", revoked.text("error"));
    assertEquals("Bearer realm=\"actorshop\"", revoked.raw().headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals(200, api.get("/api/users/me", second).status());
  }

  @Test
  void logoutEndsTheSession() {
    String mine = newUserToken();
    assertEquals(204, api.send("DELETE", "/api/sessions", mine, null).status());
    assertEquals(401, api.get("/api/users/me", mine).status());
    assertEquals(401, api.send("DELETE", "/api/sessions", mine, null).status());
  }

  @Test
  void aRetriedRatingWithTheSameEventIdCountsOnce() {
    String mine = newUserToken();
    String body = "{\"productId\":\"7\",\"score\":3.5,\"eventId\":\"client-retry-1\"}";
    assertEquals(201, api.post("/api/ratings", mine, body).status());
    assertEquals(201, api.post("/api/ratings", mine, body).status());
    assertEquals(1, api.get("/api/users/me", mine).body().get("recent").size());
  }

  @Test
  void theWindowKeepsTheNewestTwenty() {
    String mine = newUserToken();
    for (int i = 1; i <= 25; i++) assertEquals(201, api.rate(mine, "p" + i, 3.0).status());
    JsonNode me = api.get("/api/users/me", mine).body();
    assertEquals(20, me.get("recent").size());
    assertEquals("p25", me.get("recent").get(0).get("productId").asText());
    assertEquals(25, me.get("ratedCount").asInt());
  }

  /**
   * Akka's asks return Scala's CompletionStage adapter, whose every continuation runs "async" on
   * the JDK's default executor, which on a 2-core machine starts a thread per task: that once cut
   * throughput by half. Requests must reuse the node's threads.
   */
  @Test
  void requestsDoNotStartAThreadEach() {
    String mine = newUserToken();
    var threads = ManagementFactory.getThreadMXBean();
    long before = threads.getTotalStartedThreadCount();
    for (int i = 0; i < 200; i++) assertEquals(201, api.rate(mine, "t" + i, 3.0).status());
    long started = threads.getTotalStartedThreadCount() - before;
    assertTrue(started < 50, started + " threads started for 200 requests");
  }

  @Test
  void adminRoutesNeedTheAdminRole() {
    Reply asUser = api.get("/api/admin/users/user-1", token);
    assertEquals(403, asUser.status());
    assertEquals("forbidden", asUser.text("error"));

    Reply adminLogin = api.login("admin", TestNodes.ADMIN_PASSWORD);
    assertEquals(200, adminLogin.status(), "the admin account is bootstrapped from the configured password");
    Reply asAdmin = api.get("/api/admin/users/user-1", adminLogin.text("token"));
    assertEquals(200, asAdmin.status());
    assertEquals("user-1", asAdmin.text("username"));
    assertEquals(404, api.get("/api/admin/users/nobody-here", adminLogin.text("token")).status());
  }

  @Test
  void nobodyCanRegisterAsAdmin() {
    Reply reply = api.register("Admin", PASSWORD);
    assertEquals(409, reply.status());
    assertEquals("username_taken", reply.text("error"));
  }

  @Test
  void wrongPasswordAndUnknownUserLookTheSame() {
    Reply wrong = api.login("user-1", "not-the-password");
    Reply unknown = api.login("nobody-at-all", PASSWORD);
    assertEquals(401, wrong.status());
    assertEquals(401, unknown.status());
    assertEquals(wrong.body(), unknown.body());
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        // method, path, authenticated, body, status, error code, field
        Arguments.of("POST", "/api/users", false, "{\"username\":\"ab\",\"password\":\"" + PASSWORD + "\"}", 400, "invalid_field", "username"),
        Arguments.of("POST", "/api/users", false, "{\"username\":\"bad name!\",\"password\":\"" + PASSWORD + "\"}", 400, "invalid_field", "username"),
        Arguments.of("POST", "/api/users", false, "{\"username\":\"" + "x".repeat(33) + "\",\"password\":\"" + PASSWORD + "\"}", 400, "invalid_field", "username"),
        Arguments.of("POST", "/api/users", false, "{\"username\":\"okname\",\"password\":\"short\"}", 400, "invalid_field", "password"),
        Arguments.of("POST", "/api/users", false, "{\"username\":\"okname\",\"password\":\"" + "p".repeat(72) + "\"}", 400, "invalid_field", "password"),
        Arguments.of("POST", "/api/users", false, "{\"username\":\"okname\",\"password\":\"" + "\u00e9".repeat(36) + "\"}", 400, "invalid_field", "password"),
        Arguments.of("POST", "/api/sessions", false, "{\"username\":\"user-1\",\"password\":\"" + "p".repeat(500) + "\"}", 401, "invalid_credentials", null),
        Arguments.of("POST", "/api/sessions", false, "{\"username\":\"\",\"password\":\"" + PASSWORD + "\"}", 401, "invalid_credentials", null),
        Arguments.of("POST", "/api/sessions", false, "{\"username\":\"" + "n".repeat(5000) + "\",\"password\":\"" + PASSWORD + "\"}", 401, "invalid_credentials", null),
        Arguments.of("POST", "/api/users", false, "{\"password\":\"" + PASSWORD + "\"}", 400, "missing_field", "username"),
        Arguments.of("POST", "/api/users", false, "{\"username\":12345,\"password\":\"" + PASSWORD + "\"}", 400, "invalid_field", "username"),
        Arguments.of("POST", "/api/users", false, "{\"username\":\"okname\",\"password\":\"" + PASSWORD + "\",\"admin\":true}", 400, "unknown_field", "admin"),
        Arguments.of("POST", "/api/users", false, "{\"username\":", 400, "malformed_request", null),
        Arguments.of("POST", "/api/users", false, "", 400, "malformed_request", null),
        Arguments.of("POST", "/api/users", false, "[1,2]", 400, "malformed_request", null),
        Arguments.of("POST", "/api/users", false, "{} {}", 400, "malformed_request", null),
        Arguments.of("POST", "/api/sessions", false, "{\"username\":\"user-1\"}", 400, "missing_field", "password"),
        Arguments.of("POST", "/api/ratings", true, "{\"productId\":\"1\",\"score\":5.5}", 400, "invalid_field", "score"),
        Arguments.of("POST", "/api/ratings", true, "{\"productId\":\"1\",\"score\":0}", 400, "invalid_field", "score"),
        Arguments.of("POST", "/api/ratings", true, "{\"productId\":\"1\",\"score\":3.3}", 400, "invalid_field", "score"),
        Arguments.of("POST", "/api/ratings", true, "{\"productId\":\"1\",\"score\":\"4\"}", 400, "invalid_field", "score"),
        Arguments.of("POST", "/api/ratings", true, "{\"productId\":\"1\"}", 400, "missing_field", "score"),
        Arguments.of("POST", "/api/ratings", true, "{\"productId\":1,\"score\":4}", 400, "invalid_field", "productId"),
        Arguments.of("POST", "/api/ratings", true, "{\"productId\":\"\",\"score\":4}", 400, "invalid_field", "productId"),
        Arguments.of("POST", "/api/ratings", true, "{\"productId\":\"a b\",\"score\":4}", 400, "invalid_field", "productId"),
        Arguments.of("POST", "/api/ratings", true, "{\"productId\":\"1\",\"score\":4,\"eventId\":\"\"}", 400, "invalid_field", "eventId"),
        Arguments.of("POST", "/api/ratings", true, "{\"productId\":\"1\",\"score\":4,\"rating\":4}", 400, "unknown_field", "rating"),
        Arguments.of("POST", "/api/ratings", true, "{\"productId\":\"1\",\"score\":4,\"eventId\":\"" + "e".repeat(129) + "\"}", 400, "invalid_field", "eventId"),
        Arguments.of("POST", "/api/clicks", true, "{}", 400, "missing_field", "productId"),
        Arguments.of("POST", "/api/ratings", false, "{\"productId\":\"1\",\"score\":4}", 401, "missing_token", null),
        Arguments.of("GET", "/api/users/me", false, null, 401, "missing_token", null),
        Arguments.of("PUT", "/api/ratings", true, "{}", 405, "method_not_allowed", null),
        Arguments.of("GET", "/api/no-such-thing", false, null, 404, "not_found", null),
        Arguments.of("POST", "/api/users", false, "{\"username\":\"" + "u".repeat(70_000) + "\"}", 413, "payload_too_large", null));
  }

  @ParameterizedTest(name = "{0} {1} -> {4} {5} {6}")
  @MethodSource("badRequests")
  void badInputGetsA4xxWithAJsonBodyNamingTheProblem(
      String method, String path, boolean authenticated, String body, int status, String error, String field) {
    Reply reply = api.send(method, path, authenticated ? token : null, body);
    assertEquals(status, reply.status(), reply.raw().body());
    assertEquals(error, reply.text("error"), reply.raw().body());
    assertFalse(reply.text("message").isBlank());
    assertTrue(reply.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    if (field != null) {
      assertEquals(field, reply.text("field"));
      assertTrue(reply.text("message").contains(field), "the message names the field: " + reply.text("message"));
    }
    assertFalse(reply.raw().body().contains("at dev.") || reply.raw().body().contains("Exception"),
        "no stack trace in: " + reply.raw().body());
  }

  @Test
  void aPasswordOfExactlyTheLimitWorks() {
    String longest = "p".repeat(71);
    assertEquals(201, api.register("longest-pass", longest).status());
    assertEquals(200, api.login("longest-pass", longest).status());
  }

  @Test
  void anAuthorizationHeaderThatIsNotBearerCountsAsMissing() {
    HttpResponse<String> basic = api.rawGet("/api/users/me", "Authorization", "Basic dXNlcjpwYXNz");
    assertEquals(401, basic.statusCode());
    assertTrue(basic.body().contains("missing_token"), basic.body());
  }

  @Test
  void aBadTokenIsRefusedWhateverItsShape() {
    List<String> tokens = new ArrayList<>(List.of("garbage", "user-1.", ".abc", "user-1.forged", "nobody.abc"));
    for (String bad : tokens) {
      Reply reply = api.get("/api/users/me", bad);
      assertEquals(401, reply.status(), bad);
      assertEquals("invalid_token", reply.text("error"), bad);
    }
  }
}
