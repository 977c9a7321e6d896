package dev.actorshop.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop load: {@code concurrency} attempts in flight for {@code duration}, each started
 * as soon as one finishes. Every attempt's latency goes into an HdrHistogram, its outcome into a
 * count by name ("accepted", a refusal code, or an error kind).
 */
final class ClosedLoop {
  static final String ACCEPTED = "accepted";

  /** What one scenario measured. */
  record Result(long attempts, Map<String, Long> outcomes, double seconds, double p50Ms, double p99Ms,
                double maxMs) {
    long accepted() {
      return outcomes.getOrDefault(ACCEPTED, 0L);
    }

    double throughputRps() {
      return attempts / seconds;
    }

    Map<String, Object> figures() {
      Map<String, Object> figures = new java.util.LinkedHashMap<>();
      figures.put("attempts", attempts);
      figures.put("accepted", accepted());
      figures.put("throughput_rps", Math.round(throughputRps()));
      figures.put("p50_ms", round(p50Ms));
      figures.put("p99_ms", round(p99Ms));
      figures.put("max_ms", round(maxMs));
      figures.put("outcomes", outcomes);
      return figures;
    }
  }

  private ClosedLoop() {}

  /**
   * Runs {@code attempt(i)} for i = 0, 1, 2, ... with {@code concurrency} in flight until
   * {@code duration} has passed, then waits for the ones in flight. An attempt's future completes
   * with its outcome name; a failed future counts as "error:" + the exception's class.
   */
  static Result run(int concurrency, Duration duration, LongFunction<CompletionStage<String>> attempt)
      throws InterruptedException {
    return run(concurrency, duration, Long.MAX_VALUE, attempt);
  }

  /** As {@link #run(int, Duration, LongFunction)}, but stops early once {@code limit} attempts have started. */
  static Result run(int concurrency, Duration duration, long limit, LongFunction<CompletionStage<String>> attempt)
      throws InterruptedException {
    Recorder latencies = new Recorder(3);
    Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    AtomicLong next = new AtomicLong();
    LongAdder finished = new LongAdder();
    long start = System.nanoTime();
    long stopAt = start + duration.toNanos();
    CompletableFuture<?>[] lanes = new CompletableFuture<?>[concurrency];
    for (int lane = 0; lane < concurrency; lane++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      lanes[lane] = done;
      new Lane(attempt, next, limit, stopAt, latencies, outcomes, finished, done).go();
    }
    try {
      CompletableFuture.allOf(lanes).get(duration.toSeconds() + 120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the load did not finish: " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    var histogram = latencies.getIntervalHistogram();
    Map<String, Long> counts = new TreeMap<>();
    outcomes.forEach((name, count) -> counts.put(name, count.sum()));
    return new Result(finished.sum(), counts, seconds, histogram.getValueAtPercentile(50) / 1e3,
        histogram.getValueAtPercentile(99) / 1e3, histogram.getMaxValue() / 1e3);
  }

  /** One in-flight slot: the next attempt starts when the previous one completes. */
  private record Lane(LongFunction<CompletionStage<String>> attempt, AtomicLong next, long limit, long stopAt,
                      Recorder latencies, Map<String, LongAdder> outcomes, LongAdder finished,
                      CompletableFuture<Void> done) {
    void go() {
      // A loop, not recursion: an attempt that completes at once must not grow the stack.
      while (System.nanoTime() < stopAt) {
        long i = next.getAndIncrement();
        if (i >= limit) break;
        long began = System.nanoTime();
        CompletableFuture<String> f;
        try {
          f = attempt.apply(i).toCompletableFuture();
        } catch (RuntimeException e) {
          f = CompletableFuture.failedFuture(e);
        }
        if (!f.isDone()) {
          f.whenComplete((outcome, error) -> {
            record(began, outcome, error);
            go();
          });
          return;
        }
        record(began, f.getNow(null), f.isCompletedExceptionally() ? failure(f) : null);
      }
      done.complete(null);
    }

    private void record(long began, String outcome, Throwable error) {
      latencies.recordValue(Math.max(1, (System.nanoTime() - began) / 1_000));
      String name = error == null ? outcome : "error:" + cause(error).getClass().getSimpleName();
      outcomes.computeIfAbsent(name, n -> new LongAdder()).increment();
      finished.increment();
    }

    private static Throwable failure(CompletableFuture<String> f) {
      try {
        f.join();
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    }

    private static Throwable cause(Throwable error) {
      Throwable t = error;
      while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
          && t.getCause() != null) {
        t = t.getCause();
      }
      return t;
    }
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
