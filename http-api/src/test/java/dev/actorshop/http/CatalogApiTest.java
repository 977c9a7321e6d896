package dev.actorshop.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.contracts.ReadModels.Ratings;
import dev.actorshop.http.ApiClient.Reply;
import dev.actorshop.node.Node;
import dev.actorshop.node.TestNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue and bulk-import contract, black-box over HTTP against one node on H2 with its
 * in-process MongoDB; the read models are checked through the MongoDB driver.
 */
class CatalogApiTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String CSV = "text/csv";
  private static final String NDJSON = "application/x-ndjson";
  private static Node node;
  private static ApiClient api;
  private static String admin;
  private static String user;

  /** The node's data; JUnit removes it after the class. */
  @TempDir
  static Path dataDir;

  @BeforeAll
  static void startNode() throws Exception {
    node = Node.start(ConfigFactory.parseMap(Map.of("actorshop.import.max-request-bytes", "256k"))
        .withFallback(TestNodes.single(dataDir)));
    node.adminReady().toCompletableFuture().get(30, TimeUnit.SECONDS);
    api = new ApiClient(node.httpAddress());
    admin = api.login("admin", TestNodes.ADMIN_PASSWORD).text("token");
    assertEquals(201, api.register("shopper", "correct-horse-battery").status());
    user = api.login("shopper", "correct-horse-battery").text("token");
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void anAdminCreatesAndChangesAProductAndEveryoneSeesIt() {
    Reply created = api.post("/api/admin/products", admin, """
        {"id":"p-1","title":"Heat (1995)","categories":["Action","Crime"],"tags":["heist"],
         "price":9.99,"attributes":{"director":"Michael Mann"},"stock":5}""");
    assertEquals(201, created.status(), created.body().toString());
    assertEquals("Heat (1995)", created.text("title"));
    assertEquals(9.99, created.body().get("price").asDouble());
    assertEquals(5, created.body().get("stock").asLong());

    Reply changed = api.post("/api/admin/products", admin, "{\"id\":\"p-1\",\"price\":12.5}");
    assertEquals(200, changed.status());
    assertEquals("Heat (1995)", changed.text("title"), "fields not sent are kept");

    Reply read = api.get("/api/products/p-1", null);
    assertEquals(200, read.status());
    assertEquals(12.5, read.body().get("price").asDouble());
    assertEquals("Michael Mann", read.body().get("attributes").get("director").asText());
    assertEquals(0, read.body().get("ratingCount").asLong());

    JsonNode listed = await("the read model has the product").atMost(WAIT).until(
        () -> api.get("/api/products?q=heat", null).body(),
        page -> page.get("total").asLong() == 1 && page.get("items").get(0).get("price").asDouble() == 12.5);
    assertEquals("p-1", listed.get("items").get(0).get("id").asText());
    assertEquals(5, listed.get("items").get(0).get("stock").asLong());
  }

  @Test
  void stockIsSetAndAdjustedByTheAdmin() {
    assertEquals(201, api.post("/api/admin/products", admin, "{\"id\":\"p-stock\",\"title\":\"Stocked\"}").status());
    Reply set = api.send("PUT", "/api/admin/products/p-stock/stock", admin, "{\"stock\":10}");
    assertEquals(200, set.status());
    assertEquals(10, set.body().get("stock").asLong());
    Reply adjusted = api.send("PUT", "/api/admin/products/p-stock/stock", admin, "{\"adjust\":-4,\"eventId\":\"a-1\"}");
    assertEquals(6, adjusted.body().get("stock").asLong());
    Reply retried = api.send("PUT", "/api/admin/products/p-stock/stock", admin, "{\"adjust\":-4,\"eventId\":\"a-1\"}");
    assertEquals(6, retried.body().get("stock").asLong(), "a retried adjustment counts once");

    Reply tooMuch = api.send("PUT", "/api/admin/products/p-stock/stock", admin, "{\"adjust\":-7}");
    assertEquals(409, tooMuch.status());
    assertEquals("conflict", tooMuch.text("error"));
    assertEquals(6, api.get("/api/products/p-stock", null).body().get("stock").asLong());

    assertError(api.send("PUT", "/api/admin/products/p-stock/stock", admin, "{\"stock\":1,\"adjust\":1}"), 400, "malformed_request", null);
    assertError(api.send("PUT", "/api/admin/products/p-stock/stock", admin, "{}"), 400, "malformed_request", null);
    assertError(api.send("PUT", "/api/admin/products/p-stock/stock", admin, "{\"stock\":-1}"), 400, "invalid_field", "stock");
    assertError(api.send("PUT", "/api/admin/products/p-stock/stock", admin, "{\"stock\":1.5}"), 400, "invalid_field", "stock");
    assertError(api.send("PUT", "/api/admin/products/nope/stock", admin, "{\"stock\":1}"), 404, "not_found", null);
    assertError(api.send("PUT", "/api/admin/products/p-stock/stock", user, "{\"stock\":1}"), 403, "forbidden", null);
  }

  static Stream<Arguments> badProducts() {
    return Stream.of(
        Arguments.of("{\"title\":\"No id\"}", "missing_field", "id"),
        Arguments.of("{\"id\":\"has space\",\"title\":\"T\"}", "invalid_field", "id"),
        Arguments.of("{\"id\":\"new-1\"}", "invalid_field", "title"),
        Arguments.of("{\"id\":\"new-2\",\"title\":\"  \"}", "invalid_field", "title"),
        Arguments.of("{\"id\":\"new-3\",\"title\":\"T\",\"price\":\"cheap\"}", "invalid_field", "price"),
        Arguments.of("{\"id\":\"new-4\",\"title\":\"T\",\"price\":-1}", "invalid_field", "price"),
        Arguments.of("{\"id\":\"new-5\",\"title\":\"T\",\"price\":1.234}", "invalid_field", "price"),
        Arguments.of("{\"id\":\"new-6\",\"title\":\"T\",\"categories\":\"Drama\"}", "invalid_field", "categories"),
        Arguments.of("{\"id\":\"new-7\",\"title\":\"T\",\"tags\":[1]}", "invalid_field", "tags"),
        Arguments.of("{\"id\":\"new-8\",\"title\":\"T\",\"attributes\":{\"a\":1}}", "invalid_field", "attributes"),
        Arguments.of("{\"id\":\"new-9\",\"title\":\"T\",\"stock\":-5}", "invalid_field", "stock"),
        Arguments.of("{\"id\":\"new-10\",\"title\":\"T\",\"colour\":\"red\"}", "unknown_field", "colour"),
        Arguments.of("[1,2]", "malformed_request", null),
        Arguments.of("{\"id\":", "malformed_request", null));
  }

  @ParameterizedTest
  @MethodSource("badProducts")
  void badProductInputIsA400NamingTheField(String body, String code, String field) {
    assertError(api.post("/api/admin/products", admin, body), 400, code, field);
  }

  @Test
  void catalogueRoutesRefuseBadParametersAndOutsiders() {
    assertError(api.get("/api/products?page=0", null), 400, "invalid_field", "page");
    assertError(api.get("/api/products?size=1000", null), 400, "invalid_field", "size");
    assertError(api.get("/api/products?size=abc", null), 400, "invalid_field", "size");
    assertError(api.get("/api/products?q=" + "x".repeat(101), null), 400, "invalid_field", "q");
    assertError(api.get("/api/products/unknown-product", null), 404, "not_found", null);
    assertError(api.get("/api/products/bad%20id", null), 400, "invalid_field", "id");
    assertError(api.post("/api/admin/products", null, "{\"id\":\"x\",\"title\":\"T\"}"), 401, "missing_token", null);
    assertError(api.post("/api/admin/products", user, "{\"id\":\"x\",\"title\":\"T\"}"), 403, "forbidden", null);
    assertError(api.post("/api/admin/import/ratings", user, CSV, "1,1,4.0,1"), 403, "forbidden", null);
    assertError(api.post("/api/admin/import/ratings", null, CSV, "1,1,4.0,1"), 401, "missing_token", null);
    assertError(api.post("/api/admin/import/users", admin, CSV, "x"), 404, "not_found", null);
    assertError(api.post("/api/admin/import/ratings", admin, CSV, "1,1,4.0,1\n".repeat(30_000)), 413, "payload_too_large", null);
    assertError(api.post("/api/admin/import/products", admin, CSV, "1," + "x".repeat(70_000) + ",Drama\n"), 400, "malformed_request", null);
  }

  @Test
  void aBulkImportAppliesGoodRowsReportsBadOnesAndChangesNothingTheSecondTime() {
    String movies = """
        movieId,title,genres
        101,Alpha One (1990),Comedy|Drama
        102,"Alpha, The Second (1992)",Comedy
        103,Beta (1999),(no genres listed)
        104,,Drama
        105,Gamma (2001),Sci-Fi
        """;
    Reply products = api.post("/api/admin/import/products", admin, CSV, movies);
    assertEquals(200, products.status(), products.body().toString());
    assertReport(products.body(), 5, 4, 0, 1);
    assertEquals(5, products.body().get("errors").get(0).get("line").asLong(), "line 5 of the body has no title");
    assertTrue(products.body().get("errors").get(0).get("message").asText().contains("title"));

    String ratings = """
        userId,movieId,rating,timestamp
        1,101,4.0,1000
        1,102,3.0,1001
        1,103,6.0,1002
        2,101,5.0,1000
        2,999,2.0,1000
        not a row
        3,101,3.0,1000
        """;
    Reply imported = api.post("/api/admin/import/ratings", admin, CSV, ratings);
    assertReport(imported.body(), 7, 5, 0, 2);
    List<Long> badLines = new ArrayList<>();
    imported.body().get("errors").forEach(e -> badLines.add(e.get("line").asLong()));
    assertEquals(List.of(4L, 7L), badLines);

    String tags = "userId,movieId,tag,timestamp\n1,101,funny,1000\n2,101,funny,1000\n1,102,dark,1000\n1,777,lost,1000\n";
    Reply tagged = api.post("/api/admin/import/tags", admin, CSV, tags);
    assertReport(tagged.body(), 4, 2, 1, 1);
    assertEquals(5, tagged.body().get("errors").get(0).get("line").asLong(), "an unknown product is a bad row");

    // The read models catch up: 101 has three ratings (4, 5, 3), and the ratings collection one document per rating.
    JsonNode alpha = await("rating figures of 101").atMost(WAIT).until(
        () -> api.get("/api/products/101", null).body(), p -> p.get("ratingCount").asLong() == 3);
    assertEquals(4.0, alpha.get("ratingMean").asDouble(), 1e-9);
    assertEquals(List.of("funny"), textList(alpha.get("tags")));
    MongoCollection<Document> ratingDocs = node.mongo().database().getCollection(Ratings.COLLECTION);
    await("ratings read model").atMost(WAIT).until(() -> ratingDocs.countDocuments(Filters.regex(Ratings.USER_ID, "^ml-[0-9]+$")) == 5);
    Document one = ratingDocs.find(Filters.eq(Ratings.ID, Ratings.idOf("ml-1", "101"))).first();
    assertEquals(4.0, one.getDouble(Ratings.SCORE));
    assertEquals(1_000_000L, one.getLong(Ratings.TIMESTAMP));
    assertEquals("101", one.getString(Ratings.PRODUCT_ID));

    // The same bodies again: nothing changes, and the figures stay exact.
    assertReport(api.post("/api/admin/import/products", admin, CSV, movies).body(), 5, 0, 4, 1);
    assertReport(api.post("/api/admin/import/ratings", admin, CSV, ratings).body(), 7, 0, 5, 2);
    assertReport(api.post("/api/admin/import/tags", admin, CSV, tags).body(), 4, 0, 3, 1);
    assertEquals(5, ratingDocs.countDocuments(Filters.regex(Ratings.USER_ID, "^ml-[0-9]+$")));
    assertEquals(3, api.get("/api/products/101", null).body().get("ratingCount").asLong());

    // Imported users exist without a usable password.
    assertEquals(401, api.login("ml-1", "correct-horse-battery").status());
    assertEquals(200, api.get("/api/admin/users/ml-1", admin).status());
  }

  @Test
  void ndjsonBodiesWorkToo() {
    Reply products = api.post("/api/admin/import/products", admin, NDJSON, """
        {"id":"nd-1","title":"Json Movie","categories":["Drama"],"price":3.5,"stock":2}
        {"id":"nd-2","title":"Json Sequel","tags":["sequel"]}
        {"id":"nd-3"}
        {"id":"nd-4","title":"Bad","price":"x"}
        """);
    assertReport(products.body(), 4, 2, 0, 2);
    Reply ratings = api.post("/api/admin/import/ratings", admin, NDJSON, """
        {"userId":"j1","productId":"nd-1","score":4.5,"timestamp":1700000000}
        {"userId":"j1","productId":"nd-2","score":9,"timestamp":1700000000}
        {"userId":"j1","productId":"nd-2","score":2.5}
        """);
    assertReport(ratings.body(), 3, 1, 0, 2);
    Reply nd1 = api.get("/api/products/nd-1", null);
    assertEquals(3.5, nd1.body().get("price").asDouble());
    assertEquals(2, nd1.body().get("stock").asLong());
  }

  @Test
  void aReRatingKeepsTheProductFiguresExact() {
    assertEquals(201, api.post("/api/admin/products", admin, "{\"id\":\"rr-1\",\"title\":\"Rerated\"}").status());
    assertEquals(201, api.rate(user, "rr-1", 2.0).status());
    assertEquals(201, api.rate(user, "rr-1", 5.0).status());
    JsonNode product = await("figures after a re-rating").atMost(WAIT).until(
        () -> api.get("/api/products/rr-1", null).body(), p -> p.path("ratingMean").asDouble() == 5.0);
    assertEquals(1, product.get("ratingCount").asLong(), "a re-rating replaces, it does not add");
    Document doc = node.mongo().database().getCollection(Ratings.COLLECTION)
        .find(Filters.eq(Ratings.ID, Ratings.idOf("shopper", "rr-1"))).first();
    assertEquals(5.0, doc.getDouble(Ratings.SCORE));
  }

  @Test
  void listingPagesFiltersAndSearches() {
    StringBuilder body = new StringBuilder("movieId,title,genres\n");
    for (int i = 0; i < 25; i++) body.append("lp-").append(i).append(",Zeta Listing ").append(100 + i).append(",Western\n");
    body.append("lp-x,zeta lowercase,Western|Horror\n");
    assertReport(api.post("/api/admin/import/products", admin, CSV, body.toString()).body(), 26, 26, 0, 0);

    JsonNode all = await("26 westerns listed").atMost(WAIT).until(
        () -> api.get("/api/products?category=Western&size=10", null).body(), p -> p.get("total").asLong() == 26);
    assertEquals(10, all.get("items").size());
    assertEquals(1, all.get("page").asInt());
    JsonNode third = api.get("/api/products?category=Western&size=10&page=3", null).body();
    assertEquals(6, third.get("items").size());
    assertEquals(0, api.get("/api/products?category=Western&size=10&page=4", null).body().get("items").size());

    JsonNode search = api.get("/api/products?q=ZETA%20L", null).body();
    assertEquals(26, search.get("total").asLong(), "prefix search ignores case");
    assertEquals(1, api.get("/api/products?category=Horror&q=zeta", null).body().get("total").asLong());
    assertEquals(0, api.get("/api/products?q=eta", null).body().get("total").asLong(), "a prefix, not a substring");
    assertEquals(0, api.get("/api/products?q=.*", null).body().get("total").asLong(), "the query is text, not a pattern");
  }

  private static void assertReport(JsonNode report, long rows, long applied, long unchanged, long rejected) {
    String text = report.toString();
    assertEquals(rows, report.get("rows").asLong(), text);
    assertEquals(applied, report.get("applied").asLong(), text);
    assertEquals(unchanged, report.get("unchanged").asLong(), text);
    assertEquals(rejected, report.get("rejected").asLong(), text);
    assertEquals(rejected, report.get("errors").size(), text);
  }

  private static void assertError(Reply reply, int status, String code, String field) {
    String text = reply.raw().body();
    assertEquals(status, reply.status(), text);
    assertEquals(code, reply.text("error"), text);
    assertFalse(reply.text("message").isEmpty(), text);
    if (field != null) assertEquals(field, reply.text("field"), text);
    assertFalse(text.contains("Exception"), text);
  }

  private static List<String> textList(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
