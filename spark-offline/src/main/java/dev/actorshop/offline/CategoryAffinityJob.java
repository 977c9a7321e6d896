package dev.actorshop.offline;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.actorshop.recall.Scored;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-user category affinity: each rating weighs {@code w = max(0, r − μ_u + 1)} (μ_u the user's
 * mean rating, so what the user rated a star below their usual weighs nothing), and the affinity
 * to a category is the share of the user's total weight that falls on products of that category.
 * A product in two categories counts fully in both, so shares can add up to more than 1. Each
 * user keeps their {@code categoriesPerUser} strongest categories.
 */
public final class CategoryAffinityJob {
  private CategoryAffinityJob() {}

  public static Map<String, List<Scored>> run(Dataset<Row> ratings, Dataset<Row> products, int categoriesPerUser) {
    Dataset<Row> weighted = ratings
        .join(ratings.groupBy("userId").agg(avg("score").as("mu")), "userId")
        .select(col("userId"), col("productId"), greatest(lit(0.0), col("score").minus(col("mu")).plus(1.0)).as("w"))
        .cache();
    Dataset<Row> total = weighted.groupBy("userId").agg(sum("w").as("total"));
    Dataset<Row> perCategory = weighted
        .join(products.select(col("productId"), explode(col("categories")).as("category")), "productId")
        .groupBy("userId", "category").agg(sum("w").as("w"))
        .join(total, "userId")
        .where(col("w").gt(0))
        .select(col("userId"), col("category"), col("w").divide(col("total")).as("affinity"));
    Map<String, List<Scored>> out = Lists.topPerKey(perCategory, "userId", "category", "affinity", categoriesPerUser);
    weighted.unpersist();
    return out;
  }
}
