package dev.actorshop.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import dev.actorshop.conf.DatabaseSettings;
import dev.actorshop.conf.NodeConfig;
import dev.actorshop.product.ProductEntity.SaleStockView;
import dev.actorshop.product.Products;
import dev.actorshop.product.SaleRefusedException;
import dev.actorshop.product.SaleStock.Order;
import dev.actorshop.seckill.SaleEntity.SaleView;
import dev.actorshop.seckill.Sales;
import dev.actorshop.testkit.TestPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of buyers on one product at once, on the real entity and the real database: exactly
 * the stock is sold, nobody holds two orders, the stock figures add up at every observation
 * (while some buyers cancel), and every reservation arrives in the orders table exactly once.
 */
class SaleStampedeTest {
  private static final int STOCK = 200;
  private static final int BUYERS = 2_000;
  private static final int CANCELLERS = 20;

  @TempDir Path dataDir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgres"})
  void exactlyTheStockIsSoldToDistinctBuyersAndEveryOrderIsARow(String store) throws Exception {
    Config config = TestNodes.single(dataDir);
    if (store.equals("postgres")) config = TestPostgres.configFor(TestPostgres.newDatabase()).withFallback(config);
    DatabaseSettings db = DatabaseSettings.fromConfig(NodeConfig.load(config));
    try (Node node = Node.start(config)) {
      Products products = node.products();
      Sales sales = node.sales();
      products.define("hot", new Products.Definition("Hot (2030)", List.of("Drama"), null, null, null, 1_000L))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      Instant startsAt = Instant.now().plusSeconds(1);
      SaleView sale = sales.create(startsAt, startsAt.plusSeconds(3600),
              List.of(new Sales.ItemRequest("hot", (long) STOCK, new BigDecimal("1.00"), 1)))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      String saleId = sale.saleId();
      String code = sale.definition().items().get(0).code();
      await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
          .until(() -> sales.purchaseCode(saleId, "hot").equals(code));

      // An observer checks the books while the stampede runs.
      AtomicBoolean running = new AtomicBoolean(true);
      List<String> violations = new ArrayList<>();
      AtomicInteger observations = new AtomicInteger();
      Thread observer = new Thread(() -> {
        while (running.get()) {
          try {
            SaleStockView v = products.saleStock("hot", saleId).toCompletableFuture().get(10, TimeUnit.SECONDS);
            observations.incrementAndGet();
            if (v.remaining() + v.reserved() - v.released() != v.allocated() || v.remaining() < 0) {
              violations.add(v.toString());
            }
          } catch (Exception e) {
            violations.add("observation failed: " + e);
          }
        }
      });
      observer.start();

      Map<String, Set<String>> liveOrdersOfBuyer = new ConcurrentHashMap<>();
      Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
      AtomicInteger cancelled = new AtomicInteger();
      List<CompletableFuture<?>> all = new ArrayList<>();
      for (int i = 0; i < BUYERS * 2; i++) {   // every buyer tries twice
        String buyer = "buyer-" + (i % BUYERS);
        all.add(sales.order(buyer, saleId, "hot", 1, code).toCompletableFuture()
            .thenCompose(order -> {
              liveOrdersOfBuyer.computeIfAbsent(buyer, b -> ConcurrentHashMap.newKeySet()).add(order.orderId());
              // A few buyers change their mind at once: their stock goes back to the others.
              if (cancelled.incrementAndGet() > CANCELLERS) return CompletableFuture.completedFuture(order);
              return sales.cancel(order.orderId(), buyer).toCompletableFuture()
                  .thenApply(released -> {
                    liveOrdersOfBuyer.get(buyer).remove(order.orderId());
                    return released;
                  });
            })
            .exceptionally(error -> {
              Throwable cause = error.getCause() != null ? error.getCause() : error;
              String kind = cause instanceof SaleRefusedException r ? r.refusal().code() : cause.toString();
              refusals.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
              return null;
            }));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      running.set(false);
      observer.join();

      assertEquals(List.of(), violations, "the books add up at every one of " + observations.get() + " observations");
      assertEquals(0, liveOrdersOfBuyer.values().stream().filter(orders -> orders.size() > 1).count(),
          "nobody holds two orders");
      List<String> live = liveOrdersOfBuyer.values().stream().flatMap(Set::stream).toList();
      assertEquals(STOCK, live.size(), "exactly the stock is held: " + refusals);
      assertEquals(Set.of("sold_out", "already_bought"), refusals.keySet(), "only fair refusals: " + refusals);
      SaleStockView books = products.saleStock("hot", saleId).toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(0, books.remaining());
      assertEquals(STOCK + CANCELLERS, books.reserved());
      assertEquals(CANCELLERS, books.released());
      assertEquals(800, products.get("hot").toCompletableFuture().get().freeStock(), "the rest of the stock is untouched");

      // Every reservation is exactly one row; the released ones say why.
      await("the orders table catches up").atMost(Duration.ofSeconds(60))
          .until(() -> orderRows(db, saleId).getOrDefault("RESERVED", 0) == STOCK
              && orderRows(db, saleId).getOrDefault("RELEASED", 0) == CANCELLERS);
      try (Connection c = db.connect(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT user_id), COUNT(*) FROM orders WHERE status = 'RESERVED'"
               + " AND sale_id = '" + saleId + "'")) {
        assertTrue(rs.next());
        assertEquals(STOCK, rs.getInt(1), "one live order per buyer");
        assertEquals(STOCK, rs.getInt(2));
      }
      try (Connection c = db.connect(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders WHERE status = 'RELEASED' AND reason = 'cancelled' AND sale_id = '"
               + saleId + "'")) {
        assertTrue(rs.next());
        assertEquals(CANCELLERS, rs.getInt(1));
      }
      Order any = sales.getOrder(live.get(0), null).toCompletableFuture().get();
      assertEquals("hot", any.productId());
    }
  }

  private static Map<String, Integer> orderRows(DatabaseSettings db, String saleId) throws Exception {
    Map<String, Integer> byStatus = new HashMap<>();
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM orders WHERE sale_id = '" + saleId + "' GROUP BY status")) {
      while (rs.next()) byStatus.put(rs.getString(1), rs.getInt(2));
    }
    return byStatus;
  }
}
