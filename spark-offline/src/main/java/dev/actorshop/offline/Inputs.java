package dev.actorshop.offline;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import dev.actorshop.contracts.ImportedIds;
import dev.actorshop.contracts.ReadModels;
import dev.actorshop.dataset.MovieLensCsv;
import dev.actorshop.dataset.MovieLensFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every job reads: ratings {@code (userId, productId, score, ts)} with {@code ts} in epoch
 * milliseconds, and products {@code (productId, categories, tags)} where a tag appears once per
 * time somebody applied it (its term frequency).
 */
public record Inputs(Dataset<Row> ratings, Dataset<Row> products, String source, List<String> badRows) {
  private static final Logger log = LoggerFactory.getLogger(Inputs.class);

  public static final StructType RATINGS = new StructType()
      .add("userId", DataTypes.StringType, false)
      .add("productId", DataTypes.StringType, false)
      .add("score", DataTypes.DoubleType, false)
      .add("ts", DataTypes.LongType, false);
  public static final StructType PRODUCTS = new StructType()
      .add("productId", DataTypes.StringType, false)
      .add("categories", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), false);

  private static final int SHOWN_BAD_ROWS = 20;
  private static final int ROWS_PER_SLICE = 20_000;

  /**
   * A MovieLens-format folder, read and checked on the driver with the dataset module's rules
   * (bad rows are reported by file and line and skipped). Users become {@code ml-<id>}, as the
   * node's import names them, so results computed from a folder serve the node that imported it.
   */
  public static Inputs fromMovieLens(SparkSession spark, Path dir) {
    Path ratingsFile = dir.resolve(MovieLensCsv.RATINGS_FILE);
    if (!Files.isRegularFile(ratingsFile)) {
      throw new IllegalArgumentException(ratingsFile + " does not exist: --data needs a MovieLens-format folder");
    }
    List<String> bad = new ArrayList<>();
    List<Row> ratings = new ArrayList<>();
    read(ratingsFile, MovieLensFile.RATINGS, bad, r -> ratings.add(RowFactory.create(
        ImportedIds.userId(r.userId()), r.movieId(), r.rating(), r.timestamp() * 1000L)));
    Map<String, List<String>> categories = new HashMap<>();
    Path movies = dir.resolve(MovieLensCsv.MOVIES_FILE);
    if (Files.isRegularFile(movies)) {
      read(movies, MovieLensFile.MOVIES, bad, m -> categories.put(m.movieId(), m.genres()));
    }
    Map<String, List<String>> tags = new HashMap<>();
    Path tagsFile = dir.resolve(MovieLensCsv.TAGS_FILE);
    if (Files.isRegularFile(tagsFile)) {
      read(tagsFile, MovieLensFile.TAGS, bad, t -> tags.computeIfAbsent(t.movieId(), k -> new ArrayList<>()).add(t.tag()));
    }
    return new Inputs(frame(spark, ratings, RATINGS), frame(spark, productRows(categories, tags), PRODUCTS),
        dir.toString(), List.copyOf(bad));
  }

  /** The node's read models: {@code ratings} and {@code products}. */
  public static Inputs fromMongo(SparkSession spark, MongoDatabase db, String source) {
    List<Row> ratings = new ArrayList<>();
    try (MongoCursor<Document> c = db.getCollection(ReadModels.Ratings.COLLECTION).find()
        .projection(Projections.include(ReadModels.Ratings.USER_ID, ReadModels.Ratings.PRODUCT_ID,
            ReadModels.Ratings.SCORE, ReadModels.Ratings.TIMESTAMP))
        .batchSize(10_000).iterator()) {
      while (c.hasNext()) {
        Document d = c.next();
        ratings.add(RowFactory.create(d.getString(ReadModels.Ratings.USER_ID), d.getString(ReadModels.Ratings.PRODUCT_ID),
            ((Number) d.get(ReadModels.Ratings.SCORE)).doubleValue(), ((Number) d.get(ReadModels.Ratings.TIMESTAMP)).longValue()));
      }
    }
    Map<String, List<String>> categories = new HashMap<>();
    Map<String, List<String>> tags = new HashMap<>();
    try (MongoCursor<Document> c = db.getCollection(ReadModels.Products.COLLECTION).find()
        .projection(Projections.include(ReadModels.Products.CATEGORIES, ReadModels.Products.TAGS))
        .batchSize(10_000).iterator()) {
      while (c.hasNext()) {
        Document d = c.next();
        String id = d.getString(ReadModels.Products.ID);
        categories.put(id, d.getList(ReadModels.Products.CATEGORIES, String.class, List.of()));
        tags.put(id, d.getList(ReadModels.Products.TAGS, String.class, List.of()));
      }
    }
    return new Inputs(frame(spark, ratings, RATINGS), frame(spark, productRows(categories, tags), PRODUCTS),
        source, List.of());
  }

  /**
   * Rows read on the driver as a cached DataFrame, shipped once in slices of at most
   * {@value #ROWS_PER_SLICE} rows (a single local relation would travel inside every task).
   */
  private static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = Math.max(jsc.defaultParallelism(), rows.size() / ROWS_PER_SLICE + 1);
    Dataset<Row> frame = spark.createDataFrame(jsc.parallelize(rows, slices), schema).cache();
    frame.count();
    return frame;
  }

  private static List<Row> productRows(Map<String, List<String>> categories, Map<String, List<String>> tags) {
    List<Row> rows = new ArrayList<>();
    categories.forEach((id, cats) -> rows.add(RowFactory.create(id, cats.toArray(String[]::new),
        tags.getOrDefault(id, List.of()).toArray(String[]::new))));
    tags.forEach((id, t) -> {
      if (!categories.containsKey(id)) {
        rows.add(RowFactory.create(id, new String[0], t.toArray(String[]::new)));
      }
    });
    return rows;
  }

  private static <T> void read(Path file, MovieLensFile.Schema<T> schema, List<String> bad, java.util.function.Consumer<T> rows) {
    try {
      MovieLensFile.forEach(file, schema, row -> rows.accept(row.value()), b -> {
        if (bad.size() < SHOWN_BAD_ROWS) {
          log.warn("skipped {}", b.describe());
        }
        bad.add(b.describe());
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
