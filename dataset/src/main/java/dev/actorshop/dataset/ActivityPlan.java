package dev.actorshop.dataset;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * How much each user does: how many ratings (exactly the requested total, skewed like MovieLens,
 * with a floor and a cap) and how likely each of their ratings is to come with tags. Holds two
 * numbers per user, nothing per rating.
 */
final class ActivityPlan {
  private static final long ACTIVITY_STREAM = 2;
  private static final long TAGGING_STREAM = 3;

  private final int[] ratings;
  private final double[] tagRate;

  private ActivityPlan(int[] ratings, double[] tagRate) {
    this.ratings = ratings;
    this.tagRate = tagRate;
  }

  static ActivityPlan draw(GeneratorSettings settings) {
    int[] ratings = ratingsPerUser(settings);
    return new ActivityPlan(ratings, tagRates(settings, ratings));
  }

  int ratings(int user) {
    return ratings[user];
  }

  /** Chance that one of this user's ratings comes with tags; 0 for most users. */
  double tagRate(int user) {
    return tagRate[user];
  }

  /** The most ratings one user gets: MAX_SHARE_OF_CATALOGUE of the movies, rounded up. */
  static int maxRatingsPerUser(int items) {
    return (int) Math.ceil(items * GeneratorModel.MAX_SHARE_OF_CATALOGUE);
  }

  /**
   * Each user gets the floor min(MIN_RATINGS_PER_USER, ratings/users); the rest is shared in
   * proportion to log-normal weights, capped per user (water-filling: a capped user's excess goes
   * to the others), and rounded by largest remainder so the total is exact.
   */
  private static int[] ratingsPerUser(GeneratorSettings settings) {
    int users = settings.users();
    int floor = (int) Math.min(GeneratorModel.MIN_RATINGS_PER_USER, settings.ratings() / users);
    int cap = maxRatingsPerUser(settings.items());
    int room = cap - floor;
    double[] weight = new double[users];
    for (int u = 0; u < users; u++) {
      weight[u] =
          Draws.logNormal(
              Draws.stream(settings.seed(), ACTIVITY_STREAM, u), GeneratorModel.ACTIVITY_SIGMA);
    }

    double[] share = new double[users];
    boolean[] full = new boolean[users];
    double remaining = settings.ratings() - (double) floor * users;
    boolean capped = true;
    while (capped) {
      double open = 0;
      for (int u = 0; u < users; u++) {
        open += full[u] ? 0 : weight[u];
      }
      double perWeight = open > 0 ? remaining / open : 0;
      capped = false;
      for (int u = 0; u < users; u++) {
        if (!full[u] && weight[u] * perWeight >= room) {
          full[u] = true;
          remaining -= room;
          capped = true;
        }
        share[u] = full[u] ? room : weight[u] * perWeight;
      }
    }

    int[] counts = new int[users];
    long left = settings.ratings();
    for (int u = 0; u < users; u++) {
      counts[u] = floor + (int) share[u];
      left -= counts[u];
    }
    Integer[] byRemainder = new Integer[users];
    Arrays.setAll(byRemainder, u -> u);
    Arrays.sort(
        byRemainder,
        Comparator.comparingDouble((Integer u) -> share[u] - Math.floor(share[u])).reversed()
            .thenComparingInt(u -> u));
    while (left > 0) {
      for (int i = 0; i < users && left > 0; i++) {
        int u = byRemainder[i];
        if (counts[u] < cap) {
          counts[u]++;
          left--;
        }
      }
    }
    return counts;
  }

  /**
   * TAGGER_SHARE of users tag, at log-normal relative rates; the common scale is found by
   * bisection so that the expected number of tag rows is ratings * TAGS_PER_RATING.
   */
  private static double[] tagRates(GeneratorSettings settings, int[] ratings) {
    int users = ratings.length;
    double[] weight = new double[users];
    for (int u = 0; u < users; u++) {
      SplittableRandom rng = Draws.stream(settings.seed(), TAGGING_STREAM, u);
      boolean tagger = rng.nextDouble() < GeneratorModel.TAGGER_SHARE;
      weight[u] = tagger ? Draws.logNormal(rng, GeneratorModel.TAGGER_SIGMA) : 0;
    }
    double taggingEvents =
        settings.ratings()
            * GeneratorModel.TAGS_PER_RATING
            / (1 + GeneratorModel.SECOND_TAG_PROBABILITY);
    double low = 0;
    double high = 1;
    while (expectedEvents(ratings, weight, high) < taggingEvents && high < 1e12) {
      high *= 2;
    }
    for (int i = 0; i < 60; i++) {
      double mid = (low + high) / 2;
      if (expectedEvents(ratings, weight, mid) < taggingEvents) {
        low = mid;
      } else {
        high = mid;
      }
    }
    double[] rate = new double[users];
    for (int u = 0; u < users; u++) {
      rate[u] = Math.min(1, high * weight[u]);
    }
    return rate;
  }

  private static double expectedEvents(int[] ratings, double[] weight, double scale) {
    double sum = 0;
    for (int u = 0; u < ratings.length; u++) {
      sum += ratings[u] * Math.min(1, scale * weight[u]);
    }
    return sum;
  }
}
