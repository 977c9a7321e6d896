package dev.actorshop.offline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the named stages of a run one after another: logs each one's duration and reports progress. */
final class Stages {
  private static final Logger log = LoggerFactory.getLogger(Stages.class);

  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private final RunStatus status;
  private final int total;
  private int done;

  Stages(RunStatus status, int total) {
    this.status = status;
    this.total = total;
  }

  <T> T run(String name, Supplier<T> work) {
    status.progress(name, done, total);
    long start = System.nanoTime();
    T result = work.get();
    double took = (System.nanoTime() - start) / 1e9;
    seconds.merge(name, took, Double::sum);
    done++;
    status.progress(name, done, total);
    log.info("stage {} ({}/{}) took {} s", name, done, total, String.format("%.1f", took));
    return result;
  }

  void run(String name, Runnable work) {
    run(name, () -> {
      work.run();
      return null;
    });
  }

  /** Seconds per stage, in the order they ran. */
  Map<String, Double> seconds() {
    return Collections.unmodifiableMap(seconds);
  }

  int total() {
    return total;
  }
}
