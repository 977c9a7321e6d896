package dev.actorshop.offline;

import dev.actorshop.recall.Scored;

/** A row of a statistics list: how often the product was rated, its mean, and the list's score. */
public record StatItem(String productId, long count, double mean, double score) {
  public Scored scored() {
    return new Scored(productId, score);
  }
}
