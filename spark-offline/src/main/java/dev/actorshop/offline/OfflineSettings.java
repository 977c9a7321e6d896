package dev.actorshop.offline;

import dev.actorshop.recall.Merge.Weights;
import dev.actorshop.recall.RecallPath;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The knobs of one offline run. The list lengths are also what the recommender serves from, so
 * the evaluation scores lists of the length that is stored.
 *
 * @param neighbours K of every item–item list (content, item-CF, ALS)
 * @param userTopN length of each user's stored ALS list
 * @param listSize length of the most-rated, top-rated and per-category lists
 * @param recentWindow how many of a user's latest ratings the neighbour paths score from (the
 *     user entity's recent-interest window)
 * @param itemCfMaxPerUser item-CF counts co-occurrence within each user's latest this-many
 *     ratings, so that a user with thousands of ratings does not cost millions of pairs
 * @param shrinkage m of the shrunk mean {@code (Σr + m·μ) / (n + m)}
 * @param contentSupport m of the content neighbours' support weight {@code n / (n + m)}
 * @param months how many of the latest months get their own most-rated list
 * @param categoriesPerUser how many favourite categories are kept per user
 * @param alsRanks, alsRegParams the grid the ALS rank and regularisation are chosen from, on a
 *     validation slice (each user's latest 10% of train)
 * @param alsIterations ALS iterations per fit
 * @param alsPopularity β of the ALS user lists' popularity prior (see {@link AlsJob})
 * @param merge the weights the recall paths are merged with (stored with the results)
 */
public record OfflineSettings(
    int neighbours,
    int userTopN,
    int listSize,
    int recentWindow,
    int itemCfMaxPerUser,
    double shrinkage,
    double contentSupport,
    int months,
    int categoriesPerUser,
    List<Integer> alsRanks,
    List<Double> alsRegParams,
    int alsIterations,
    double alsPopularity,
    long seed,
    Weights merge) {

  public static final int K = 10;
  /** Recall@K is reported for K = 1..this, so every path serves at least this many. */
  public static final int MAX_K = 50;

  public OfflineSettings {
    positive("neighbours", neighbours);
    if (userTopN < MAX_K) {
      throw new IllegalArgumentException("userTopN must be >= " + MAX_K + ", was " + userTopN);
    }
    if (listSize < MAX_K) {
      throw new IllegalArgumentException("listSize must be >= " + MAX_K + ", was " + listSize);
    }
    positive("recentWindow", recentWindow);
    positive("itemCfMaxPerUser", itemCfMaxPerUser);
    positive("months", months);
    positive("categoriesPerUser", categoriesPerUser);
    positive("alsIterations", alsIterations);
    if (!(shrinkage >= 0)) {
      throw new IllegalArgumentException("shrinkage must be >= 0, was " + shrinkage);
    }
    if (!(contentSupport >= 0)) {
      throw new IllegalArgumentException("contentSupport must be >= 0, was " + contentSupport);
    }
    if (alsRanks.isEmpty() || alsRegParams.isEmpty()) {
      throw new IllegalArgumentException("the ALS grid needs at least one rank and one regParam");
    }
    alsRanks.forEach(r -> positive("ALS rank", r));
    alsRegParams.forEach(r -> {
      if (!(r > 0)) {
        throw new IllegalArgumentException("ALS regParam must be > 0, was " + r);
      }
    });
    alsRanks = List.copyOf(alsRanks);
    alsRegParams = List.copyOf(alsRegParams);
  }

  public static OfflineSettings defaults() {
    return new OfflineSettings(50, 100, 500, 20, 200, 10.0, 50.0, 6, 5,
        List.of(8, 16), List.of(0.05, 0.15), 10, 0.5, 42L, defaultMerge());
  }

  /**
   * The merge weights used unless configured. Item-CF and ALS, the strongest single paths, weigh
   * most; category and content add what they find; popularity only fills lists the others leave
   * short. Chosen by a sweep over {0, 0.25, 0.5, 1, 2} per path on generated data (100k ratings,
   * seed 42), where the best vectors all had these proportions.
   */
  public static Weights defaultMerge() {
    Map<RecallPath, Double> w = new EnumMap<>(RecallPath.class);
    w.put(RecallPath.ALS, 1.0);
    w.put(RecallPath.ITEMCF, 1.0);
    w.put(RecallPath.CATEGORY, 0.25);
    w.put(RecallPath.CONTENT, 0.25);
    w.put(RecallPath.POPULARITY, 0.05);
    return new Weights(w);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + value);
    }
  }
}
