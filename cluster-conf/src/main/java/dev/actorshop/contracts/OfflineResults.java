package dev.actorshop.contracts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the offline run (spark-offline) writes to MongoDB and the recommender reads.
 *
 * <p><b>Versions.</b> Every run takes the next version number from {@link Meta#SEQUENCE}, writes
 * each {@link Kind} into its own collection {@code offline_<kind>_v<version>}, and only then
 * replaces the {@link Meta#CURRENT} document in one write. Readers start from that document, so
 * they never see a half-written version. The run keeps the new version and the one before it and
 * drops older collections.
 *
 * <p><b>Documents.</b> Every result collection holds lists: {@code {_id: key, items: [{productId,
 * score, ...}]}}, best first, where the key is a product id, a user id, a category, or a
 * statistics name ({@link #ALL}, {@code month:YYYY-MM}); {@code user_categories} holds
 * {@code {_id: userId, categories: [{category, score}]}}.
 */
public final class OfflineResults {
  private OfflineResults() {}

  /** The key of the all-time lists in {@link Kind#POPULAR} and {@link Kind#TOP_RATED}. */
  public static final String ALL = "all";
  /** Prefix of the per-month keys in {@link Kind#POPULAR}: {@code month:2019-12}. */
  public static final String MONTH_PREFIX = "month:";

  public static final String ID = "_id";
  public static final String ITEMS = "items";
  public static final String PRODUCT_ID = "productId";
  public static final String SCORE = "score";
  /** In {@link Kind#POPULAR}, {@link Kind#TOP_RATED} and {@link Kind#CATEGORY_TOP} items. */
  public static final String COUNT = "count";
  /** In {@link Kind#TOP_RATED} and {@link Kind#CATEGORY_TOP} items: the raw mean rating. */
  public static final String MEAN = "mean";
  public static final String CATEGORIES = "categories";
  public static final String CATEGORY = "category";

  /** The result collections of one version. */
  public enum Kind {
    /** Most rated: {@code all}, and {@code month:YYYY-MM} for the latest months; score = count. */
    POPULAR("popular"),
    /** Highest mean rating, shrunk toward the global mean: {@code all}; score = shrunk mean. */
    TOP_RATED("top_rated"),
    /** Most rated per category, key = category; score = count. */
    CATEGORY_TOP("category_top"),
    /** TF-IDF cosine neighbours, key = product id. */
    CONTENT_SIMILAR("content_similar"),
    /** Item-CF (co-occurrence) neighbours, key = product id. */
    ITEMCF_SIMILAR("itemcf_similar"),
    /** ALS item-factor cosine neighbours, key = product id. */
    ALS_SIMILAR("als_similar"),
    /** ALS top-N per user (rated items left out), key = user id; score = predicted rating. */
    ALS_USER("als_user"),
    /** Per-user category affinity, key = user id. */
    USER_CATEGORIES("user_categories");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    public String collection(long version) {
      return PREFIX + key + "_v" + version;
    }
  }

  private static final String PREFIX = "offline_";
  private static final Pattern VERSIONED = Pattern.compile(PREFIX + "[a-z_]+_v(\\d{1,18})");

  /** The version of a result collection's name, or empty for any other collection. */
  public static Optional<Long> versionOf(String collection) {
    Matcher m = VERSIONED.matcher(collection);
    return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  public static List<Kind> kinds() {
    return List.of(Kind.values());
  }

  /** {@code offline_meta}: the current version and the version counter. */
  public static final class Meta {
    public static final String COLLECTION = "offline_meta";
    /** {@code {_id: "current", version, previous, runId, finishedAt, collections: {kind: name},
     * counts: {...}, merge: {path: weight}, als: {rank, regParam, rmse}}}. */
    public static final String CURRENT = "current";
    /** {@code {_id: "sequence", version}}: incremented by every run that starts writing. */
    public static final String SEQUENCE = "sequence";
    public static final String VERSION = "version";
    public static final String PREVIOUS = "previous";
    public static final String RUN_ID = "runId";
    public static final String FINISHED_AT = "finishedAt";
    public static final String COLLECTIONS = "collections";
    public static final String COUNTS = "counts";
    /** The recall-merge weights the recommender must use with this version. */
    public static final String MERGE = "merge";
    public static final String ALS = "als";

    private Meta() {}
  }

  /**
   * {@code offline_runs}: one document per run started by a node, written by the run itself:
   * {@code {_id: runId, status, stage, progress: {done, of}, startedAt, finishedAt, summary, error}}.
   */
  public static final class Runs {
    public static final String COLLECTION = "offline_runs";
    public static final String STATUS = "status";
    public static final String STAGE = "stage";
    public static final String PROGRESS = "progress";
    public static final String DONE = "done";
    public static final String OF = "of";
    public static final String STARTED_AT = "startedAt";
    public static final String FINISHED_AT = "finishedAt";
    public static final String SUMMARY = "summary";
    public static final String ERROR = "error";

    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    private Runs() {}
  }
}
