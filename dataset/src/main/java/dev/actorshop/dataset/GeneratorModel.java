package dev.actorshop.dataset;

/**
 * The parameters of the planted model, in one place. {@code generator.json} records them next to
 * the data and the module README explains each; a change here changes every generated file.
 */
final class GeneratorModel {
  /** Dimension of the user and movie taste factors. */
  static final int FACTORS = 8;
  /** Share of a movie's factor that comes from its genres' directions (the rest is its own). */
  static final double GENRE_SHARE_OF_FACTOR = 0.5;

  /** Probability that a movie has 1, 2 or 3 genres. */
  static final double[] GENRES_PER_MOVIE = {0.45, 0.35, 0.20};

  /** Popularity of the movie at popularity rank r (0-based): (r + OFFSET)^-EXPONENT (Zipf). */
  static final double POPULARITY_EXPONENT = 0.8;
  static final double POPULARITY_OFFSET = 20;

  /** Movie quality: N(0, SD), plus this many stars per standard deviation of log-popularity. */
  static final double MOVIE_BIAS_SD = 0.3;
  static final double MOVIE_BIAS_PER_POPULARITY = 0.1;

  /** User generosity: N(0, SD). */
  static final double USER_BIAS_SD = 0.45;

  /** Every user rates at least min(this, ratings / users) movies, like MovieLens's 20. */
  static final int MIN_RATINGS_PER_USER = 20;
  /** Spread of user activity beyond the minimum: log-normal weights with this sigma. */
  static final double ACTIVITY_SIGMA = 1.1;
  /** No user rates more than this share of the catalogue (rounded up). */
  static final double MAX_SHARE_OF_CATALOGUE = 0.75;

  /** How many favourite genres a user has: 2 or 3 (even odds); drawn by sqrt of genre weight. */
  static final int MIN_FAVOURITE_GENRES = 2;
  static final int MAX_FAVOURITE_GENRES = 3;
  /** Affinity added for a favourite genre, uniform in this range (in stars of liking). */
  static final double FAVOURITE_AFFINITY_MIN = 0.6;
  static final double FAVOURITE_AFFINITY_MAX = 1.2;
  /** Chance of one disliked genre, and its affinity range (negative). */
  static final double DISLIKE_PROBABILITY = 0.5;
  static final double DISLIKE_AFFINITY_MIN = -0.8;
  static final double DISLIKE_AFFINITY_MAX = -0.4;
  /** Small affinity for or against every other genre: N(0, SD). */
  static final double AFFINITY_NOISE_SD = 0.15;

  /**
   * Taste drift. A user's taste at fraction s of their active span is (1-s)*early + s*late, for
   * the factor vector and the genre affinities alike. The late factor has this correlation with
   * the early one; the late affinities swap one favourite genre for a new one.
   */
  static final double LATE_TASTE_CORRELATION = 0.5;

  /** Ratings happen in [FIRST_RATING, END) (2005-01-01 to 2020-01-01 UTC, epoch seconds). */
  static final long FIRST_RATING = 1_104_537_600L;
  static final long END = 1_577_836_800L;
  /** A user's active span: log-uniform between these many days, placed uniformly. */
  static final double MIN_ACTIVE_DAYS = 7;
  static final double MAX_ACTIVE_DAYS = 6 * 365;

  /**
   * Rating = BASELINE + user bias + liking + N(0, NOISE_SD), rounded to the user's star step and
   * clipped; liking = movie bias + FACTOR_WEIGHT * factor dot + AFFINITY_WEIGHT * mean affinity
   * of the movie's genres. BASELINE sits below the resulting mean of about 3.5 because users
   * choose movies they expect to like.
   */
  static final double BASELINE = 2.45;
  static final double FACTOR_WEIGHT = 0.6;
  static final double AFFINITY_WEIGHT = 1.0;
  static final double NOISE_SD = 0.7;
  /** Share of users who use half stars (0.5..5.0); the others give whole stars (1..5). */
  static final double HALF_STAR_USERS = 0.5;

  /**
   * Choice of what to rate (missing not at random): CANDIDATES distinct unrated movies are drawn
   * by popularity, and the user rates one of them with probability proportional to
   * exp(SELECTION_SHARPNESS * liking), liking being the expected rating above the user's own
   * baseline at that moment.
   */
  static final int CANDIDATES = 50;
  static final double SELECTION_SHARPNESS = 4.0;
  /** Draws allowed to find the candidates before choosing among all unrated movies instead. */
  static final int CANDIDATE_DRAWS = 32 * CANDIDATES;

  /** Tag rows per rating row, on average. */
  static final double TAGS_PER_RATING = 1.0 / 25;
  /** Share of users who tag at all; their tagging rates are log-normal with sigma 1. */
  static final double TAGGER_SHARE = 0.15;
  static final double TAGGER_SIGMA = 1.0;
  /** Chance that a tagging user adds a second tag to the same movie. */
  static final double SECOND_TAG_PROBABILITY = 0.3;
  /** Share of tags drawn from one of the movie's genres' vocabularies; the rest are generic. */
  static final double GENRE_TAG_SHARE = 0.85;

  private GeneratorModel() {}
}
