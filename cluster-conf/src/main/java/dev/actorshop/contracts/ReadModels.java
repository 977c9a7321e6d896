package dev.actorshop.contracts;

/**
 * The MongoDB read models: collection names and document fields. Written by the projections of
 * the nodes, read by the HTTP API and by the offline jobs (which must not depend on Akka, so this
 * class depends on nothing).
 */
public final class ReadModels {
  private ReadModels() {}

  /**
   * One document per product, {@code _id} = product id. Catalogue fields come from the product
   * events; {@code ratingCount}/{@code ratingMean} from the rating events. A product that has
   * ratings but no catalogue entry yet has only the rating fields (no {@code title}).
   */
  public static final class Products {
    public static final String COLLECTION = "products";
    public static final String ID = "_id";
    public static final String TITLE = "title";
    /** Title lower-cased, for case-insensitive prefix search. */
    public static final String TITLE_KEY = "titleKey";
    public static final String CATEGORIES = "categories";
    public static final String TAGS = "tags";
    /** Decimal128, or absent when the product has no list price. */
    public static final String PRICE = "price";
    public static final String STOCK = "stock";
    public static final String ATTRIBUTES = "attributes";
    public static final String RATING_COUNT = "ratingCount";
    public static final String RATING_MEAN = "ratingMean";
    public static final String UPDATED_AT = "updatedAt";

    private Products() {}
  }

  /**
   * A user's current rating of a product: {@code _id} = {@code userId + "|" + productId}, score
   * 0.5..5.0, timestamp in epoch milliseconds (int64). The input of the offline jobs.
   */
  public static final class Ratings {
    public static final String COLLECTION = "ratings";
    public static final String ID = "_id";
    public static final String USER_ID = "userId";
    public static final String PRODUCT_ID = "productId";
    public static final String SCORE = "score";
    public static final String TIMESTAMP = "timestamp";

    private Ratings() {}

    public static String idOf(String userId, String productId) {
      return userId + "|" + productId;
    }
  }
}
