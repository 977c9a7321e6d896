package dev.actorshop.user;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Tags on rating and click events, read by the projections (ratings read model, hot list) that the
 * catalogue and recommender modules run, one projection instance per tag. {@link #COUNT} must never
 * change once a journal holds tagged events.
 */
public final class UserEventTags {
  public static final int COUNT = 4;
  public static final List<String> ALL =
      IntStream.range(0, COUNT).mapToObj(i -> "user-interactions-" + i).toList();

  private UserEventTags() {}

  public static String tagFor(String userId) {
    return ALL.get(Math.floorMod(userId.hashCode(), COUNT));
  }
}
