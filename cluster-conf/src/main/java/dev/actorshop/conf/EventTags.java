package dev.actorshop.conf;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A fixed set of tags {@code <prefix>-0..count-1} spread over entity ids, one projection instance
 * per tag (the JDBC read journal queries by tag, not by slice). The count must never change once
 * a journal holds tagged events: an entity's events would move to another tag.
 */
public record EventTags(String prefix, int count) {

  public List<String> all() {
    return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
  }

  public String tagFor(String entityId) {
    return prefix + "-" + Math.floorMod(entityId.hashCode(), count);
  }
}
