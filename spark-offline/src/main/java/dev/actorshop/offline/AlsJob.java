package dev.actorshop.offline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import dev.actorshop.recall.Scored;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ALS matrix factorisation of the explicit ratings. The rank and the regularisation are chosen
 * from a small grid by RMSE on a validation slice of the input (each user's latest 10% of
 * ratings, held out from the grid's fits), then the model is fitted on all of the input. From it:
 * each user's top {@code userTopN} unrated products by predicted rating shrunk toward the global
 * mean by the product's support, {@code (n·r̂ + m·μ) / (n + m)} (ALS-WR regularises a product with
 * two ratings only lightly, so its raw predictions are the most extreme; the shrinkage is the
 * {@code m} of the statistics' shrunk mean) plus a popularity prior {@code β·ln(1 + n)} — an
 * explicit model predicts how much a user would like a product, not whether they will pick it,
 * and the top-N protocol rewards both — and each product's
 * {@code neighbours} nearest products by cosine of the item factors — computed against the
 * collected, broadcast factors with a bounded heap per product, never a cross join.
 */
public final class AlsJob {
  private static final Logger log = LoggerFactory.getLogger(AlsJob.class);

  private AlsJob() {}

  /** One point of the grid and the validation RMSE it reached. */
  public record Choice(int rank, double regParam, double rmse) {}

  public record Result(Choice chosen, List<Choice> grid, Map<String, List<Scored>> userTop,
      Map<String, List<Scored>> similar, Fitted fitted) {}

  /** The fitted model with the id mappings it was trained with. */
  public static final class Fitted {
    private final ALSModel model;
    private final StringIndexerModel users;
    private final StringIndexerModel items;

    Fitted(ALSModel model, StringIndexerModel users, StringIndexerModel items) {
      this.model = model;
      this.users = users;
      this.items = items;
    }

    /** {@code pairs} with a {@code prediction} column; pairs with an unknown user or product are dropped. */
    public Dataset<Row> predict(Dataset<Row> pairs) {
      return model.transform(index(pairs));
    }

    Dataset<Row> index(Dataset<Row> ratings) {
      return items.transform(users.transform(ratings));
    }

    String user(int index) {
      return users.labelsArray()[0][index];
    }

    String item(int index) {
      return items.labelsArray()[0][index];
    }
  }

  public static Result run(Dataset<Row> ratings, OfflineSettings settings) {
    StringIndexerModel users = new StringIndexer().setInputCol("userId").setOutputCol("u").setHandleInvalid("skip").fit(ratings);
    StringIndexerModel items = new StringIndexer().setInputCol("productId").setOutputCol("i").setHandleInvalid("skip").fit(ratings);
    Dataset<Row> indexed = items.transform(users.transform(ratings)).cache();

    Dataset<Row> byRecency = indexed
        .withColumn("recent", row_number().over(Window.partitionBy("userId").orderBy(col("ts").desc(), col("productId"))))
        .join(indexed.groupBy("userId").agg(count(lit(1)).as("n")), "userId");
    // cached: every fit of the grid reads them again
    Dataset<Row> validation = byRecency.where(col("recent").leq(col("n").multiply(0.1))).cache();
    Dataset<Row> fitPart = byRecency.where(col("recent").gt(col("n").multiply(0.1))).cache();
    RegressionEvaluator rmse = new RegressionEvaluator().setMetricName("rmse").setLabelCol("score").setPredictionCol("prediction");

    List<Choice> grid = new ArrayList<>();
    Choice best = null;
    List<Integer> ranks = validation.isEmpty() ? List.of() : settings.alsRanks();
    for (int rank : ranks) {
      for (double reg : settings.alsRegParams()) {
        double error = rmse.evaluate(als(settings, rank, reg).fit(fitPart).transform(validation));
        Choice c = new Choice(rank, reg, error);
        log.info("ALS rank {} regParam {}: validation RMSE {}", rank, reg, String.format("%.4f", error));
        grid.add(c);
        if (best == null || (!Double.isNaN(error) && (Double.isNaN(best.rmse()) || error < best.rmse()))) {
          best = c;
        }
      }
    }
    validation.unpersist();
    fitPart.unpersist();
    if (best == null) {
      best = new Choice(settings.alsRanks().get(0), settings.alsRegParams().get(0), Double.NaN);
    }
    ALSModel model = als(settings, best.rank(), best.regParam()).fit(indexed);
    Fitted fitted = new Fitted(model, users, items);

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ratings.sparkSession().sparkContext());
    Factors itemFactors = Factors.of(model.itemFactors().collectAsList());
    Map<Integer, Long> support = new HashMap<>();
    for (Row r : indexed.groupBy(col("i").cast("int")).agg(count(lit(1))).collectAsList()) {
      support.put(r.getInt(0), r.getLong(1));
    }
    double mu = indexed.agg(org.apache.spark.sql.functions.avg("score")).first().getDouble(0);
    Shrink shrink = new Shrink(mu, settings.shrinkage(), settings.alsPopularity(),
        java.util.Arrays.stream(itemFactors.ids).mapToLong(id -> support.getOrDefault(id, 0L)).toArray());
    Broadcast<Factors> broadcast = jsc.broadcast(itemFactors);
    Broadcast<Shrink> shrinkage = jsc.broadcast(shrink);
    Map<String, List<Scored>> userTop = userTop(indexed, model, broadcast, shrinkage, settings.userTopN(), fitted);
    Map<String, List<Scored>> similar = similar(jsc, jsc.broadcast(itemFactors.normalised()), settings.neighbours(), fitted);
    indexed.unpersist();
    return new Result(best, List.copyOf(grid), userTop, similar, fitted);
  }

  private static ALS als(OfflineSettings settings, int rank, double reg) {
    return new ALS().setRank(rank).setRegParam(reg).setMaxIter(settings.alsIterations()).setSeed(settings.seed())
        .setUserCol("u").setItemCol("i").setRatingCol("score").setColdStartStrategy("drop");
  }

  private static Map<String, List<Scored>> userTop(Dataset<Row> indexed, ALSModel model, Broadcast<Factors> items,
      Broadcast<Shrink> shrink, int n, Fitted fitted) {
    Dataset<Row> withRated = model.userFactors().toDF("u", "features")
        .join(indexed.groupBy(col("u").cast("int").as("u")).agg(collect_list(col("i").cast("int")).as("rated")), "u");
    List<Top> tops = withRated.javaRDD().mapPartitions(rows -> {
      Factors f = items.value();
      List<Top> out = new ArrayList<>();
      rows.forEachRemaining(r -> {
        float[] user = floats(r.getList(1));
        List<Integer> rated = r.getList(2);
        java.util.Set<Integer> skip = new java.util.HashSet<>(rated);
        out.add(Top.of(r.getInt(0), n, f, user, skip, shrink.value()));
      });
      return out.iterator();
    }).collect();
    return named(tops, fitted::user, fitted);
  }

  private static Map<String, List<Scored>> similar(JavaSparkContext jsc, Broadcast<Factors> unit, int k, Fitted fitted) {
    int count = unit.value().ids.length;
    List<Integer> positions = IntStream.range(0, count).boxed().toList();
    List<Top> tops = jsc.parallelize(positions, Math.max(1, jsc.defaultParallelism())).mapPartitions(ps -> {
      Factors f = unit.value();
      List<Top> out = new ArrayList<>();
      ps.forEachRemaining(p -> out.add(Top.of(f.ids[p], k, f, f.vectors[p], java.util.Set.of(f.ids[p]), null)));
      return out.iterator();
    }).collect();
    return named(tops, fitted::item, fitted);
  }

  private static Map<String, List<Scored>> named(List<Top> tops, java.util.function.IntFunction<String> key, Fitted fitted) {
    Map<String, List<Scored>> out = new HashMap<>();
    for (Top t : tops) {
      List<Scored> list = new ArrayList<>(t.ids.length);
      for (int i = 0; i < t.ids.length; i++) {
        list.add(new Scored(fitted.item(t.ids[i]), t.scores[i]));
      }
      out.put(key.apply(t.key), List.copyOf(list));
    }
    return out;
  }

  private static float[] floats(List<?> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).floatValue();
    }
    return out;
  }

  /** Factor vectors by model index, as shipped to the executors. */
  static final class Factors implements Serializable {
    private static final long serialVersionUID = 1L;
    final int[] ids;
    final float[][] vectors;

    Factors(int[] ids, float[][] vectors) {
      this.ids = ids;
      this.vectors = vectors;
    }

    static Factors of(List<Row> rows) {
      int[] ids = new int[rows.size()];
      float[][] vectors = new float[rows.size()][];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = rows.get(i).getInt(0);
        vectors[i] = floats(rows.get(i).getList(1));
      }
      return new Factors(ids, vectors);
    }

    Factors normalised() {
      float[][] unit = new float[vectors.length][];
      for (int i = 0; i < vectors.length; i++) {
        double norm = 0;
        for (float v : vectors[i]) {
          norm += v * v;
        }
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        unit[i] = new float[vectors[i].length];
        for (int d = 0; d < unit[i].length; d++) {
          unit[i][d] = (float) (vectors[i][d] * scale);
        }
      }
      return new Factors(ids, unit);
    }
  }

  /**
   * {@code (n·r̂ + m·μ) / (n + m) + β·ln(1 + n)} with n the support of the product at each position
   * of the factors.
   */
  record Shrink(double mu, double m, double beta, long[] support) implements Serializable {
    double apply(int position, double predicted) {
      long n = support[position];
      return (n * predicted + m * mu) / (n + m) + beta * Math.log1p(n);
    }
  }

  /** One key's best model indices with their dot products (compact, for collecting). */
  static final class Top implements Serializable {
    private static final long serialVersionUID = 1L;
    final int key;
    final int[] ids;
    final float[] scores;

    private Top(int key, int[] ids, float[] scores) {
      this.key = key;
      this.ids = ids;
      this.scores = scores;
    }

    /**
     * The {@code n} best by dot product, or by shrunk predicted rating when {@code shrink} is given;
     * equal scores by the smaller model index. A bounded min-heap on primitive arrays: this loop
     * runs once per user and product.
     */
    static Top of(int key, int n, Factors f, float[] query, java.util.Set<Integer> skip, Shrink shrink) {
      int[] heapIds = new int[n];
      double[] heapScores = new double[n];
      int size = 0;
      for (int p = 0; p < f.ids.length; p++) {
        int id = f.ids[p];
        if (skip.contains(id)) {
          continue;
        }
        float[] v = f.vectors[p];
        double dot = 0;
        for (int d = 0; d < v.length; d++) {
          dot += v[d] * query[d];
        }
        double score = shrink == null ? dot : shrink.apply(p, dot);
        if (size < n) {
          heapIds[size] = id;
          heapScores[size] = score;
          siftUp(heapIds, heapScores, size++);
        } else if (n > 0 && worse(heapIds[0], heapScores[0], id, score)) {
          heapIds[0] = id;
          heapScores[0] = score;
          siftDown(heapIds, heapScores, size);
        }
      }
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> worse(heapIds[a], heapScores[a], heapIds[b], heapScores[b]) ? 1
          : worse(heapIds[b], heapScores[b], heapIds[a], heapScores[a]) ? -1 : 0);
      int[] ids = new int[size];
      float[] scores = new float[size];
      for (int i = 0; i < size; i++) {
        ids[i] = heapIds[order[i]];
        scores[i] = (float) heapScores[order[i]];
      }
      return new Top(key, ids, scores);
    }

    /** Whether (a, sa) ranks below (b, sb): a lower score, or the same score and a larger index. */
    private static boolean worse(int a, double sa, int b, double sb) {
      return sa < sb || (sa == sb && a > b);
    }

    /** Min-heap by rank: the worst kept entry at the root. */
    private static void siftUp(int[] ids, double[] scores, int i) {
      while (i > 0) {
        int parent = (i - 1) / 2;
        if (!worse(ids[i], scores[i], ids[parent], scores[parent])) {
          return;
        }
        swap(ids, scores, i, parent);
        i = parent;
      }
    }

    private static void siftDown(int[] ids, double[] scores, int size) {
      int i = 0;
      while (true) {
        int l = 2 * i + 1;
        int r = l + 1;
        int worst = i;
        if (l < size && worse(ids[l], scores[l], ids[worst], scores[worst])) worst = l;
        if (r < size && worse(ids[r], scores[r], ids[worst], scores[worst])) worst = r;
        if (worst == i) {
          return;
        }
        swap(ids, scores, i, worst);
        i = worst;
      }
    }

    private static void swap(int[] ids, double[] scores, int a, int b) {
      int id = ids[a];
      ids[a] = ids[b];
      ids[b] = id;
      double sc = scores[a];
      scores[a] = scores[b];
      scores[b] = sc;
    }
  }
}
