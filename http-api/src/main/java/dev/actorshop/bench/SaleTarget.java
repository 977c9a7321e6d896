package dev.actorshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actorshop.conf.Futures;
import dev.actorshop.node.Node;
import dev.actorshop.product.Products;
import dev.actorshop.product.SaleRefusedException;
import dev.actorshop.seckill.SaleAudit;
import dev.actorshop.seckill.SaleEntity.SaleView;
import dev.actorshop.seckill.SaleException;
import dev.actorshop.seckill.Sales;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A running sale of one product that the bench drives: through a node's HTTP API, or through the
 * {@link Sales} service of a node in the bench's own JVM (the same path minus HTTP).
 */
abstract class SaleTarget {
  /** The books as the audit sees them: the product entity's figures and the orders table's rows. */
  record Books(String store, long allocated, long remaining, long reserved, long released, long orderRows,
               long liveRows, long liveUnits, long liveBuyers, Set<String> orderIds) {
    boolean balanced() {
      return remaining + reserved - released == allocated && remaining >= 0;
    }
  }

  static final BigDecimal PRICE = new BigDecimal("1.00");
  private static final Duration START_DELAY = Duration.ofSeconds(2);

  /** Each accepted order's id and its buyer's index, so the buyer can pay it; -1 where wrk placed it (unknown). */
  final Map<String, Integer> accepted = new ConcurrentHashMap<>();
  final int buyers;
  String productId;
  String saleId;

  SaleTarget(int buyers) {
    this.buyers = buyers;
  }

  /** Creates the product and a sale of {@code stock} units starting shortly, and waits until it runs. */
  abstract void open(String runId, long stock) throws Exception;

  /** Attempt {@code i}: buyer {@code i mod buyers} orders one unit. Completes with the outcome's name. */
  abstract CompletionStage<String> order(long i);

  /** Its buyer pays order {@code orderId} (one this target placed); completes with the outcome's name. */
  abstract CompletionStage<String> pay(String orderId);

  abstract Books books() throws Exception;

  Instant startsAt(Instant now) {
    return now.plus(START_DELAY);
  }

  /** Polls {@code ready} until it is true; the sale start and the orders table are waited for this way. */
  static void awaitTrue(String what, Duration atMost, Supplier<Boolean> ready) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!ready.get()) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("gave up waiting for " + what + " after " + atMost);
      Thread.sleep(50);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** The sale path inside the bench's JVM: {@code Sales.order} → the product entity, no HTTP. */
  static final class InProcess extends SaleTarget {
    private final Node node;
    private String code;

    InProcess(Node node, int buyers) {
      super(buyers);
      this.node = node;
    }

    @Override
    void open(String runId, long stock) throws Exception {
      productId = "bench-" + runId;
      node.products().define(productId, new Products.Definition("Bench " + runId, List.of("Bench"), null, null, null, stock))
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      Instant startsAt = startsAt(Instant.now());
      SaleView sale = node.sales().create(startsAt, startsAt.plus(Duration.ofHours(1)),
              List.of(new Sales.ItemRequest(productId, stock, PRICE, 1)))
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      saleId = sale.saleId();
      code = sale.definition().items().get(0).code();
      awaitTrue("the sale to start", Duration.ofSeconds(30), () -> {
        try {
          return node.sales().purchaseCode(saleId, productId).equals(code);
        } catch (SaleException notYet) {
          return false;
        }
      });
    }

    @Override
    CompletionStage<String> order(long i) {
      int buyer = (int) (i % buyers);
      return node.sales().order(buyer(buyer), saleId, productId, 1, code)
          .thenApply(order -> {
            accepted.put(order.orderId(), buyer);
            return ClosedLoop.ACCEPTED;
          })
          .exceptionally(SaleTarget.InProcess::refusal);
    }

    @Override
    CompletionStage<String> pay(String orderId) {
      return node.sales().pay(orderId, buyer(accepted.get(orderId)))
          .thenApply(order -> ClosedLoop.ACCEPTED)
          .exceptionally(SaleTarget.InProcess::refusal);
    }

    private static String buyer(int index) {
      return "buyer-" + index;
    }

    /** A refusal is an outcome; anything else is an error of the run. */
    static String refusal(Throwable error) {
      Throwable cause = Futures.cause(error);
      if (cause instanceof SaleRefusedException refused) return refused.refusal().code();
      if (cause instanceof SaleException sale) return sale.reason().name().toLowerCase(Locale.ROOT);
      throw error instanceof CompletionException ce ? ce : new CompletionException(cause);
    }

    @Override
    Books books() throws ExecutionException, InterruptedException {
      SaleAudit.Report report = node.sales().audit(saleId, true).toCompletableFuture().get();
      SaleAudit.ItemAudit item = report.items().get(0);
      return new Books(report.store(), item.allocated(), item.remaining(), item.reserved(), item.released(),
          item.orderRows(), item.liveRows(), item.liveUnits(), item.liveBuyers(), new HashSet<>(report.orderIds()));
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** A running node over HTTP: buyers are real accounts with sessions; orders go to the public endpoint. */
  static final class OverHttp extends SaleTarget {
    private final ShopClient client;
    private final String adminPassword;
    private final List<String> tokens = new ArrayList<>();
    private String adminToken;
    private String code;

    OverHttp(ShopClient client, String adminPassword, int buyers) {
      super(buyers);
      this.client = client;
      this.adminPassword = adminPassword;
    }

    @Override
    void open(String runId, long stock) throws Exception {
      if (adminToken == null) {
        adminToken = client.login("admin", adminPassword);
        logIn();
      }
      productId = "bench-" + runId;
      client.expect(201, "POST", "/api/admin/products", adminToken,
          Map.of("id", productId, "title", "Bench " + runId, "categories", List.of("Bench"), "stock", stock));
      Instant startsAt = startsAt(Instant.now());
      ShopClient.Reply sale = client.expect(201, "POST", "/api/admin/sales", adminToken, Map.of(
          "startsAt", startsAt.toString(), "endsAt", startsAt.plus(Duration.ofHours(1)).toString(),
          "items", List.of(Map.of("productId", productId, "stock", stock, "price", PRICE, "perUserLimit", 1))));
      saleId = sale.text("id");
      String codePath = "/api/sales/" + saleId + "/products/" + productId + "/code";
      awaitTrue("the sale to start", Duration.ofSeconds(30),
          () -> client.call("GET", codePath, tokens.get(0), null).status() == 200);
      code = client.expect(200, "GET", codePath, tokens.get(0), null).text("code");
    }

    /** Registers the buyers (or reuses the accounts of an earlier run) and logs each in. */
    private void logIn() throws InterruptedException {
      System.err.printf("bench: logging in %,d buyers (bcrypt on the node: a bench node can run with "
          + "ACTORSHOP_BCRYPT_COST=4)...%n", buyers);
      long started = System.nanoTime();
      String[] buyerTokens = new String[buyers];
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int i = 0; i < buyers; i++) {
        int n = i;
        done.add(pool.submit(() -> {
          String name = "bench-buyer-" + n;
          String password = "bench-password-" + n;
          ShopClient.Reply registered = client.call("POST", "/api/users", null, Map.of("username", name, "password", password));
          if (registered.status() != 201 && registered.status() != 409) {
            throw new IllegalStateException("registering " + name + " answered " + registered.status() + ": " + registered.body());
          }
          buyerTokens[n] = client.login(name, password);
        }));
      }
      pool.shutdown();
      try {
        for (var f : done) f.get();
      } catch (ExecutionException e) {
        pool.shutdownNow();
        throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
      }
      tokens.addAll(List.of(buyerTokens));
      System.err.printf("bench: %,d buyers logged in in %.0f s%n", buyers, (System.nanoTime() - started) / 1e9);
    }

    String orderPath() {
      return "/api/sales/" + saleId + "/products/" + productId + "/orders";
    }

    String orderBody() {
      return "{\"code\":\"" + code + "\"}";
    }

    List<String> tokens() {
      return List.copyOf(tokens);
    }

    @Override
    CompletionStage<String> order(long i) {
      return client.send("POST", orderPath(), tokens.get((int) (i % buyers)), Map.of("code", code))
          .thenApply(reply -> {
            if (reply.status() != 202) return reply.errorCode();
            accepted.put(reply.text("orderId"), (int) (i % buyers));
            return ClosedLoop.ACCEPTED;
          });
    }

    @Override
    CompletionStage<String> pay(String orderId) {
      return client.send("POST", "/api/orders/" + orderId + "/pay", tokens.get(accepted.get(orderId)), Map.of())
          .thenApply(reply -> reply.status() == 200 ? ClosedLoop.ACCEPTED : reply.errorCode());
    }

    @Override
    Books books() {
      JsonNode report = client.expect(200, "GET", "/api/admin/sales/" + saleId + "/audit?orderIds=true", adminToken, null).body();
      JsonNode item = report.path("items").path(0);
      Set<String> ids = new HashSet<>();
      report.path("orderIds").forEach(id -> ids.add(id.asText()));
      return new Books(report.path("store").asText(), item.path("allocated").asLong(), item.path("remaining").asLong(),
          item.path("reserved").asLong(), item.path("released").asLong(), item.path("orderRows").asLong(),
          item.path("liveRows").asLong(), item.path("liveUnits").asLong(), item.path("liveBuyers").asLong(), ids);
    }
  }
}
