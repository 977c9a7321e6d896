package dev.actorshop.dataset;

import static dev.actorshop.dataset.GeneratorModel.FACTORS;

import java.util.SplittableRandom;

/**
 * One user's taste and its drift. A user has a generosity bias, a star step (half or whole
 * stars), and two tastes: an early and a late factor vector and set of genre affinities. At
 * fraction {@code s} of the user's active span the taste is {@code (1-s)*early + s*late}, so
 * recent ratings predict the future better than old ones.
 *
 * <p>Genre affinities: two or three favourite genres (drawn by the square root of genre
 * frequency, so niche genres have fans too), sometimes one disliked genre, and a little noise on
 * every other genre. The late taste drops one favourite and takes up a new genre.
 */
final class Taste {
  private static final double[] FAVOURITE_WEIGHTS = new double[Genres.COUNT];

  static {
    for (int g = 0; g < Genres.COUNT; g++) {
      FAVOURITE_WEIGHTS[g] = StrictMath.sqrt(Genres.ITEM_WEIGHTS[g]);
    }
  }

  private final double bias;
  private final boolean halfStars;
  private final double[] earlyFactor;
  private final double[] lateFactor;
  private final double[] earlyAffinity;
  private final double[] lateAffinity;
  private final double[] factor = new double[FACTORS];
  private final double[] affinity = new double[Genres.COUNT];

  private Taste(
      double bias,
      boolean halfStars,
      double[] earlyFactor,
      double[] lateFactor,
      double[] earlyAffinity,
      double[] lateAffinity) {
    this.bias = bias;
    this.halfStars = halfStars;
    this.earlyFactor = earlyFactor;
    this.lateFactor = lateFactor;
    this.earlyAffinity = earlyAffinity;
    this.lateAffinity = lateAffinity;
    at(0);
  }

  static Taste draw(SplittableRandom rng) {
    double bias = GeneratorModel.USER_BIAS_SD * Draws.gaussian(rng);
    boolean halfStars = rng.nextDouble() < GeneratorModel.HALF_STAR_USERS;
    double rho = GeneratorModel.LATE_TASTE_CORRELATION;
    double fresh = StrictMath.sqrt(1 - rho * rho);
    double[] early = new double[FACTORS];
    double[] late = new double[FACTORS];
    for (int k = 0; k < FACTORS; k++) {
      early[k] = Draws.gaussian(rng);
      late[k] = rho * early[k] + fresh * Draws.gaussian(rng);
    }

    double[] earlyAffinity = new double[Genres.COUNT];
    for (int g = 0; g < Genres.COUNT; g++) {
      earlyAffinity[g] = GeneratorModel.AFFINITY_NOISE_SD * Draws.gaussian(rng);
    }
    int favouriteCount =
        GeneratorModel.MIN_FAVOURITE_GENRES
            + rng.nextInt(
                GeneratorModel.MAX_FAVOURITE_GENRES - GeneratorModel.MIN_FAVOURITE_GENRES + 1);
    int[] favourites = Draws.weightedDistinct(rng, FAVOURITE_WEIGHTS, favouriteCount);
    double[] others = FAVOURITE_WEIGHTS.clone();
    double[] bonus = new double[favouriteCount];
    for (int f = 0; f < favouriteCount; f++) {
      bonus[f] = favouriteAffinity(rng);
      earlyAffinity[favourites[f]] += bonus[f];
      others[favourites[f]] = 0;
    }
    if (rng.nextDouble() < GeneratorModel.DISLIKE_PROBABILITY) {
      int disliked = Draws.weighted(rng, others);
      earlyAffinity[disliked] +=
          Draws.uniform(
              rng, GeneratorModel.DISLIKE_AFFINITY_MIN, GeneratorModel.DISLIKE_AFFINITY_MAX);
      others[disliked] = 0;
    }

    double[] lateAffinity = earlyAffinity.clone();
    int dropped = rng.nextInt(favouriteCount);
    lateAffinity[favourites[dropped]] -= bonus[dropped];
    lateAffinity[Draws.weighted(rng, others)] += favouriteAffinity(rng);
    return new Taste(bias, halfStars, early, late, earlyAffinity, lateAffinity);
  }

  /** Moves the taste to fraction {@code s} (0..1) of the user's active span. */
  void at(double s) {
    for (int k = 0; k < FACTORS; k++) {
      factor[k] = (1 - s) * earlyFactor[k] + s * lateFactor[k];
    }
    for (int g = 0; g < Genres.COUNT; g++) {
      affinity[g] = (1 - s) * earlyAffinity[g] + s * lateAffinity[g];
    }
  }

  /** The stars this user expects {@code item} to earn above their own baseline, right now. */
  double liking(Catalogue catalogue, int item) {
    int[] genres = catalogue.genres(item);
    double genreAffinity = 0;
    for (int g : genres) {
      genreAffinity += affinity[g];
    }
    return catalogue.bias(item)
        + GeneratorModel.FACTOR_WEIGHT * catalogue.dot(item, factor)
        + GeneratorModel.AFFINITY_WEIGHT * genreAffinity / genres.length;
  }

  /** The rating this user gives {@code item} right now: expected stars plus noise, rounded. */
  double rate(Catalogue catalogue, int item, SplittableRandom rng) {
    double stars =
        GeneratorModel.BASELINE
            + bias
            + liking(catalogue, item)
            + GeneratorModel.NOISE_SD * Draws.gaussian(rng);
    return halfStars
        ? Math.min(5.0, Math.max(0.5, Math.rint(stars * 2) / 2))
        : Math.min(5.0, Math.max(1.0, Math.rint(stars)));
  }

  private static double favouriteAffinity(SplittableRandom rng) {
    return Draws.uniform(
        rng, GeneratorModel.FAVOURITE_AFFINITY_MIN, GeneratorModel.FAVOURITE_AFFINITY_MAX);
  }
}
