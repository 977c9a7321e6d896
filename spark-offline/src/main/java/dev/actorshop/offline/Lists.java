package dev.actorshop.offline;

import dev.actorshop.recall.Scored;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/** Turning Spark rows into the ranked lists every job hands on. */
final class Lists {
  private Lists() {}

  /**
   * The best {@code k} rows per {@code key} (by {@code score} descending, then {@code id}), collected
   * into lists, best first. Runs as a window on the executors; only the kept rows reach the driver.
   */
  static Map<String, List<Scored>> topPerKey(Dataset<Row> rows, String key, String id, String score, int k) {
    return collect(ranked(rows, key, id, score, k), key, r -> new Scored(r.getAs(id).toString(), ((Number) r.getAs(score)).doubleValue()));
  }

  static Dataset<Row> ranked(Dataset<Row> rows, String key, String id, String score, int k) {
    return ranked(rows, key, id, k, functions.col(score).desc(), functions.col(id).asc());
  }

  /** The first {@code k} rows per {@code key} in the given order (which should end with the id, for determinism). */
  static Dataset<Row> ranked(Dataset<Row> rows, String key, String id, int k, Column... order) {
    Column rank = functions.row_number().over(Window.partitionBy(key).orderBy(order));
    return rows.withColumn("rank", rank).where(functions.col("rank").leq(k));
  }

  static <T> Map<String, List<T>> collect(Dataset<Row> ranked, String key, Function<Row, T> item) {
    Map<String, List<T>> out = new LinkedHashMap<>();
    for (Row r : ranked.orderBy(functions.col(key), functions.col("rank")).collectAsList()) {
      out.computeIfAbsent(r.getAs(key).toString(), x -> new ArrayList<>()).add(item.apply(r));
    }
    return out;
  }
}
