package dev.actorshop.node;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.typesafe.config.Config;
import dev.actorshop.conf.MongoStore;
import dev.actorshop.contracts.OfflineResults.Runs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline runs launched by this node: one at a time, each a child JVM that writes into the node's
 * MongoDB and reports its progress in {@code offline_runs/<runId>}. Any node can read a run's
 * status from there. If the child dies without saying so (killed, out of memory), the node marks
 * the run FAILED with its exit code and log file.
 */
public final class OfflineRuns {
  private static final Logger log = LoggerFactory.getLogger(OfflineRuns.class);
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  /** A run is already going on this node. */
  public static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Busy(String runId) {
      super("offline run " + runId + " is still running on this node; one at a time");
    }
  }

  private final MongoStore mongo;
  private final String database;
  private final OfflineLauncher launcher;
  private final String master;
  private final Path dir;
  private final Executor blocking;
  private Process running;
  private String runningId;

  public OfflineRuns(MongoStore mongo, Config config, Executor blocking) {
    this.mongo = mongo;
    this.database = config.getString("actorshop.mongo.database");
    this.launcher = OfflineLauncher.fromConfig(config);
    this.master = config.getString("actorshop.offline.master");
    this.dir = Path.of(config.getString("actorshop.offline.dir"));
    this.blocking = blocking;
  }

  /** Starts a run; completes with its id once the child JVM is started and its document exists. */
  public CompletionStage<String> start(boolean evaluate) {
    return CompletableFuture.supplyAsync(() -> launch(evaluate), blocking);
  }

  /** The run's document without its {@code _id}, or empty for an unknown id. */
  public CompletionStage<Optional<Document>> get(String runId) {
    return CompletableFuture.supplyAsync(() -> Optional.ofNullable(runs().find(Filters.eq("_id", runId)).first()), blocking);
  }

  /** Starts a run every {@code period} unless one is going; for a node with {@code actorshop.offline.schedule}. */
  public void runEvery(Duration period, java.util.concurrent.ScheduledExecutorService timer) {
    timer.scheduleWithFixedDelay(() -> {
      try {
        log.info("scheduled offline run {} started", launch(false));
      } catch (Busy e) {
        log.info("scheduled offline run skipped: {}", e.getMessage());
      } catch (RuntimeException e) {
        log.warn("scheduled offline run did not start: {}", e.getMessage());
      }
    }, period.toMillis(), period.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private synchronized String launch(boolean evaluate) {
    if (running != null && running.isAlive()) {
      throw new Busy(runningId);
    }
    launcher.requireBuilt();
    String runId = "run-" + ID_TIME.format(Instant.now()) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    Path runDir = dir.resolve(runId);
    List<String> args = new ArrayList<>(List.of("--mongo-database", database, "--run-id", runId, "--master", master));
    if (evaluate) {
      args.add("--eval-out");
      args.add(runDir.resolve("eval.json").toString());
    }
    runs().insertOne(new Document("_id", runId).append(Runs.STATUS, Runs.RUNNING).append(Runs.STAGE, "starting")
        .append(Runs.STARTED_AT, new Date()));
    Path logFile = runDir.resolve("run.log");
    try {
      ProcessBuilder command = launcher.command(args, runDir);
      command.environment().put("ACTORSHOP_OFFLINE_MONGO_URI", mongo.uri());
      Process process = command.redirectErrorStream(true).redirectOutput(Redirect.appendTo(logFile.toFile())).start();
      running = process;
      runningId = runId;
      log.info("offline run {} started (pid {}, log {})", runId, process.pid(), logFile);
      process.onExit().thenAcceptAsync(p -> finished(runId, p.exitValue(), logFile), blocking);
      return runId;
    } catch (IOException e) {
      failed(runId, "could not start the run's JVM: " + e.getMessage());
      throw new UncheckedIOException(e);
    }
  }

  /** Stops a run still going (the node is shutting down); the node marks it FAILED if it can. */
  public synchronized void close() {
    if (running != null && running.isAlive()) {
      log.info("stopping offline run {}: the node is shutting down", runningId);
      running.destroy();
    }
  }

  private void finished(String runId, int exit, Path logFile) {
    if (exit == 0) {
      log.info("offline run {} finished", runId);
      return;
    }
    log.warn("offline run {} exited with code {} (log {})", runId, exit, logFile);
    failed(runId, "the run's JVM exited with code " + exit + "; its log is " + logFile);
  }

  /** FAILED, unless the run already said how it ended. */
  private void failed(String runId, String error) {
    runs().updateOne(Filters.and(Filters.eq("_id", runId), Filters.eq(Runs.STATUS, Runs.RUNNING)),
        Updates.combine(Updates.set(Runs.STATUS, Runs.FAILED), Updates.set(Runs.ERROR, error),
            Updates.set(Runs.FINISHED_AT, new Date())));
  }

  private MongoCollection<Document> runs() {
    return mongo.database().getCollection(Runs.COLLECTION);
  }
}
