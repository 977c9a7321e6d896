package dev.actorshop.http;

import static akka.http.javadsl.server.Directives.complete;
import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.onSuccess;
import static akka.http.javadsl.server.Directives.parameterMap;
import static akka.http.javadsl.server.Directives.path;
import static akka.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static akka.http.javadsl.server.Directives.pathPrefix;
import static akka.http.javadsl.server.Directives.post;
import static akka.http.javadsl.server.Directives.put;
import static akka.http.javadsl.server.PathMatchers.segment;

import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.Route;
import dev.actorshop.product.ProductCatalog;
import dev.actorshop.product.ProductCatalog.RatingFigures;
import dev.actorshop.product.ProductEntity.ProductView;
import dev.actorshop.product.Products;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue: listing and search from the Mongo read model, one product from its entity (so an
 * admin's change is visible at once) with its rating figures from the read model, and the admin's
 * create/update and stock routes.
 */
final class ProductRoutes {
  private static final int MAX_QUERY_CHARS = 100;
  private static final int MAX_PAGE = 100_000;

  record ProductDetail(String id, String title, List<String> categories, List<String> tags, BigDecimal price,
                       Map<String, String> attributes, long stock, long freeStock, long ratingCount,
                       Double ratingMean, Instant createdAt, Instant updatedAt) {}

  private final Products products;
  private final ProductCatalog catalog;
  private final Auth auth;

  ProductRoutes(Products products, ProductCatalog catalog, Auth auth) {
    this.products = products;
    this.catalog = catalog;
    this.auth = auth;
  }

  Route routes() {
    return concat(
        pathPrefix("products", () -> concat(
            pathEndOrSingleSlash(() -> get(this::list)),
            path(segment(), id -> get(() -> product(id))))),
        pathPrefix("admin", () -> pathPrefix("products", () -> concat(
            pathEndOrSingleSlash(() -> post(() -> auth.admin(admin -> define()))),
            path(segment().slash("stock"), id -> put(() -> auth.admin(admin -> stock(id))))))));
  }

  private Route list() {
    return parameterMap(params -> {
      int page = intParam(params, "page", 1, 1, MAX_PAGE);
      int size = intParam(params, "size", 20, 1, ProductCatalog.MAX_PAGE_SIZE);
      String category = textParam(params, "category");
      String q = textParam(params, "q");
      return onSuccess(catalog.list(page, size, category, q), result -> complete(StatusCodes.OK, result, Json.marshaller()));
    });
  }

  private Route product(String id) {
    return onSuccess(products.get(id), view ->
        onSuccess(catalog.ratingFigures(id), figures ->
            complete(StatusCodes.OK, detail(view, figures), Json.marshaller())));
  }

  private Route define() {
    return JsonBody.route(Set.of("id", "title", "categories", "tags", "price", "attributes", "stock"), body -> {
      String id = body.requiredText("id");
      Products.Definition definition = new Products.Definition(
          body.optionalText("title").orElse(null),
          body.optionalTextList("categories"),
          body.optionalTextList("tags"),
          body.optionalDecimal("price"),
          body.optionalTextMap("attributes"),
          body.optionalLong("stock"));
      return onSuccess(products.define(id, definition), defined -> onSuccess(
          catalog.ratingFigures(id).exceptionally(error -> RatingFigures.NONE),
          figures -> complete(defined.created() ? StatusCodes.CREATED : StatusCodes.OK,
              detail(defined.product(), figures), Json.marshaller())));
    });
  }

  /** {@code {"stock": n}} sets the stock; {@code {"adjust": d, "eventId"?: ...}} adds d (may be negative). */
  private Route stock(String id) {
    return JsonBody.route(Set.of("stock", "adjust", "eventId"), body -> {
      if (body.has("stock") == body.has("adjust")) {
        throw ApiException.malformed("send exactly one of stock (set) or adjust (add, may be negative)");
      }
      if (body.has("stock") && body.has("eventId")) {
        throw ApiException.invalidField("eventId", "only applies to adjust (setting the stock is idempotent)");
      }
      return onSuccess(body.has("stock")
              ? products.setStock(id, body.requiredLong("stock"))
              : products.adjustStock(id, body.requiredLong("adjust"), body.optionalText("eventId").orElse(null)),
          view -> onSuccess(catalog.ratingFigures(id).exceptionally(error -> RatingFigures.NONE),
              figures -> complete(StatusCodes.OK, detail(view, figures), Json.marshaller())));
    });
  }

  private static ProductDetail detail(ProductView v, RatingFigures figures) {
    return new ProductDetail(v.id(), v.title(), v.categories(), v.tags(), v.price(), v.attributes(), v.stock(),
        v.freeStock(), figures.ratingCount(), figures.ratingMean(), v.createdAt(), v.updatedAt());
  }

  private static int intParam(Map<String, String> params, String name, int fallback, int min, int max) {
    String raw = params.get(name);
    if (raw == null) return fallback;
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) return value;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.invalidField(name, "must be a whole number from " + min + " to " + max);
  }

  private static String textParam(Map<String, String> params, String name) {
    String raw = params.get(name);
    if (raw == null || raw.isEmpty()) return null;
    if (raw.length() > MAX_QUERY_CHARS) throw ApiException.invalidField(name, "must be at most " + MAX_QUERY_CHARS + " characters");
    return raw;
  }
}
