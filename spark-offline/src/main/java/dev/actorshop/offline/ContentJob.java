package dev.actorshop.offline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.actorshop.recall.Scored;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Content similarity: each product is a TF-IDF vector over its terms — its categories
 * ({@code c:<name>}) and its tags ({@code t:<name>}, lower-cased, one count per application) —
 * with {@code tf' = 1 + ln tf} and {@code idf = ln((N + 1) / (df + 1)) + 1}, L2-normalised; the
 * similarity of two products is the cosine of their vectors, and each product keeps its
 * {@code neighbours} most similar others, ranked by the cosine weighted by the neighbour's
 * support, {@code cos · n / (n + m)} with n its number of ratings (m = 50 by default):
 * products with the same terms are equally similar and there are many (all the untagged
 * comedy–dramas), and a product nobody rated is a poor thing to recommend. Equal scores go to the
 * product with more ratings, then by id. Pairs come from a join on shared terms, so products with
 * nothing in common are never compared.
 */
public final class ContentJob {
  private ContentJob() {}

  public static Map<String, List<Scored>> run(Dataset<Row> products, Dataset<Row> ratings, int neighbours, double shrinkage) {
    Dataset<Row> terms = products.select(col("productId"), explode(col("categories")).as("name"))
        .withColumn("term", concat(lit("c:"), lower(trim(col("name")))))
        .union(products.select(col("productId"), explode(col("tags")).as("name"))
            .withColumn("term", concat(lit("t:"), lower(trim(col("name"))))))
        .groupBy("productId", "term").agg(count(lit(1)).as("tf"));
    long n = terms.select("productId").distinct().count();
    Dataset<Row> idf = terms.groupBy("term").agg(countDistinct("productId").as("df"))
        .withColumn("idf", log(lit(n + 1.0).divide(col("df").plus(1))).plus(1));
    Dataset<Row> weighted = terms.join(idf, "term")
        .withColumn("w", log(col("tf")).plus(1).multiply(col("idf")));
    Dataset<Row> norms = weighted.groupBy("productId").agg(sqrt(sum(col("w").multiply(col("w")))).as("norm"));
    Dataset<Row> unit = weighted.join(norms, "productId")
        .select(col("productId"), col("term"), col("w").divide(col("norm")).as("w"))
        .cache();
    Dataset<Row> a = unit.toDF("i", "term", "wi");
    Dataset<Row> b = unit.toDF("j", "term", "wj");
    Dataset<Row> cosine = a.join(b, "term").where(col("i").notEqual(col("j")))
        .groupBy("i", "j").agg(sum(col("wi").multiply(col("wj"))).as("sim"));
    Dataset<Row> support = ratings.groupBy(col("productId").as("sj")).agg(count(lit(1)).as("support"));
    Dataset<Row> scored = cosine.join(support, col("j").equalTo(col("sj")), "left").na().fill(0L, new String[] {"support"})
        .withColumn("score", when(col("support").equalTo(0), lit(0.0))
            .otherwise(col("sim").multiply(col("support")).divide(col("support").plus(shrinkage))));
    Dataset<Row> ranked = Lists.ranked(scored,
        "i", "j", neighbours, col("score").desc(), col("support").desc(), col("j").asc());
    Map<String, List<Scored>> out = Lists.collect(ranked, "i", r -> new Scored(r.getAs("j"), r.<Double>getAs("score")));
    unit.unpersist();
    return out;
  }
}
