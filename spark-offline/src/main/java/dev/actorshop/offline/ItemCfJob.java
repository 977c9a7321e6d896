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
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
    // Pairs are counted on integer ids (users and products numbered densely): the self-join and
    // its aggregation are the whole cost of this job, and they run several times faster on ints.
    StringIndexerModel users = new StringIndexer().setInputCol("userId").setOutputCol("u").fit(ratings);
    StringIndexerModel items = new StringIndexer().setInputCol("productId").setOutputCol("p").fit(ratings);
    Dataset<Row> kept = items.transform(users.transform(ratings
            .withColumn("recent", row_number().over(Window.partitionBy("userId").orderBy(col("ts").desc(), col("productId"))))
            .where(col("recent").leq(maxPerUser))))
        .select(col("u").cast("int").as("u"), col("p").cast("int").as("p"))
        .cache();
    String[] labels = items.labelsArray()[0];
    List<Row> indexRows = new java.util.ArrayList<>(labels.length);
    for (int i = 0; i < labels.length; i++) {
      indexRows.add(RowFactory.create(labels[i], i));
    }
    Dataset<Row> products = ratings.sparkSession().createDataFrame(indexRows,
        new StructType().add("productId", DataTypes.StringType).add("p", DataTypes.IntegerType));
    Dataset<Row> n = kept.groupBy("p").agg(count(lit(1)).as("n"));
    Dataset<Row> co = kept.toDF("u", "i").join(kept.toDF("u", "j"), "u")
        .where(col("i").lt(col("j")))
        .groupBy("i", "j").agg(count(lit(1)).as("co"));
    Dataset<Row> sim = co
        .join(n.toDF("i", "ni"), "i")
        .join(n.toDF("j", "nj"), "j")
        .select(col("i"), col("j"), col("co").divide(sqrt(col("ni").multiply(col("nj")))).as("sim"));
    Dataset<Row> both = sim.union(sim.select(col("j").as("i"), col("i").as("j"), col("sim")));
    Dataset<Row> named = both
        .join(products.toDF("iId", "i"), "i")
        .join(products.toDF("jId", "j"), "j")
        .select(col("iId"), col("jId"), col("sim"));
    Map<String, List<Scored>> out = Lists.topPerKey(named, "iId", "jId", "sim", neighbours);
    kept.unpersist();
    return out;
  }
}
