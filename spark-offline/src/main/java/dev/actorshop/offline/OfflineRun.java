package dev.actorshop.offline;

import com.mongodb.client.MongoDatabase;
import dev.actorshop.contracts.OfflineResults.Meta;
import dev.actorshop.recall.Scored;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bson.Document;

/**
 * One offline run: read the inputs, evaluate on a time split when asked, run every job on all
 * ratings, write a new version and flip to it. Returns the summary it printed.
 */
public final class OfflineRun {
  /** Where the run reads from and writes to. {@code output} empty: evaluate only. */
  public record Plan(Optional<Path> data, Optional<MongoDatabase> mongo, String source, Optional<Path> evalOut,
      Optional<String> runId, OfflineSettings settings) {}

  private OfflineRun() {}

  /** Runs the plan; the run's status ends SUCCEEDED with the summary, or FAILED with the reason. */
  public static Map<String, Object> run(SparkSession spark, Plan plan, RunStatus status) {
    try {
      Map<String, Object> summary = runStages(spark, plan, status);
      status.succeeded(summary);
      return summary;
    } catch (RuntimeException e) {
      status.failed(e.getMessage() == null ? e.toString() : e.getMessage());
      throw e;
    }
  }

  private static Map<String, Object> runStages(SparkSession spark, Plan plan, RunStatus status) {
    long started = System.nanoTime();
    OfflineSettings s = plan.settings();
    boolean write = plan.mongo().isPresent();
    Stages stages = new Stages(status, 1 + (plan.evalOut().isPresent() ? 7 : 0) + 5 + (write ? 2 : 0));
    Inputs in = stages.run("load", () -> {
      return plan.data().isPresent() ? Inputs.fromMovieLens(spark, plan.data().get()) : Inputs.fromMongo(spark, plan.mongo().get(), plan.source());
    });
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("ratings", in.ratings().count());
    counts.put("users", in.ratings().select("userId").distinct().count());
    counts.put("items", in.ratings().select("productId").union(in.products().select("productId")).distinct().count());
    counts.put("rated_items", in.ratings().select("productId").distinct().count());
    counts.put("bad_rows", (long) in.badRows().size());
    if (counts.get("ratings") == 0) {
      throw new IllegalArgumentException("no ratings in " + plan.source() + ": nothing to compute");
    }


    Map<String, Object> metrics = new LinkedHashMap<>();
    if (plan.evalOut().isPresent()) {
      Evaluation.Split split = stages.run("split", () -> Evaluation.split(in.ratings()));
      Results train = jobs(split.train(), in.products(), s, stages, " (train)");
      Evaluation.Outcome outcome = stages.run("evaluate", () -> Evaluation.score(split, train, s, counts.get("items")));
      counts.put("train", outcome.counts().get("train"));
      counts.put("test", outcome.counts().get("test"));
      counts.put("evaluated_users", outcome.evaluatedUsers());
      Map<String, Object> json = EvalReport.json(plan.source(), outcome, counts, stages.seconds());
      try {
        EvalReport.write(plan.evalOut().get(), json, outcome, "actorshop offline evaluation — " + plan.source());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + plan.evalOut().get(), e);
      }
      metrics.put("rmse", json.get("rmse"));
      metrics.put("topn", json.get("topn"));
      split.train().unpersist();
      split.test().unpersist();
    }

    Results all = jobs(in.ratings(), in.products(), s, stages, "");
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("source", plan.source());
    summary.put("counts", counts);
    summary.put("als", Map.of("rank", all.als().chosen().rank(), "regParam", all.als().chosen().regParam(),
        "validationRmse", EvalReport.round(all.als().chosen().rmse()) == null ? "n/a" : EvalReport.round(all.als().chosen().rmse())));
    summary.putAll(metrics);
    if (write) {
      MongoOutput out = new MongoOutput(plan.mongo().get());
      long version = out.nextVersion();
      Map<String, Long> written = stages.run("write", () -> out.write(version, all));
      Document details = new Document(Meta.FINISHED_AT, Date.from(Instant.now()))
          .append(Meta.COUNTS, new Document(new LinkedHashMap<>(counts)))
          .append(Meta.MERGE, new Document(new LinkedHashMap<>(s.merge().toMap())))
          .append(Meta.ALS, new Document("rank", all.als().chosen().rank()).append("regParam", all.als().chosen().regParam()));
      plan.runId().ifPresent(id -> details.append(Meta.RUN_ID, id));
      Optional<Long> previous = stages.run("flip", () -> out.flip(version, details));
      summary.put("version", version);
      summary.put("previousVersion", previous.orElse(null));
      summary.put("written", written);
    } else {
      summary.put("version", null);
    }
    plan.evalOut().ifPresent(p -> {
      summary.put("evalJson", p.toAbsolutePath().toString());
      summary.put("evalHtml", EvalReport.htmlFile(p).toAbsolutePath().toString());
    });
    summary.put("timings_s", roundAll(stages.seconds()));
    summary.put("total_s", EvalReport.round((System.nanoTime() - started) / 1e9));
    return summary;
  }

  private static Results jobs(Dataset<Row> ratings, Dataset<Row> products, OfflineSettings s, Stages stages, String suffix) {
    Map<String, List<Scored>> content = stages.run("content" + suffix, () -> ContentJob.run(products, ratings, s.neighbours(), s.contentSupport()));
    StatisticsJob.Result stats = stages.run("statistics" + suffix, () -> StatisticsJob.run(ratings, products, s));
    Map<String, List<Scored>> itemCf = stages.run("itemcf" + suffix, () -> ItemCfJob.run(ratings, s.itemCfMaxPerUser(), s.neighbours()));
    AlsJob.Result als = stages.run("als" + suffix, () -> AlsJob.run(ratings, s));
    Map<String, List<Scored>> categories = stages.run("categories" + suffix, () -> CategoryAffinityJob.run(ratings, products, s.categoriesPerUser()));
    return new Results(stats, content, itemCf, als, categories);
  }

  private static Map<String, Double> roundAll(Map<String, Double> seconds) {
    Map<String, Double> out = new LinkedHashMap<>();
    seconds.forEach((k, v) -> out.put(k, EvalReport.round(v)));
    return out;
  }
}
