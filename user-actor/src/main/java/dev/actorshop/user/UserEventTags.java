package dev.actorshop.user;

import dev.actorshop.conf.EventTags;
import java.util.List;

/**
 * Tags on rating and click events, read by the projections (ratings read model, later the hot
 * list), one projection instance per tag. The count must never change once events exist.
 */
public final class UserEventTags {
  public static final EventTags TAGS = new EventTags("user-interactions", 4);
  public static final int COUNT = TAGS.count();
  public static final List<String> ALL = TAGS.all();

  private UserEventTags() {}

  public static String tagFor(String userId) {
    return TAGS.tagFor(userId);
  }
}
