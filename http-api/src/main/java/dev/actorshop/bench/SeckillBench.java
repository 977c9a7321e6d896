package dev.actorshop.bench;

import akka.actor.typed.ActorSystem;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actorshop.bench.ClosedLoop.Result;
import dev.actorshop.bench.SaleTarget.Books;
import dev.actorshop.product.ProductEntity;
import dev.actorshop.product.ProductEntity.SaleStockView;
import dev.actorshop.product.ProductSettings;
import dev.actorshop.product.Products;
import dev.actorshop.seckill.SaleIds;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.io.file.PathUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/actorshop bench seckill}: a stampede of buyers on one product's flash sale, then the
 * books reconciled from the orders table and the entity; then the classic designs under the same
 * load. The last line of output is one JSON object.
 */
@Command(name = "seckill", mixinStandardHelpOptions = true,
    description = {"Flash-sale stampede on one product: creates buyers, a product and a running sale, drives the "
        + "order path with CONCURRENCY orders in flight for DURATION seconds, reconciles the orders table and the "
        + "entity, then runs the baselines (one journal write per order, a Redis Lua script, an SQL row lock) "
        + "under the same load. Prints one JSON line last.",
        "--via http drives a running node (--to URL, needs ACTORSHOP_ADMIN_PASSWORD); --via entity starts its own "
        + "node in this JVM on --store h2|postgres and calls the sale service directly (no HTTP)."})
final class SeckillBench implements Callable<Integer> {
  private static final List<String> ALL_BASELINES = List.of("persist_per_order", "redis_lua", "sql_row_lock");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--via", defaultValue = "http", description = "http or entity (default ${DEFAULT-VALUE})")
  String via;

  @Option(names = "--to", paramLabel = "URL", description = "a running node's HTTP address (--via http)")
  URI to;

  @Option(names = "--store", defaultValue = "h2",
      description = "h2 or postgres: the bench's own node (--via entity) and the baselines' database (default ${DEFAULT-VALUE})")
  String store;

  @Option(names = "--stock", defaultValue = "10000", description = "units on sale (default ${DEFAULT-VALUE})")
  long stock;

  @Option(names = "--buyers", defaultValue = "20000", description = "distinct buyers; attempt i is buyer i mod BUYERS (default ${DEFAULT-VALUE})")
  int buyers;

  @Option(names = "--concurrency", defaultValue = "64", description = "orders in flight (default ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--duration", defaultValue = "10", description = "seconds of load per scenario (default ${DEFAULT-VALUE})")
  int duration;

  @Option(names = "--warmup", defaultValue = "30",
      description = "seconds of the same load before each measured scenario, so the JIT has compiled the path: on sales "
          + "of its own, a fresh one before the buyers run out (default ${DEFAULT-VALUE}; after 5 s the compiler still "
          + "took a third of the CPU of the measured window)")
  int warmup;

  @Option(names = "--warmup-max", defaultValue = "0",
      description = "when the system under test runs in this JVM (--via entity, and every baseline), the warm-up goes on "
          + "past --warmup while the JIT compiler was busy more than 5% of the last round, up to this many seconds "
          + "(default ${DEFAULT-VALUE}: no longer than --warmup; on 2 cores the compiler takes 2-3 minutes to go "
          + "quiet, and \"jit_busy_last_round\" in the output says how busy it still was). Over HTTP the node is "
          + "another process: give it a long enough --warmup")
  int warmupMax;

  @Option(names = "--baselines", defaultValue = "persist_per_order,redis_lua,sql_row_lock", split = ",",
      description = "which baselines to run, or none (default ${DEFAULT-VALUE})")
  List<String> baselines;

  @Option(names = "--load", defaultValue = "java",
      description = "who sends the orders over HTTP: java (a closed loop in this JVM) or wrk (wrk on the PATH, 2 threads; "
          + "far cheaper per request, so the node keeps the cores) (default ${DEFAULT-VALUE})")
  String load;

  @Option(names = "--pay", description = "after the books, every accepted order's buyer pays it, CONCURRENCY in flight; "
      + "adds \"payments\" (not with --load wrk)")
  boolean pay;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "where the bench's own node, PostgreSQL and Redis keep their files (default: a temporary folder, removed afterwards)")
  Path dataDir;

  /** The node's admin password (--via http); a field so a test can set it. */
  String adminPassword = System.getenv().getOrDefault("ACTORSHOP_ADMIN_PASSWORD", "");

  @Override
  public Integer call() throws Exception {
    validate();
    boolean viaEntity = via.equals("entity");
    List<String> chosen = baselines.equals(List.of("none")) ? List.of() : baselines;
    boolean needsLocalNode = viaEntity || chosen.contains("persist_per_order") || chosen.contains("sql_row_lock");
    Path dir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("actorshop-bench-");
    String runId = SaleIds.newSaleId().substring(1, 9);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("scenario", "seckill");
    out.put("via", via);
    double[] loadBefore = loadAverage();
    try {
      BenchNode local = needsLocalNode ? BenchNode.start(store, dir) : null;
      try {
        SaleTarget target = viaEntity ? new SaleTarget.InProcess(local.node, buyers)
            : new SaleTarget.OverHttp(new ShopClient(to), adminPassword, buyers);
        main(target, runId, local, out);
        Map<String, Object> figures = new LinkedHashMap<>();
        for (String baseline : chosen) {
          System.err.println("bench: baseline " + baseline + "...");
          switch (baseline) {
            case "persist_per_order" -> figures.put(baseline, persistPerOrder(local, runId));
            case "redis_lua" -> {
              figures.put(baseline, redisLua(dir.resolve("redis-always"), true));
              figures.put("redis_lua_no_persistence", redisLua(dir.resolve("redis-none"), false));
            }
            case "sql_row_lock" -> figures.put(baseline, sqlRowLock(local, runId));
            default -> throw new IllegalStateException(baseline);
          }
        }
        out.put("baselines", figures);
      } finally {
        if (local != null) local.close();
      }
    } finally {
      if (dataDir == null) deleteRecursively(dir);
    }
    out.put("load_avg", Map.of("before", loadBefore[0], "after", loadAverage()[0]));
    out.put("cores", Runtime.getRuntime().availableProcessors());
    System.out.println(JSON.writeValueAsString(out));
    return 0;
  }

  private void validate() {
    if (!via.equals("http") && !via.equals("entity")) throw new IllegalArgumentException("--via must be http or entity");
    if (via.equals("http") && to == null) throw new IllegalArgumentException("--via http needs --to URL (or use --via entity)");
    if (!load.equals("java") && !load.equals("wrk")) throw new IllegalArgumentException("--load must be java or wrk");
    if (load.equals("wrk") && !via.equals("http")) throw new IllegalArgumentException("--load wrk drives HTTP: use it with --via http");
    if (pay && load.equals("wrk")) {
      throw new IllegalArgumentException("--pay needs to know each order's buyer: use it with --load java");
    }
    if (via.equals("http") && adminPassword.isEmpty()) {
      throw new IllegalArgumentException("set ACTORSHOP_ADMIN_PASSWORD to the node's admin password");
    }
    if (stock < 1 || buyers < 1 || concurrency < 1 || duration < 1 || warmup < 0) {
      throw new IllegalArgumentException("--stock, --buyers, --concurrency and --duration must be at least 1, --warmup at least 0");
    }
    if (warmupMax != 0 && warmupMax < warmup) {
      throw new IllegalArgumentException("--warmup-max must be 0 (no longer than --warmup) or at least --warmup");
    }
    for (String b : baselines) {
      if (!ALL_BASELINES.contains(b) && !(b.equals("none") && baselines.size() == 1)) {
        throw new IllegalArgumentException("--baselines takes " + String.join(",", ALL_BASELINES) + " or none, not " + b);
      }
    }
  }


  /** The system under test: the load, then the books once the orders table has caught up. */
  private void main(SaleTarget target, String runId, BenchNode local, Map<String, Object> out) throws Exception {
    out.put("warmup", warmUp().run(via.equals("entity"), (sale, length) -> {
      target.open(runId + "w" + sale, stock);
      System.err.printf("bench: warming up for %d s on sale %s...%n", length.toSeconds(), target.saleId);
      return drive(target, length);
    }));
    target.accepted.clear();
    target.open(runId, stock);
    System.err.printf("bench: sale %s of %,d units of %s; %d in flight for %d s (%s)...%n", target.saleId, stock,
        target.productId, concurrency, duration, via.equals("http") ? load : "in process");
    out.put("load", via.equals("http") ? load : "in_process");
    ProcessCpu cpu = ProcessCpu.now();
    Result result = drive(target, Duration.ofSeconds(duration));
    ProcessCpu used = ProcessCpu.now().minus(cpu);
    long loadEnded = System.nanoTime();
    System.err.printf("bench: %,d attempts, %,d accepted, %,.0f/s, p50 %.1f ms, p99 %.1f ms; reconciling...%n",
        result.attempts(), result.accepted(), result.throughputRps(), result.p50Ms(), result.p99Ms());

    // Every reservation the entity made must become one row; wait for the projection, then compare.
    Books[] books = new Books[1];
    SaleTarget.awaitTrue("the orders table to catch up", Duration.ofMinutes(5), () -> {
      try {
        books[0] = target.books();
      } catch (Exception e) {
        throw new IllegalStateException("audit failed: " + e.getMessage(), e);
      }
      return books[0].orderRows() >= books[0].reserved();
    });
    double caughtUp = (System.nanoTime() - loadEnded) / 1e9;
    Books b = books[0];
    Set<String> accepted = new HashSet<>(target.accepted.keySet());
    long lost = accepted.stream().filter(id -> !b.orderIds().contains(id)).count();

    out.put("store", b.store());
    out.put("attempts", result.attempts());
    out.put("accepted", result.accepted());
    out.put("stock", stock);
    out.put("oversold", Math.max(0, b.liveUnits() - b.allocated()) + (b.remaining() < 0 ? -b.remaining() : 0));
    out.put("duplicates", b.liveRows() - b.liveBuyers());
    out.put("lost", lost);
    out.put("throughput_rps", Math.round(result.throughputRps()));
    out.put("accepted_rps", Math.round(result.accepted() / result.seconds()));
    out.put("p50_ms", ClosedLoop.round(result.p50Ms()));
    out.put("p99_ms", ClosedLoop.round(result.p99Ms()));
    out.put("max_ms", ClosedLoop.round(result.maxMs()));
    out.put("outcomes", result.outcomes());
    out.put("books", Map.of("balanced", b.balanced(), "remaining", b.remaining(), "reserved", b.reserved(),
        "released", b.released(), "order_rows", b.orderRows(), "rows_not_acknowledged", b.orderIds().size() - (accepted.size() - lost)));
    out.put("orders_table_caught_up_s", ClosedLoop.round(caughtUp));
    if (local != null && target instanceof SaleTarget.InProcess) {
      long writes = journalWrites(local, target.productId) - 2;  // minus the product's definition and allocation
      out.put("journal_writes", writes);
      out.put("reservations_per_write", writes > 0 ? ClosedLoop.round((double) b.reserved() / writes) : 0);
      // The node and the load share this JVM: its CPU is the whole cost of an order on this machine.
      out.put("process_cpu", Map.of(
          "cores", ClosedLoop.round(used.cpuNanos() / (result.seconds() * 1e9)),
          "us_per_accepted", result.accepted() > 0 ? ClosedLoop.round(used.cpuNanos() / 1e3 / result.accepted()) : 0,
          "gc_ms", used.gcMillis()));
    }
    System.err.printf("bench: the orders table caught up %.1f s after the load%n", caughtUp);
    if (pay) payEveryOrder(target, out);
  }

  /** The warm-up of {@code --warmup} (to {@code --warmup-max}) seconds, for the system under test and each baseline. */
  private WarmUp warmUp() {
    return new WarmUp(warmup, warmupMax, Math.min(buyers, stock));
  }

  /** Every accepted order's buyer pays it, {@code concurrency} in flight: the stampede after a sale. */
  private void payEveryOrder(SaleTarget target, Map<String, Object> out) throws Exception {
    List<String> orders = List.copyOf(target.accepted.keySet());
    System.err.printf("bench: paying %,d orders, %d in flight...%n", orders.size(), concurrency);
    Result paid = ClosedLoop.run(concurrency, Duration.ofMinutes(10), orders.size(), i -> target.pay(orders.get((int) i)));
    Map<String, Object> figures = paid.figures();
    figures.put("paid", paid.accepted());
    figures.remove("accepted");
    out.put("payments", figures);
    System.err.printf("bench: %,d paid, %,.0f/s, p50 %.1f ms, p99 %.1f ms%n", paid.accepted(), paid.throughputRps(),
        paid.p50Ms(), paid.p99Ms());
  }

  /** The load on the system under test, from this JVM or from wrk. */
  private Result drive(SaleTarget target, Duration length) throws Exception {
    if (!load.equals("wrk")) {
      return ClosedLoop.run(concurrency, length, target::order);
    }
    SaleTarget.OverHttp http = (SaleTarget.OverHttp) target;
    Path dir = Files.createTempDirectory("actorshop-wrk-");
    try {
      WrkLoad.Run run = WrkLoad.run(to.toString(), http.orderPath(), http.orderBody(), http.tokens(), 2, concurrency, length, dir);
      run.acceptedOrderIds().forEach(id -> target.accepted.put(id, -1));
      return run.result();
    } finally {
      deleteRecursively(dir);
    }
  }

  /** One sale of a baseline design: orders, and afterwards its books. */
  private interface BaselineSale {
    CompletionStage<String> order(long i);

    /** Adds the baseline's own figures: at least oversold and whether its books balance. */
    void books(Result result, Map<String, Object> figures) throws Exception;
  }

  /** Warms the design up on sales of its own ({@link WarmUp}), then measures a fresh sale under the same load. */
  private Map<String, Object> measure(Callable<BaselineSale> newSale) throws Exception {
    Map<String, Object> warmedUp = warmUp().run(true, (n, length) -> ClosedLoop.run(concurrency, length, newSale.call()::order));
    BaselineSale sale = newSale.call();
    Result result = ClosedLoop.run(concurrency, Duration.ofSeconds(duration), sale::order);
    Map<String, Object> figures = result.figures();
    sale.books(result, figures);
    figures.put("warmup", warmedUp);
    return figures;
  }

  /** Baseline (a): the same entity with group commit off, i.e. one journal write per order. */
  private Map<String, Object> persistPerOrder(BenchNode local, String runId) throws Exception {
    ActorSystem<?> system = local.node.system();
    EntityTypeKey<ProductEntity.Command> key = EntityTypeKey.create(ProductEntity.Command.class, "ProductOneWritePerOrder");
    ProductSettings settings = ProductSettings.fromConfig(system.settings().config()).withoutGroupCommit();
    ProductEntity.init(system, settings, key);
    Products products = new Products(system, settings, key);
    AtomicInteger sales = new AtomicInteger();
    return measure(() -> {
      String productId = "bench-a-" + runId + "-" + sales.incrementAndGet();
      String saleId = SaleIds.newSaleId();
      String code = SaleIds.newPurchaseCode();
      products.define(productId, new Products.Definition("Bench baseline " + runId, List.of("Bench"), null, null, null, stock))
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      Instant now = Instant.now();
      products.allocateSale(productId, saleId, new Products.SaleTerms(stock, SaleTarget.PRICE, 1, code,
          now.minusSeconds(1), now.plus(Duration.ofHours(1)))).toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new BaselineSale() {
        @Override
        public CompletionStage<String> order(long i) {
          return products.reserve(productId, saleId, SaleIds.newOrderId(saleId, productId), "buyer-" + (i % buyers), 1, code)
              .thenApply(order -> ClosedLoop.ACCEPTED)
              .exceptionally(SaleTarget.InProcess::refusal);
        }

        @Override
        public void books(Result result, Map<String, Object> figures) throws Exception {
          SaleStockView books = products.saleStock(productId, saleId).toCompletableFuture().get(30, TimeUnit.SECONDS);
          // An order whose caller timed out (an "error:" outcome) may still have been written.
          long unknown = result.outcomes().entrySet().stream()
              .filter(e -> e.getKey().startsWith("error:")).mapToLong(Map.Entry::getValue).sum();
          figures.put("oversold", Math.max(0, books.reserved() - books.released() - books.allocated()));
          figures.put("unknown_outcomes", unknown);
          figures.put("books_balanced", books.remaining() + books.reserved() - books.released() == books.allocated()
              && books.reserved() >= result.accepted() && books.reserved() <= result.accepted() + unknown);
        }
      };
    });
  }

  /** Baseline (b): the Redis Lua script, with every write fsynced (equal durability) or without persistence. */
  private Map<String, Object> redisLua(Path dir, boolean fsyncEveryWrite) throws Exception {
    try (RedisLuaFlashSale redis = new RedisLuaFlashSale(dir, fsyncEveryWrite)) {
      AtomicInteger sales = new AtomicInteger();
      Map<String, Object> figures = measure(() -> {
        String sale = "sale-" + sales.incrementAndGet();
        redis.open(sale, stock);
        return new BaselineSale() {
          @Override
          public CompletionStage<String> order(long i) {
            return redis.order(sale, "buyer-" + (i % buyers));
          }

          @Override
          public void books(Result result, Map<String, Object> figures) {
            long[] books = redis.books(sale);
            figures.put("oversold", Math.max(0, -books[0]) + Math.max(0, books[1] - stock));
            figures.put("books_balanced", books[0] + books[1] == stock && books[1] == result.accepted());
          }
        };
      });
      figures.put("appendfsync", fsyncEveryWrite ? "always" : "off (no AOF, no snapshots)");
      return figures;
    }
  }

  /** Baseline (c): one SQL transaction per order on a hot row, in the bench node's database. */
  private Map<String, Object> sqlRowLock(BenchNode local, String runId) throws Exception {
    int connections = Math.min(concurrency, 32);
    try (SqlRowLockFlashSale sql = new SqlRowLockFlashSale(local.db, connections)) {
      AtomicInteger sales = new AtomicInteger();
      Map<String, Object> figures = measure(() -> {
        String saleId = "bench-c-" + runId + "-" + sales.incrementAndGet();
        sql.open(saleId, stock);
        return new BaselineSale() {
          @Override
          public CompletionStage<String> order(long i) {
            return sql.order(saleId, "buyer-" + (i % buyers), saleId + "-" + i);
          }

          @Override
          public void books(Result result, Map<String, Object> figures) throws Exception {
            long[] books = sql.books(saleId);
            figures.put("oversold", Math.max(0, -books[0]) + Math.max(0, books[1] - stock));
            figures.put("books_balanced", books[0] + books[1] == stock && books[1] == result.accepted());
          }
        };
      });
      figures.put("store", local.store);
      figures.put("connections", connections);
      figures.put("conflict_retries", sql.retries.sum());
      return figures;
    }
  }

  /** Journal rows of one product: with group commit, one per write of reservations. */
  private static long journalWrites(BenchNode local, String productId) throws Exception {
    try (Connection c = local.db.connect();
         PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = ?")) {
      s.setString(1, ProductEntity.ENTITY_KEY.name() + "|" + productId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static double[] loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1])};
    } catch (IOException | RuntimeException e) {
      return new double[] {-1, -1};
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) PathUtils.deleteDirectory(dir);
  }
}
