package dev.actorshop.offline;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_millis;

import dev.actorshop.contracts.OfflineResults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Statistics over all ratings:
 * <ul>
 *   <li>most rated of all time (score = number of ratings);
 *   <li>most rated in each of the latest {@code months} calendar months (UTC) that have ratings;
 *   <li>top rated by the mean shrunk toward the global mean μ, {@code (Σr + m·μ) / (n + m)}, so a
 *       product with two 5-star ratings does not outrank one with five hundred 4.5s;
 *   <li>most rated per category (a product counts in each of its categories).
 * </ul>
 */
public final class StatisticsJob {
  private StatisticsJob() {}

  /** Keys as in {@link OfflineResults.Kind}: {@code popular} by {@code all}/{@code month:…}, the others by {@code all} or category. */
  public record Result(Map<String, List<StatItem>> popular, List<StatItem> topRated, Map<String, List<StatItem>> categoryTop, double globalMean) {}

  public static Result run(Dataset<Row> ratings, Dataset<Row> products, OfflineSettings settings) {
    int size = settings.listSize();
    Dataset<Row> perItem = ratings.groupBy("productId")
        .agg(count(lit(1)).as("count"), avg("score").as("mean"), sum("score").as("sum"))
        .cache();
    Row global = ratings.agg(avg("score"), count(lit(1))).first();
    double mu = global.isNullAt(0) ? 0.0 : global.getDouble(0);
    double m = settings.shrinkage();

    Map<String, List<StatItem>> popular = new LinkedHashMap<>();
    popular.put(OfflineResults.ALL, top(perItem, "count", size));
    Dataset<Row> byMonth = ratings
        .withColumn("key", date_format(timestamp_millis(col("ts")), "yyyy-MM"))
        .groupBy("key", "productId")
        .agg(count(lit(1)).as("count"), avg("score").as("mean"));
    List<String> latest = byMonth.select("key").distinct().orderBy(col("key").desc()).limit(settings.months())
        .collectAsList().stream().map(r -> r.getString(0)).toList();
    topPerKey(byMonth.where(col("key").isin(latest.toArray())), "count", size)
        .forEach((month, items) -> popular.put(OfflineResults.MONTH_PREFIX + month, items));

    Dataset<Row> shrunk = perItem.withColumn("shrunk", col("sum").plus(lit(m * mu)).divide(col("count").plus(lit(m))));
    List<StatItem> topRated = top(shrunk, "shrunk", size);

    Dataset<Row> byCategory = perItem.join(products.select(col("productId"), explode(col("categories")).as("key")), "productId");
    Map<String, List<StatItem>> categoryTop = topPerKey(byCategory, "count", size);
    perItem.unpersist();
    return new Result(popular, topRated, categoryTop, mu);
  }

  /** The best {@code size} rows per {@code key}. */
  private static Map<String, List<StatItem>> topPerKey(Dataset<Row> rows, String score, int size) {
    return Lists.collect(Lists.ranked(rows, "key", "productId", score, size), "key", r -> item(r, score));
  }

  /** The best {@code size} rows of all. */
  private static List<StatItem> top(Dataset<Row> rows, String score, int size) {
    return rows.orderBy(col(score).desc(), col("productId")).limit(size).collectAsList().stream().map(r -> item(r, score)).toList();
  }

  private static StatItem item(Row r, String score) {
    return new StatItem(r.getAs("productId"), ((Number) r.getAs("count")).longValue(),
        ((Number) r.getAs("mean")).doubleValue(), ((Number) r.getAs(score)).doubleValue());
  }
}
