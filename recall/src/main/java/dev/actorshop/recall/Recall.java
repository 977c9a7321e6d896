package dev.actorshop.recall;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How each recall path turns what is stored offline into a user's candidates. The recommender
 * calls these on live data; the offline evaluation calls the very same methods on the train
 * split, so the figures it reports are the figures of the code that serves.
 *
 * <p>Every method leaves out the items the user has rated and returns at most {@code n}
 * candidates, best first (ties by id).
 */
public final class Recall {
  private Recall() {}

  /** A stored ranked list (most rated, or the user's ALS list): its first {@code n} unrated items. */
  public static List<Scored> fromList(List<Scored> ranked, Set<String> rated, int n) {
    return ranked.stream().filter(s -> !rated.contains(s.id())).limit(n).toList();
  }

  /**
   * Neighbours of the user's recent items, scored online: {@code score(i) = Σ_j sim(j, i) · w_j}
   * over the recent items j, where {@code w_j = max(0, r_j − mean + 1)} and {@code mean} is the
   * mean rating of the recent items — an item rated a star or more below the user's usual pulls
   * nothing in, a favourite pulls hardest.
   */
  public static List<Scored> neighbours(
      List<Rated> recent, Function<String, List<Scored>> neighboursOf, Set<String> rated, int n) {
    if (recent.isEmpty()) {
      return List.of();
    }
    double mean = recent.stream().mapToDouble(Rated::score).average().orElse(0);
    Map<String, Double> scores = new HashMap<>();
    for (Rated r : recent) {
      double weight = Math.max(0.0, r.score() - mean + 1.0);
      if (weight == 0.0) {
        continue;
      }
      for (Scored neighbour : neighboursOf.apply(r.itemId())) {
        if (!rated.contains(neighbour.id())) {
          scores.merge(neighbour.id(), neighbour.score() * weight, Double::sum);
        }
      }
    }
    return TopK.of(scores, n);
  }

  /**
   * The top of the user's favourite categories: {@code score(i) = Σ_c a_c · s_c(i) / s_c(top)}
   * over the user's categories c with affinity {@code a_c}, where {@code s_c(i)} is the item's score
   * in the category's stored list (its number of ratings) relative to the list's first. A list
   * whose first score is not positive counts by place instead, {@code 1 − rank / length}.
   */
  public static List<Scored> categories(
      List<Scored> affinities, Function<String, List<Scored>> topOf, Set<String> rated, int n) {
    Map<String, Double> scores = new HashMap<>();
    for (Scored affinity : affinities) {
      List<Scored> top = topOf.apply(affinity.id());
      double first = top.isEmpty() ? 0 : top.get(0).score();
      for (int rank = 0; rank < top.size(); rank++) {
        String item = top.get(rank).id();
        if (!rated.contains(item)) {
          double relative = first > 0 ? top.get(rank).score() / first : 1.0 - (double) rank / top.size();
          scores.merge(item, affinity.score() * relative, Double::sum);
        }
      }
    }
    return TopK.of(scores, n);
  }
}
