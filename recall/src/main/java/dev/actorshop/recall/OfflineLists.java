package dev.actorshop.recall;

import java.util.List;

/**
 * The stored offline results the recall paths read, whatever holds them: the recommender's
 * in-memory tables of the current version, or the offline evaluation's results on the train
 * split. Every list is best first; an unknown key gives an empty list.
 */
public interface OfflineLists {
  /** Most rated of all time. */
  List<Scored> popular();

  /** The user's ALS list (rated products already left out when it was computed). */
  List<Scored> alsUser(String userId);

  /** The user's favourite categories with their affinities. */
  List<Scored> userCategories(String userId);

  /** Most rated of a category. */
  List<Scored> categoryTop(String category);

  List<Scored> contentSimilar(String productId);

  List<Scored> itemCfSimilar(String productId);
}
