package dev.actorshop.seckill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.conf.DatabaseSchema;
import dev.actorshop.conf.DatabaseSettings;
import dev.actorshop.conf.ProjectionDatabase;
import dev.actorshop.product.ProductEntity.SaleStockView;
import dev.actorshop.product.SaleStock.Order;
import dev.actorshop.product.SaleStock.OrderStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orders table as the sweep and {@link Sales} read it for settled sales, on the real schema
 * (H2, migrated by Flyway): an order's row, and whether the table holds a sale item in full.
 */
class OrdersTableTest {
  private static final Instant AT = Instant.parse("2030-05-01T10:00:00.123Z");
  @TempDir static Path dir;
  private static ActorTestKit testKit;
  private static DatabaseSettings settings;
  private static ProjectionDatabase db;
  private static OrdersTable table;

  @BeforeAll
  static void start() throws Exception {
    settings = new DatabaseSettings("h2", "jdbc:h2:file:" + dir.resolve("orders") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    DatabaseSchema.migrate(settings);
    db = new ProjectionDatabase(settings, 2);
    testKit = ActorTestKit.create(ConfigFactory.parseResources("dispatchers.conf").withFallback(ConfigFactory.load()));
    table = new OrdersTable(testKit.system(), db);
    row("o1", "ann", 2, "PAID", null);
    row("o2", "bob", 1, "RELEASED", "expired");
    row("o3", "cy", 1, "RESERVED", null);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
    db.close();
  }

  @Test
  void anOrderIsReadFromItsRow() throws Exception {
    Order bob = table.find("s1", "p1", "o2").toCompletableFuture().get(10, TimeUnit.SECONDS).orElseThrow();
    assertEquals(new Order("o2", "s1", "p1", "bob", 1, new BigDecimal("1.50"), AT, AT.plusSeconds(900),
        OrderStatus.RELEASED, "expired", AT.plusSeconds(901)), bob);
    assertEquals(Optional.empty(), table.find("s1", "p1", "o9").toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertEquals(Optional.empty(), table.find("s1", "p2", "o2").toCompletableFuture().get(10, TimeUnit.SECONDS),
        "another product's order of that id");
  }

  @Test
  void theTableHoldsAnItemInFullOnlyWhenEveryUnitAndEveryChangeIsThere() throws Exception {
    // The product counts 4 units reserved and 1 released: o3's payment has not reached the table yet.
    assertFalse(caughtUp(4, 1), "a row still reserved");
    try (Connection c = settings.connect(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE orders SET status = 'PAID', closed_at = CURRENT_TIMESTAMP WHERE order_id = 'o3'");
    }
    assertTrue(caughtUp(4, 1));
    assertFalse(caughtUp(5, 1), "a reservation missing");
    assertFalse(caughtUp(4, 2), "a release missing");
  }

  private static boolean caughtUp(long reserved, long released) throws Exception {
    SaleStockView view = new SaleStockView("p1", "s1", 10, 10 - reserved + released, reserved, released, 0,
        new BigDecimal("1.50"), 2, AT, AT.plusSeconds(60));
    return table.caughtUp(view).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void row(String orderId, String user, int quantity, String status, String reason) throws Exception {
    try (Connection c = settings.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO orders (order_id, "
        + "sale_id, product_id, user_id, quantity, price, status, reason, reserved_at, expires_at, closed_at) "
        + "VALUES (?, 's1', 'p1', ?, ?, 1.50, ?, ?, ?, ?, ?)")) {
      ps.setString(1, orderId);
      ps.setString(2, user);
      ps.setInt(3, quantity);
      ps.setString(4, status);
      ps.setString(5, reason);
      ps.setTimestamp(6, Timestamp.from(AT));
      ps.setTimestamp(7, Timestamp.from(AT.plusSeconds(900)));
      ps.setTimestamp(8, status.equals("RESERVED") ? null : Timestamp.from(AT.plusSeconds(901)));
      ps.executeUpdate();
    }
  }
}
