package dev.actorshop.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.conf.DatabaseSettings;
import dev.actorshop.conf.NodeConfig;
import dev.actorshop.product.ProductEntity.SaleStockView;
import dev.actorshop.product.Products;
import dev.actorshop.product.Refusal;
import dev.actorshop.product.SaleRefusedException;
import dev.actorshop.product.SaleStock.Order;
import dev.actorshop.product.SaleStock.OrderStatus;
import dev.actorshop.seckill.SaleEntity.SaleView;
import dev.actorshop.seckill.Sales;
import dev.actorshop.testkit.TestPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The payment timeout end to end, on H2 and PostgreSQL: the product releases its own unpaid orders
 * once they are due (woken by the expiry sweep), the orders table says why, the paid order stays
 * paid, and the sale is settled (no longer swept) only after it has ended and no order of it waits
 * for its payment and the orders table holds all its orders; then the product keeps only the
 * sale's figures, and its orders are answered from the table.
 */
class SaleSettlementTest {
  @TempDir Path dataDir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgres"})
  void unpaidOrdersExpireAndTheEndedSaleIsSettled(String store) throws Exception {
    Config config = ConfigFactory.parseMap(Map.of(
            "actorshop.product.payment-timeout", "5s",
            "actorshop.seckill.expiry.interval", "200ms",
            "actorshop.seckill.expiry.settle-after", "0s"))
        .withFallback(TestNodes.single(dataDir));
    if (store.equals("postgres")) config = TestPostgres.configFor(TestPostgres.newDatabase()).withFallback(config);
    DatabaseSettings db = DatabaseSettings.fromConfig(NodeConfig.load(config));
    try (Node node = Node.start(config)) {
      Products products = node.products();
      Sales sales = node.sales();
      products.define("brief", new Products.Definition("Brief (2030)", List.of("Drama"), null, null, null, 10L))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      Instant startsAt = Instant.now().plusSeconds(1);
      Instant endsAt = startsAt.plusSeconds(2);
      SaleView sale = sales.create(startsAt, endsAt, List.of(new Sales.ItemRequest("brief", 3L, new BigDecimal("1.00"), 1)))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      String saleId = sale.saleId();
      String code = sale.definition().items().get(0).code();
      await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
          .until(() -> sales.purchaseCode(saleId, "brief").equals(code));

      Order paid = sales.order("ann", saleId, "brief", 1, code).toCompletableFuture().get(10, TimeUnit.SECONDS);
      Order unpaid = sales.order("bob", saleId, "brief", 1, code).toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(OrderStatus.PAID, sales.pay(paid.orderId(), "ann").toCompletableFuture().get(10, TimeUnit.SECONDS)
          .status());

      // Ended, but bob's order still waits for its payment: not settled while it does.
      await("the sale ends").atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(endsAt));
      boolean settledEarly = settled(db, saleId);
      if (status(sales, unpaid) == OrderStatus.RESERVED) {
        assertFalse(settledEarly, "a sale with an unpaid order is not settled");
      }

      await("the unpaid order expires").atMost(Duration.ofSeconds(30))
          .until(() -> status(sales, unpaid) == OrderStatus.RELEASED);
      Order expired = sales.getOrder(unpaid.orderId(), "bob").toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals("expired", expired.reason());
      assertFalse(expired.closedAt().isBefore(unpaid.expiresAt()), "released only once due");
      assertEquals(OrderStatus.PAID, status(sales, paid), "the paid order stays paid");
      SaleStockView books = products.saleStock("brief", saleId).toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(2, books.remaining(), "the expired unit is back");
      assertEquals(books.allocated(), books.remaining() + books.reserved() - books.released());

      await("the sale is settled").atMost(Duration.ofSeconds(30)).until(() -> settled(db, saleId));
      assertEquals("RELEASED expired", row(db, unpaid.orderId()), "settled once the table holds every order");
      assertEquals("PAID null", row(db, paid.orderId()));

      // Settled, the product keeps only the sale's figures; its orders are answered from the table.
      SaleStockView archived = products.saleStock("brief", saleId).toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(List.of(3L, 2L, 2L, 1L, 0L), List.of(archived.allocated(), archived.remaining(), archived.reserved(),
          archived.released(), (long) archived.buyers()), "allocated, remaining, reserved, released, buyers");
      Order paidNow = sales.getOrder(paid.orderId(), "ann").toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(List.of(OrderStatus.PAID, paid.quantity(), paid.price(), paid.userId()),
          List.of(paidNow.status(), paidNow.quantity(), paidNow.price(), paidNow.userId()));
      assertEquals(paidNow, sales.pay(paid.orderId(), "ann").toCompletableFuture().get(10, TimeUnit.SECONDS),
          "paying again answers the paid order");
      Order expiredNow = sales.getOrder(unpaid.orderId(), null).toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals("RELEASED expired", expiredNow.status() + " " + expiredNow.reason(), "an administrator sees any");
      assertEquals(Refusal.RELEASED, refusal(sales.pay(unpaid.orderId(), "bob")));
      assertEquals(Refusal.ALREADY_PAID, refusal(sales.cancel(paid.orderId(), "ann")));
      assertEquals(Refusal.UNKNOWN_ORDER, refusal(sales.getOrder(paid.orderId(), "bob")), "someone else's order");
    }
  }

  private static Refusal refusal(CompletionStage<Order> answer) {
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> answer.toCompletableFuture().get(10, TimeUnit.SECONDS));
    return assertInstanceOf(SaleRefusedException.class, failed.getCause()).refusal();
  }

  private static OrderStatus status(Sales sales, Order order) throws Exception {
    return sales.getOrder(order.orderId(), order.userId()).toCompletableFuture().get(10, TimeUnit.SECONDS).status();
  }

  private static boolean settled(DatabaseSettings db, String saleId) throws Exception {
    try (Connection c = db.connect();
         PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM settled_sales WHERE sale_id = ?")) {
      s.setString(1, saleId);
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next());
        return rs.getInt(1) == 1;
      }
    }
  }

  private static String row(DatabaseSettings db, String orderId) throws Exception {
    try (Connection c = db.connect();
         PreparedStatement s = c.prepareStatement("SELECT status, reason FROM orders WHERE order_id = ?")) {
      s.setString(1, orderId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) + " " + rs.getString(2) : null;
      }
    }
  }
}
