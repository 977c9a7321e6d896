package dev.actorshop.bench;

import dev.actorshop.bench.ClosedLoop.Result;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --warmup} seconds of the same load, on sales of their own: the system under test and
 * every baseline alike. A sale is replaced by a fresh one before its buyers (or its stock) run
 * out: once every buyer has bought, orders only meet "already bought" or "sold out", and the
 * accepting path (the journal write, the projection) would cool while the JIT compiles the
 * refusal. Each round's length comes from the rate the round before it reached, and at most
 * doubles. When the system under test runs in this JVM, the rounds go on past {@code --warmup}
 * while the JIT compiler was busy more than {@link #JIT_QUIET} of the last round, up to
 * {@code --warmup-max}: on 2 cores the compiler shares the cores with the load and takes minutes
 * to finish (H2, 512 in flight: 34.6k orders/s after 30 s, 48.8k after 180 s; but 30.6k after
 * 300 s, with millions of warm-up orders in the entities and the database). How busy it still was
 * in the last round is reported either way.
 */
final class WarmUp {
  /** A round ends before this share of the buyers (or of the stock) has bought. */
  private static final double BUYER_SHARE = 0.8;
  /** The share of a round's time the JIT compiler may still be busy for the warm-up to end. */
  static final double JIT_QUIET = 0.05;

  /** One round: the load for {@code length} on a fresh sale, the {@code sale}-th of the warm-up. */
  @FunctionalInterface
  interface Round {
    Result run(int sale, Duration length) throws Exception;
  }

  private final long seconds;
  private final long maxSeconds;
  private final long buyersOrStock;

  /** {@code maxSeconds} 0: no longer than {@code seconds}; {@code buyersOrStock}: the fewer of a sale's buyers and units. */
  WarmUp(long seconds, long maxSeconds, long buyersOrStock) {
    this.seconds = seconds;
    this.maxSeconds = maxSeconds;
    this.buyersOrStock = buyersOrStock;
  }

  /** Runs the rounds; returns the figures for the output ({@code "warmup"}). */
  Map<String, Object> run(boolean inThisJvm, Round round) throws Exception {
    if (seconds == 0) return Map.of("seconds", 0, "sales", 0, "accepted", 0);
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long limit = inThisJvm && jit.isCompilationTimeMonitoringSupported() ? Math.max(seconds, maxSeconds) : seconds;
    long elapsed = 0;
    long next = Math.min(seconds, 2);
    int sales = 0;
    long accepted = 0;
    double jitBusy = 1;
    while (elapsed < seconds || (jitBusy > JIT_QUIET && elapsed < limit)) {
      long length = Math.min(next, (elapsed < seconds ? seconds : limit) - elapsed);
      long compiledBefore = jit.getTotalCompilationTime();
      long started = System.nanoTime();
      Result result = round.run(++sales, Duration.ofSeconds(length));
      jitBusy = (jit.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - started) / 1e6);
      elapsed += length;
      accepted += result.accepted();
      double acceptedPerSecond = Math.max(1, result.accepted() / result.seconds());
      // At most doubling: the first rounds run on a cold JVM, whose rate says little about the next one's.
      next = Math.max(1, Math.min(2 * length, (long) (BUYER_SHARE * buyersOrStock / acceptedPerSecond)));
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("seconds", elapsed);
    figures.put("sales", sales);
    figures.put("accepted", accepted);
    if (inThisJvm) figures.put("jit_busy_last_round", ClosedLoop.round(jitBusy));
    return figures;
  }
}
