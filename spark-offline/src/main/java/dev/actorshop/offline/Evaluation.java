package dev.actorshop.offline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;

import dev.actorshop.recall.Candidates;
import dev.actorshop.recall.Merge.Merged;
import dev.actorshop.recall.Rated;
import dev.actorshop.recall.RecallPath;
import dev.actorshop.recall.Scored;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The evaluation protocol of the design: each user's ratings in time order, the last 20% (at
 * least one) are test, the rest train; relevant = test products rated 4.0 or more; users without
 * a relevant test product are skipped; candidates = products the user has not rated in train.
 * The jobs run on train, and every path's list comes from {@link Candidates} — the code the
 * recommender serves with — over the train results.
 */
public final class Evaluation {
  /** Users are grouped by their number of train ratings for the RMSE-by-activity figure. */
  static final int[] ACTIVITY_BOUNDS = {1, 20, 50, 100, 200, 500};

  private Evaluation() {}

  public record Split(Dataset<Row> train, Dataset<Row> test) {}

  /** One user's train history (newest first) and relevant test products. */
  record Held(String userId, List<Rated> trainNewestFirst, Set<String> relevant) {}

  public record RmseBucket(String users, long ratings, double rmse) {}

  /** What the report shows: per path metrics (merged last), RMSE overall and by activity. */
  public record Outcome(Map<String, TopNMetrics> paths, double rmse, long rmsePredicted, long rmseTest,
      List<RmseBucket> rmseByActivity, long evaluatedUsers, long allItems, Map<String, Long> counts) {}

  public static Split split(Dataset<Row> ratings) {
    Dataset<Row> ordered = ratings
        .withColumn("pos", row_number().over(Window.partitionBy("userId").orderBy(col("ts"), col("productId"))))
        .join(ratings.groupBy("userId").agg(count(lit(1)).as("n")), "userId")
        .withColumn("held", greatest(lit(1L), round(col("n").multiply(0.2)).cast("long")));
    Dataset<Row> train = ordered.where(col("pos").leq(col("n").minus(col("held")))).select("userId", "productId", "score", "ts");
    Dataset<Row> test = ordered.where(col("pos").gt(col("n").minus(col("held")))).select("userId", "productId", "score", "ts");
    return new Split(train.cache(), test.cache());
  }

  public static Outcome score(Split split, Results train, OfflineSettings settings, long allItems) {
    Map<String, Held> users = held(split);
    Map<String, TopNMetrics> paths = new LinkedHashMap<>();
    for (RecallPath p : RecallPath.values()) {
      paths.put(p.key(), new TopNMetrics(OfflineSettings.MAX_K));
    }
    TopNMetrics merged = new TopNMetrics(OfflineSettings.MAX_K);
    long evaluated = 0;
    for (Held u : users.values()) {
      if (u.relevant().isEmpty()) {
        continue;
      }
      evaluated++;
      Set<String> rated = new HashSet<>();
      u.trainNewestFirst().forEach(r -> rated.add(r.itemId()));
      List<Rated> recent = u.trainNewestFirst().subList(0, Math.min(settings.recentWindow(), u.trainNewestFirst().size()));
      Map<RecallPath, List<Scored>> lists = Candidates.recall(train, u.userId(), recent, rated, OfflineSettings.MAX_K);
      lists.forEach((p, list) -> paths.get(p.key()).add(ids(list), u.relevant()));
      List<Merged> fused = Candidates.merged(lists, settings.merge(), OfflineSettings.MAX_K);
      merged.add(fused.stream().map(Merged::itemId).toList(), u.relevant());
    }
    paths.put("merged", merged);

    Map<String, Long> trainCounts = new HashMap<>();
    users.values().forEach(u -> trainCounts.put(u.userId(), (long) u.trainNewestFirst().size()));
    List<Row> predicted = train.als().fitted().predict(split.test()).select("userId", "score", "prediction").collectAsList();
    long testCount = split.test().count();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("train", split.train().count());
    counts.put("test", testCount);
    return new Outcome(paths, rmse(predicted), predicted.size(), testCount,
        rmseByActivity(predicted, trainCounts), evaluated, allItems, counts);
  }

  private static Map<String, Held> held(Split split) {
    Map<String, List<Row>> train = new HashMap<>();
    for (Row r : split.train().collectAsList()) {
      train.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
    }
    Map<String, Set<String>> relevant = new HashMap<>();
    for (Row r : split.test().select("userId", "productId", "score").collectAsList()) {
      Set<String> set = relevant.computeIfAbsent(r.getString(0), k -> new HashSet<>());
      if (r.getDouble(2) >= 4.0) {
        set.add(r.getString(1));
      }
    }
    Map<String, Held> out = new LinkedHashMap<>();
    relevant.keySet().stream().sorted().forEach(user -> {
      List<Row> rows = train.getOrDefault(user, List.of());
      List<Rated> newestFirst = rows.stream()
          .sorted(Comparator.<Row>comparingLong(r -> r.getLong(3)).reversed().thenComparing(r -> r.getString(1)))
          .map(r -> new Rated(r.getString(1), r.getDouble(2)))
          .toList();
      out.put(user, new Held(user, newestFirst, relevant.get(user)));
    });
    return out;
  }

  private static double rmse(List<Row> predicted) {
    double sum = 0;
    for (Row r : predicted) {
      double e = r.getDouble(1) - r.getFloat(2);
      sum += e * e;
    }
    return predicted.isEmpty() ? Double.NaN : Math.sqrt(sum / predicted.size());
  }

  private static List<RmseBucket> rmseByActivity(List<Row> predicted, Map<String, Long> trainCounts) {
    List<RmseBucket> out = new ArrayList<>();
    for (int b = 0; b < ACTIVITY_BOUNDS.length; b++) {
      long low = ACTIVITY_BOUNDS[b];
      long high = b + 1 < ACTIVITY_BOUNDS.length ? ACTIVITY_BOUNDS[b + 1] : Long.MAX_VALUE;
      List<Row> in = predicted.stream().filter(r -> {
        long n = trainCounts.getOrDefault(r.getString(0), 0L);
        return n >= low && n < high;
      }).toList();
      String label = high == Long.MAX_VALUE ? low + "+" : low + "–" + (high - 1);
      out.add(new RmseBucket(label, in.size(), rmse(in)));
    }
    return out;
  }

  private static List<String> ids(List<Scored> list) {
    return list.stream().map(Scored::id).toList();
  }
}
