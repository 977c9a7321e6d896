package dev.actorshop.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.actorshop.http.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start's first command: what the demo prints works, and a second run reuses the data. */
class DemoCommandTest {
  private static final Pattern TOKEN = Pattern.compile("TOKEN=(\\S+)");
  private static final Pattern ADMIN = Pattern.compile("admin user: admin / (\\S+)");
  private static final Pattern PRODUCT = Pattern.compile("curl -s (http://\\S+/api/products/\\S+)");
  private static final Pattern URL = Pattern.compile("is up: (http://\\S+)/api");
  private static final Pattern SALE_ITEM = Pattern.compile("curl -s http://\\S+(/api/sales/[^/\\s]+/products/[^/\\s]+)/code");

  @TempDir Path dataDir;

  @Test
  void theBannersTokenAndAdminPasswordWorkAndARestartKeepsTheData() throws Exception {
    String firstAdminPassword;
    String firstSaleItem;
    try (NodeProcess demo = NodeProcess.demo(dataDir)) {
      String banner = demo.output();
      assertTrue(find(URL, banner).endsWith(":" + demo.http.getPort()), banner);
      ApiClient api = new ApiClient(demo.http);
      var me = api.get("/api/users/me", find(TOKEN, banner));
      assertEquals(200, me.status(), banner);
      assertEquals("demo", me.text("username"));
      assertEquals(201, api.rate(find(TOKEN, banner), "1", 4.5).status());

      // The generated catalogue was imported, and the printed product lines work.
      String productUrl = find(PRODUCT, banner);
      var product = api.get(productUrl.substring(productUrl.indexOf("/api/")), null);
      assertEquals(200, product.status(), banner);
      assertFalse(product.text("title").isEmpty());
      assertTrue(banner.contains("ratings.csv: 3,000 rows: 3,000 applied"), banner);

      // The printed flash sale opens within seconds, and the demo user buys from it and pays.
      firstSaleItem = find(SALE_ITEM, banner);
      String token = find(TOKEN, banner);
      String code = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
          .until(() -> api.get(firstSaleItem + "/code", token), reply -> reply.status() == 200).text("code");
      var order = api.post(firstSaleItem + "/orders", token, "{\"code\":\"" + code + "\"}");
      assertEquals(202, order.status(), order.body().toString());
      var paid = api.post("/api/orders/" + order.text("orderId") + "/pay", token, "{}");
      assertEquals(200, paid.status(), paid.body().toString());
      assertEquals("PAID", paid.text("status"));

      firstAdminPassword = find(ADMIN, banner);
      assertEquals(200, api.login("admin", firstAdminPassword).status(), "the printed admin password works");
    }

    try (NodeProcess again = NodeProcess.demo(dataDir)) {
      String banner = again.output();
      ApiClient api = new ApiClient(again.http);
      var me = api.get("/api/users/me", find(TOKEN, banner)).body();
      assertEquals(1, me.get("ratedCount").asInt(), "the first run's rating is still there: " + me);
      assertTrue(banner.contains("was imported before"), "the same data set is not imported twice: " + banner);
      assertNotEquals(firstSaleItem, find(SALE_ITEM, banner), "each run opens a sale of its own");
      String secondAdminPassword = find(ADMIN, banner);
      assertNotEquals(firstAdminPassword, secondAdminPassword);
      assertEquals(200, api.login("admin", secondAdminPassword).status(), "a new generated password replaces the old");
      assertEquals(401, api.login("admin", firstAdminPassword).status());
    }
  }

  private static String find(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertTrue(matcher.find(), pattern + " in:\n" + text);
    return matcher.group(1);
  }
}
