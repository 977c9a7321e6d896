package dev.actorshop.dataset;

import static dev.actorshop.dataset.GeneratorModel.FACTORS;

import dev.actorshop.dataset.MovieLensCsv.Movie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The movies of the planted model: each movie's genres, taste factor, quality bias and
 * popularity, and a sampler that draws movies by popularity in O(1). Movie {@code i} (0-based)
 * has movieId {@code i + 1}.
 *
 * <p>A movie's factor leans towards the mean direction of its genres, so factors and genres are
 * correlated as in real data. Popularity is Zipf over a random ranking, and quality rises a
 * little with popularity (popular movies are rated a bit higher, as in MovieLens).
 */
final class Catalogue {
  private static final long STREAM = 1;

  private final int[][] genres;
  private final double[] factors;
  private final double[] bias;
  private final double[] popularity;
  private final AliasTable byPopularity;

  private Catalogue(int[][] genres, double[] factors, double[] bias, double[] popularity) {
    this.genres = genres;
    this.factors = factors;
    this.bias = bias;
    this.popularity = popularity;
    this.byPopularity = new AliasTable(popularity);
  }

  static Catalogue draw(GeneratorSettings settings) {
    int size = settings.items();
    SplittableRandom rng = Draws.stream(settings.seed(), STREAM, 0);
    double[][] genreDirections = new double[Genres.COUNT][FACTORS];
    for (double[] direction : genreDirections) {
      for (int k = 0; k < FACTORS; k++) {
        direction[k] = Draws.gaussian(rng);
      }
    }
    int[][] genres = new int[size][];
    double[] factors = new double[size * FACTORS];
    double[] quality = new double[size];
    double own = StrictMath.sqrt(1 - square(GeneratorModel.GENRE_SHARE_OF_FACTOR));
    double scale = 1 / StrictMath.sqrt(FACTORS);
    for (int i = 0; i < size; i++) {
      int count = Draws.weighted(rng, GeneratorModel.GENRES_PER_MOVIE) + 1;
      genres[i] = Draws.weightedDistinct(rng, Genres.ITEM_WEIGHTS, count);
      Arrays.sort(genres[i]);
      for (int k = 0; k < FACTORS; k++) {
        double genreMean = 0;
        for (int g : genres[i]) {
          genreMean += genreDirections[g][k] / count;
        }
        double mixed = GeneratorModel.GENRE_SHARE_OF_FACTOR * genreMean + own * Draws.gaussian(rng);
        factors[i * FACTORS + k] = mixed * scale;
      }
      quality[i] = GeneratorModel.MOVIE_BIAS_SD * Draws.gaussian(rng);
    }
    double[] popularity = zipfOverShuffledRanks(rng, size);
    double[] bias = addPopularityToQuality(quality, popularity);
    return new Catalogue(genres, factors, bias, popularity);
  }

  int size() {
    return genres.length;
  }

  /** Genre indices (into {@link Genres#NAMES}), ascending. */
  int[] genres(int item) {
    return genres[item];
  }

  double bias(int item) {
    return bias[item];
  }

  double popularity(int item) {
    return popularity[item];
  }

  /** The factor dot product, scaled so that it has unit variance for random tastes. */
  double dot(int item, double[] userFactor) {
    double sum = 0;
    int base = item * FACTORS;
    for (int k = 0; k < FACTORS; k++) {
      sum += factors[base + k] * userFactor[k];
    }
    return sum;
  }

  int drawByPopularity(SplittableRandom rng) {
    return byPopularity.sample(rng);
  }

  Movie movie(int item, String title) {
    List<String> names = new ArrayList<>();
    for (int g : genres[item]) {
      names.add(Genres.NAMES.get(g));
    }
    return new Movie(Integer.toString(item + 1), title, names);
  }

  private static double[] zipfOverShuffledRanks(SplittableRandom rng, int size) {
    int[] rank = new int[size];
    for (int i = 0; i < size; i++) {
      rank[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int swap = rank[i];
      rank[i] = rank[j];
      rank[j] = swap;
    }
    double[] popularity = new double[size];
    double total = 0;
    for (int i = 0; i < size; i++) {
      popularity[i] =
          StrictMath.pow(rank[i] + GeneratorModel.POPULARITY_OFFSET,
              -GeneratorModel.POPULARITY_EXPONENT);
      total += popularity[i];
    }
    for (int i = 0; i < size; i++) {
      popularity[i] /= total;
    }
    return popularity;
  }

  /** Quality plus MOVIE_BIAS_PER_POPULARITY stars per standard deviation of log-popularity. */
  private static double[] addPopularityToQuality(double[] quality, double[] popularity) {
    int size = quality.length;
    double[] logPopularity = new double[size];
    double mean = 0;
    for (int i = 0; i < size; i++) {
      logPopularity[i] = StrictMath.log(popularity[i]);
      mean += logPopularity[i] / size;
    }
    double variance = 0;
    for (int i = 0; i < size; i++) {
      variance += square(logPopularity[i] - mean) / size;
    }
    double sd = variance > 0 ? StrictMath.sqrt(variance) : 1;
    double[] bias = new double[size];
    for (int i = 0; i < size; i++) {
      bias[i] =
          quality[i] + GeneratorModel.MOVIE_BIAS_PER_POPULARITY * (logPopularity[i] - mean) / sd;
    }
    return bias;
  }

  private static double square(double x) {
    return x * x;
  }
}
