package dev.actorshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actorshop.node.Node;
import dev.actorshop.node.TestNodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bench's last line is one JSON object whose books reconcile: demand above the stock sells
 * exactly the stock, nothing oversold, duplicated or lost; every baseline ran on its own store.
 * (Figures are for the bench to report; this checks only what must hold whatever the speed.)
 */
class SeckillBenchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void inProcessRunReconcilesAndRunsEveryBaseline() throws Exception {
    JsonNode out = run(b -> {}, "--via", "entity", "--store", "h2", "--stock", "40", "--buyers", "100",
        "--concurrency", "8", "--duration", "2", "--warmup", "3", "--pay", "--data-dir", dir.toString());
    assertEquals("seckill", out.path("scenario").asText());
    assertEquals("entity", out.path("via").asText());
    assertEquals("h2", out.path("store").asText());
    assertSoldExactly(40, out);
    // The warm-up sold out a sale in its first 2 s, so its last second ran on a fresh sale.
    JsonNode warmup = out.path("warmup");
    assertEquals(2, warmup.path("sales").asInt(), warmup.toString());
    assertEquals(80, warmup.path("accepted").asLong(), warmup.toString());
    assertEquals(3, warmup.path("seconds").asInt(), "without --warmup-max it ends however busy the JIT: " + warmup);
    assertTrue(warmup.has("jit_busy_last_round"), warmup.toString());
    assertTrue(out.path("journal_writes").asLong() >= 1);
    JsonNode cpu = out.path("process_cpu");
    assertTrue(cpu.path("cores").asDouble() > 0 && cpu.path("us_per_accepted").asDouble() > 0, cpu.toString());
    JsonNode payments = out.path("payments");
    assertEquals(40, payments.path("paid").asLong(), "every order's buyer paid it: " + payments);
    assertEquals(40, payments.path("attempts").asLong(), payments.toString());
    assertTrue(payments.path("throughput_rps").asLong() > 0 && payments.has("p99_ms"), payments.toString());
    for (String baseline : List.of("persist_per_order", "redis_lua", "redis_lua_no_persistence", "sql_row_lock")) {
      JsonNode b = out.path("baselines").path(baseline);
      assertEquals(40, b.path("accepted").asLong(), baseline + ": " + b);
      assertEquals(0, b.path("oversold").asLong(), baseline + ": " + b);
      assertTrue(b.path("books_balanced").asBoolean(), baseline + ": " + b);
      assertTrue(b.path("throughput_rps").asLong() > 0 && b.has("p99_ms"), baseline + ": " + b);
      // Each baseline warms up like the entity: a second sale for the warm-up's last second.
      assertEquals(2, b.path("warmup").path("sales").asInt(), baseline + ": " + b);
    }
  }

  @Test
  void theWarmUpGoesOnWhileTheCompilerIsBusyUpToItsLimit() throws Exception {
    JsonNode out = run(b -> {}, "--via", "entity", "--store", "h2", "--stock", "40", "--buyers", "100",
        "--concurrency", "8", "--duration", "1", "--warmup", "1", "--warmup-max", "4", "--baselines", "none",
        "--data-dir", dir.resolve("warm").toString());
    assertSoldExactly(40, out);
    JsonNode warmup = out.path("warmup");
    long seconds = warmup.path("seconds").asLong();
    assertTrue(seconds >= 1 && seconds <= 4, warmup.toString());
    assertTrue(seconds == 4 || warmup.path("jit_busy_last_round").asDouble() <= 0.05,
        "it stops early only once the compiler is quiet: " + warmup);
  }

  @Test
  void overHttpBuyersAreRealAccountsAndTheBooksReconcile() throws Exception {
    try (Node node = Node.start(TestNodes.single(dir.resolve("node")))) {
      node.adminReady().toCompletableFuture().get();
      String url = "http://127.0.0.1:" + node.httpAddress().getPort();
      JsonNode out = run(b -> b.adminPassword = TestNodes.ADMIN_PASSWORD, "--via", "http", "--to", url, "--stock", "30",
          "--buyers", "60", "--concurrency", "4", "--duration", "2", "--warmup", "0", "--baselines", "none", "--pay");
      assertEquals("http", out.path("via").asText());
      assertSoldExactly(30, out);
      assertEquals(30, out.path("payments").path("paid").asLong(), "every buyer paid over HTTP: " + out.path("payments"));
      assertEquals(0, out.path("baselines").size());
    }
  }

  private static void assertSoldExactly(long stock, JsonNode out) {
    assertEquals(stock, out.path("accepted").asLong(), out.toString());
    assertEquals(0, out.path("oversold").asLong());
    assertEquals(0, out.path("duplicates").asLong());
    assertEquals(0, out.path("lost").asLong());
    assertTrue(out.path("books").path("balanced").asBoolean());
    assertEquals(stock, out.path("books").path("order_rows").asLong());
    assertTrue(out.path("attempts").asLong() > stock, "demand exceeded the stock: " + out);
  }

  private static JsonNode run(Consumer<SeckillBench> setUp, String... args) throws Exception {
    SeckillBench bench = new SeckillBench();
    setUp.accept(bench);
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = new CommandLine(bench).execute(args);
    } finally {
      System.setOut(stdout);
    }
    assertEquals(0, exit);
    String[] lines = captured.toString(StandardCharsets.UTF_8).trim().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }
}
