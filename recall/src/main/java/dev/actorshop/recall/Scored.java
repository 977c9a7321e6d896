package dev.actorshop.recall;

import java.util.Comparator;
import java.util.Objects;

/** An item (or a category) with a score; lists of them are ranked best first. */
public record Scored(String id, double score) {
  /** Best first; equal scores by id, so every ranking is deterministic. */
  public static final Comparator<Scored> BEST_FIRST =
      Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::id);

  public Scored {
    Objects.requireNonNull(id, "id");
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("score of " + id + " is NaN");
    }
  }
}
