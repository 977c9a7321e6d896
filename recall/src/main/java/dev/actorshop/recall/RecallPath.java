package dev.actorshop.recall;

/**
 * The ways a candidate can be recalled. The names appear in the evaluation JSON ({@code topn}
 * rows) and in each served item's sources.
 */
public enum RecallPath {
  /** Most rated of all time, the same list for everybody. */
  POPULARITY("popularity"),
  /** The top of the user's favourite categories. */
  CATEGORY("category"),
  /** Content (TF-IDF) neighbours of the user's recent items. */
  CONTENT("content"),
  /** Item-CF (co-occurrence) neighbours of the user's recent items. */
  ITEMCF("itemcf"),
  /** The user's offline ALS list. */
  ALS("als");

  private final String key;

  RecallPath(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
