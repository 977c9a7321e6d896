package dev.actorshop.offline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;

import dev.actorshop.recall.Scored;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Item-CF: two products are similar when the same users rate both. With {@code co(i, j)} the
 * number of users who rated both and {@code n(i)} the number who rated i, the similarity is
 * {@code co(i, j) / sqrt(n(i) · n(j))} — co-occurrence normalised by both popularities, so a
 * blockbuster is not everybody's neighbour. Each user contributes their latest
 * {@code maxPerUser} ratings (a user with thousands of ratings would otherwise cost millions of
 * pairs and dominate). Each product keeps its {@code neighbours} most similar others.
 */
public final class ItemCfJob {
  private ItemCfJob() {}

  public static Map<String, List<Scored>> run(Dataset<Row> ratings, int maxPerUser, int neighbours) {
    Dataset<Row> kept = ratings
        .withColumn("recent", row_number().over(Window.partitionBy("userId").orderBy(col("ts").desc(), col("productId"))))
        .where(col("recent").leq(maxPerUser))
        .select("userId", "productId")
        .cache();
    Dataset<Row> n = kept.groupBy("productId").agg(count(lit(1)).as("n"));
    Dataset<Row> co = kept.toDF("userId", "i").join(kept.toDF("userId", "j"), "userId")
        .where(col("i").lt(col("j")))
        .groupBy("i", "j").agg(count(lit(1)).as("co"));
    Dataset<Row> sim = co
        .join(n.toDF("i", "ni"), "i")
        .join(n.toDF("j", "nj"), "j")
        .select(col("i"), col("j"), col("co").divide(sqrt(col("ni").multiply(col("nj")))).as("sim"));
    Dataset<Row> both = sim.union(sim.select(col("j").as("i"), col("i").as("j"), col("sim")));
    Map<String, List<Scored>> out = Lists.topPerKey(both, "i", "j", "sim", neighbours);
    kept.unpersist();
    return out;
  }
}
