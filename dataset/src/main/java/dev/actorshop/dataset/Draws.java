package dev.actorshop.dataset;

import java.util.SplittableRandom;

/**
 * Seeded random streams and the few distributions the generator draws from.
 *
 * <p>Every part of the model draws from its own stream (one per purpose and index, e.g. one per
 * user), so a change in how one part draws does not shift the numbers of the others. Only
 * {@link SplittableRandom}'s specified algorithm and {@link StrictMath} are used, so a seed gives
 * the same files on every JVM and machine.
 */
final class Draws {
  private Draws() {}

  /** An independent stream for (seed, purpose, index). */
  static SplittableRandom stream(long seed, long purpose, long index) {
    return new SplittableRandom(mix(seed ^ mix(purpose * 0x9E3779B97F4A7C15L + index)));
  }

  /** A standard normal value (Marsaglia's polar method). */
  static double gaussian(SplittableRandom rng) {
    double u;
    double v;
    double s;
    do {
      u = 2 * rng.nextDouble() - 1;
      v = 2 * rng.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
  }

  /** exp(sigma * N(0,1)): a skewed positive weight with median 1. */
  static double logNormal(SplittableRandom rng, double sigma) {
    return StrictMath.exp(sigma * gaussian(rng));
  }

  static double uniform(SplittableRandom rng, double from, double to) {
    return from + (to - from) * rng.nextDouble();
  }

  /** An index drawn with probability proportional to {@code weights} (linear: small arrays). */
  static int weighted(SplittableRandom rng, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double target = rng.nextDouble() * total;
    int last = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        last = i;
        target -= weights[i];
        if (target < 0) {
          return i;
        }
      }
    }
    return last;
  }

  /** {@code count} distinct indices, each drawn by weight among those not yet drawn. */
  static int[] weightedDistinct(SplittableRandom rng, double[] weights, int count) {
    double[] left = weights.clone();
    int[] drawn = new int[count];
    for (int i = 0; i < count; i++) {
      drawn[i] = weighted(rng, left);
      left[drawn[i]] = 0;
    }
    return drawn;
  }

  /** An index in 0..n-1 with probability proportional to 1/(index+1): Zipf over a word list. */
  static int zipf(SplittableRandom rng, int n) {
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      weights[i] = 1.0 / (i + 1);
    }
    return weighted(rng, weights);
  }

  /** The SplitMix64 finaliser: spreads nearby seeds over the whole range. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
