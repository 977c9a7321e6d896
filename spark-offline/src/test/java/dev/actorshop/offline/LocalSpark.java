package dev.actorshop.offline;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** One local Spark session for every test of this JVM (starting one takes seconds), stopped at exit. */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session = OfflineMain.session("local[2]", false);
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  /** Ratings rows: user, product, score, epoch seconds. */
  static Dataset<Row> ratings(Object[]... rows) {
    List<Row> list = java.util.Arrays.stream(rows)
        .map(r -> RowFactory.create(r[0], r[1], ((Number) r[2]).doubleValue(), ((Number) r[3]).longValue() * 1000L))
        .toList();
    return session().createDataFrame(list, Inputs.RATINGS);
  }

  /** Products rows: id, categories, tags. */
  static Dataset<Row> products(Object[]... rows) {
    List<Row> list = java.util.Arrays.stream(rows).map(r -> RowFactory.create(r[0], r[1], r[2])).toList();
    return session().createDataFrame(list, Inputs.PRODUCTS);
  }

  static Object[] r(String user, String product, double score, long seconds) {
    return new Object[] {user, product, score, seconds};
  }

  static Object[] p(String id, String[] categories, String... tags) {
    return new Object[] {id, categories, tags};
  }

  static String[] cats(String... names) {
    return names;
  }
}
