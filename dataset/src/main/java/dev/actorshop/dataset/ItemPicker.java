package dev.actorshop.dataset;

import java.util.SplittableRandom;

/**
 * Chooses the next movie a user rates, never one they rated before (missing not at random).
 *
 * <p>It draws {@link GeneratorModel#CANDIDATES} distinct unrated movies by popularity (alias
 * table, O(1) each) and picks one with probability proportional to exp(sharpness * liking). So a
 * user mostly rates popular movies, but among those the ones they like. The cost is O(candidates)
 * per rating whatever the catalogue size. Only when a heavy user has rated nearly all the popular
 * mass and the draws keep hitting rated movies does it pick from the whole unrated catalogue
 * with probability proportional to popularity * exp(sharpness * liking), O(movies) for that pick.
 */
final class ItemPicker {
  private final Catalogue catalogue;
  /**
   * mark[item] is +(user + 1) once the current user has rated the item, and -(user + 1) while it
   * is one of the current candidates; any other value means neither.
   */
  private final int[] mark;
  private final int[] candidates = new int[GeneratorModel.CANDIDATES];
  private final double[] weights = new double[GeneratorModel.CANDIDATES];
  private final double[] catalogueWeights;
  private int userMark;

  ItemPicker(Catalogue catalogue) {
    this.catalogue = catalogue;
    this.mark = new int[catalogue.size()];
    this.catalogueWeights = new double[catalogue.size()];
  }

  /** Starts a new user with nothing rated. */
  void startUser(int user) {
    userMark = user + 1;
  }

  /** Picks an unrated movie for the user whose taste is {@code taste}, and marks it rated. */
  int pick(Taste taste, SplittableRandom rng) {
    int found = 0;
    for (int draw = 0; draw < GeneratorModel.CANDIDATE_DRAWS && found < candidates.length;
        draw++) {
      int item = catalogue.drawByPopularity(rng);
      if (Math.abs(mark[item]) != userMark) {
        mark[item] = -userMark;
        candidates[found++] = item;
      }
    }
    for (int i = 0; i < found; i++) {
      mark[candidates[i]] = 0;
    }
    int item =
        found == candidates.length
            ? pickAmongCandidates(taste, rng)
            : pickFromCatalogue(taste, rng);
    mark[item] = userMark;
    return item;
  }

  private int pickAmongCandidates(Taste taste, SplittableRandom rng) {
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < candidates.length; i++) {
      weights[i] = GeneratorModel.SELECTION_SHARPNESS * taste.liking(catalogue, candidates[i]);
      best = Math.max(best, weights[i]);
    }
    for (int i = 0; i < candidates.length; i++) {
      weights[i] = StrictMath.exp(weights[i] - best);
    }
    return candidates[Draws.weighted(rng, weights)];
  }

  private int pickFromCatalogue(Taste taste, SplittableRandom rng) {
    double best = Double.NEGATIVE_INFINITY;
    for (int item = 0; item < catalogueWeights.length; item++) {
      catalogueWeights[item] =
          mark[item] == userMark
              ? Double.NEGATIVE_INFINITY
              : StrictMath.log(catalogue.popularity(item))
                  + GeneratorModel.SELECTION_SHARPNESS * taste.liking(catalogue, item);
      best = Math.max(best, catalogueWeights[item]);
    }
    for (int item = 0; item < catalogueWeights.length; item++) {
      catalogueWeights[item] = StrictMath.exp(catalogueWeights[item] - best);
    }
    return Draws.weighted(rng, catalogueWeights);
  }
}
