package dev.actorshop.recall;

import dev.actorshop.recall.Merge.Merged;
import dev.actorshop.recall.Merge.Weights;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's candidates from every recall path, and their merge: the one composition of
 * {@link Recall} and {@link Merge} that both the recommender and the offline evaluation run.
 */
public final class Candidates {
  private Candidates() {}

  /**
   * @param recent the user's latest ratings, newest first (the recent-interest window)
   * @param rated every product the user has rated (left out of every path)
   * @param n candidates per path
   */
  public static Map<RecallPath, List<Scored>> recall(
      OfflineLists lists, String userId, List<Rated> recent, Set<String> rated, int n) {
    Map<RecallPath, List<Scored>> out = new EnumMap<>(RecallPath.class);
    out.put(RecallPath.POPULARITY, Recall.fromList(lists.popular(), rated, n));
    out.put(RecallPath.CATEGORY, Recall.categories(lists.userCategories(userId), lists::categoryTop, rated, n));
    out.put(RecallPath.CONTENT, Recall.neighbours(recent, lists::contentSimilar, rated, n));
    out.put(RecallPath.ITEMCF, Recall.neighbours(recent, lists::itemCfSimilar, rated, n));
    out.put(RecallPath.ALS, Recall.fromList(lists.alsUser(userId), rated, n));
    return out;
  }

  public static List<Merged> merged(Map<RecallPath, List<Scored>> byPath, Weights weights, int n) {
    return Merge.merge(byPath, weights, n);
  }
}
