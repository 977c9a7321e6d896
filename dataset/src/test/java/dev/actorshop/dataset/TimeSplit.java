package dev.actorshop.dataset;

import dev.actorshop.dataset.MovieLensCsv.Rating;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The evaluation protocol of the design, small enough for a test: each user's ratings in time
 * order, the last 20% (at least one) held out; relevant = held-out movies rated 4.0 or more;
 * candidates = movies the user has not rated in train; HitRate@10 = share of users (with a
 * relevant movie) who find one in their top ten. Movie ids are 1..items.
 */
final class TimeSplit {
  private static final int K = 10;

  private final int items;
  private final int[][] train;
  private final int[][] relevant;
  private final double[] popularity;
  private final int[][] together;

  TimeSplit(List<Rating> ratings, int users, int items) {
    this.items = items;
    List<List<Rating>> byUser = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      byUser.add(new ArrayList<>());
    }
    ratings.forEach(r -> byUser.get(Integer.parseInt(r.userId()) - 1).add(r));
    train = new int[users][];
    relevant = new int[users][];
    popularity = new double[items];
    for (int u = 0; u < users; u++) {
      List<Rating> history = byUser.get(u);
      history.sort(Comparator.comparingLong(Rating::timestamp));
      int held = Math.max(1, (int) Math.round(history.size() * 0.2));
      List<Rating> trainPart = history.subList(0, Math.max(0, history.size() - held));
      train[u] = trainPart.stream().mapToInt(TimeSplit::movie).toArray();
      relevant[u] =
          history.subList(trainPart.size(), history.size()).stream()
              .filter(r -> r.rating() >= 4.0)
              .mapToInt(TimeSplit::movie)
              .toArray();
      for (int movie : train[u]) {
        popularity[movie]++;
      }
    }
    together = new int[items][items];
    for (int[] history : train) {
      for (int i : history) {
        for (int j : history) {
          together[i][j] += i == j ? 0 : 1;
        }
      }
    }
  }

  int[] train(int user) {
    return train[user];
  }

  /** How many times each movie was rated in train. */
  double[] popularity() {
    return popularity;
  }

  /** Item-based CF: sum over {@code history} of the cosine of co-rating counts in train. */
  double[] itemCf(int[] history) {
    double[] scores = new double[items];
    for (int i : history) {
      for (int j = 0; j < items; j++) {
        if (together[i][j] > 0) {
          scores[j] += together[i][j] / Math.sqrt(popularity[i] * popularity[j]);
        }
      }
    }
    return scores;
  }

  /** HitRate@10 of a scorer (user index to one score per movie; higher is better). */
  double hitRate(IntFunction<double[]> scorer) {
    int users = 0;
    int hits = 0;
    for (int u = 0; u < train.length; u++) {
      if (relevant[u].length == 0) {
        continue;
      }
      users++;
      int[] wanted = relevant[u];
      int[] top = topTen(scorer.apply(u), train[u]);
      hits += Arrays.stream(top).anyMatch(m -> contains(wanted, m)) ? 1 : 0;
    }
    return (double) hits / users;
  }

  /** The ten best-scored movies outside {@code exclude}; ties go to the lower id. */
  private int[] topTen(double[] scores, int[] exclude) {
    boolean[] excluded = new boolean[items];
    for (int m : exclude) {
      excluded[m] = true;
    }
    int[] top = new int[K];
    int size = 0;
    for (int m = 0; m < items; m++) {
      if (excluded[m] || (size == K && scores[m] <= scores[top[K - 1]])) {
        continue;
      }
      int at = size < K ? size++ : K - 1;
      while (at > 0 && scores[top[at - 1]] < scores[m]) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = m;
    }
    return Arrays.copyOf(top, size);
  }

  private static boolean contains(int[] values, int value) {
    return Arrays.stream(values).anyMatch(v -> v == value);
  }

  private static int movie(Rating rating) {
    return Integer.parseInt(rating.movieId()) - 1;
  }
}
