package dev.actorshop.product;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.actorshop.conf.MongoStore;
import dev.actorshop.contracts.ReadModels.Products;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

/**
 * Queries on the Mongo {@code products} read model: paged listing with a category filter and a
 * case-insensitive title prefix search, and a product's rating figures. Driver calls run on the
 * given (blocking) executor.
 */
public final class ProductCatalog {
  public static final int MAX_PAGE_SIZE = 100;

  private final MongoCollection<Document> products;
  private final Executor executor;

  public ProductCatalog(MongoStore mongo, Executor executor) {
    this.products = mongo.database().getCollection(Products.COLLECTION);
    this.executor = executor;
  }

  /** One product as listed; {@code ratingMean} is null without ratings. */
  public record Summary(String id, String title, List<String> categories, List<String> tags, BigDecimal price,
                        Long stock, long ratingCount, Double ratingMean) {}

  public record Page(List<Summary> items, int page, int size, long total) {}

  public record RatingFigures(long ratingCount, Double ratingMean) {
    public static final RatingFigures NONE = new RatingFigures(0, null);
  }

  /** {@code page} counts from 1; {@code category} and {@code titlePrefix} may be null. */
  public CompletionStage<Page> list(int page, int size, String category, String titlePrefix) {
    List<Bson> filters = new ArrayList<>();
    filters.add(Filters.exists(Products.TITLE));
    if (category != null) filters.add(Filters.eq(Products.CATEGORIES, category));
    if (titlePrefix != null) {
      filters.add(Filters.regex(Products.TITLE_KEY, "^" + Pattern.quote(titlePrefix.toLowerCase(Locale.ROOT))));
    }
    Bson filter = Filters.and(filters);
    return CompletableFuture.supplyAsync(() -> {
      long total = products.countDocuments(filter);
      List<Summary> items = new ArrayList<>(size);
      for (Document d : products.find(filter)
          .sort(Sorts.ascending(Products.TITLE_KEY, Products.ID))
          .skip((page - 1) * size)
          .limit(size)) {
        items.add(summary(d));
      }
      return new Page(items, page, size, total);
    }, executor);
  }

  public CompletionStage<RatingFigures> ratingFigures(String productId) {
    return CompletableFuture.supplyAsync(() -> Optional
        .ofNullable(products.find(Filters.eq(Products.ID, productId))
            .projection(new Document(Products.RATING_COUNT, 1).append(Products.RATING_MEAN, 1)).first())
        .map(d -> new RatingFigures(longOf(d, Products.RATING_COUNT), d.getDouble(Products.RATING_MEAN)))
        .orElse(RatingFigures.NONE), executor);
  }

  private static Summary summary(Document d) {
    Decimal128 price = d.get(Products.PRICE, Decimal128.class);
    Number stock = d.get(Products.STOCK, Number.class);
    return new Summary(
        d.getString(Products.ID),
        d.getString(Products.TITLE),
        d.getList(Products.CATEGORIES, String.class, List.of()),
        d.getList(Products.TAGS, String.class, List.of()),
        price == null ? null : price.bigDecimalValue(),
        stock == null ? null : stock.longValue(),
        longOf(d, Products.RATING_COUNT),
        d.getDouble(Products.RATING_MEAN));
  }

  private static long longOf(Document d, String field) {
    Number n = d.get(field, Number.class);
    return n == null ? 0 : n.longValue();
  }
}
