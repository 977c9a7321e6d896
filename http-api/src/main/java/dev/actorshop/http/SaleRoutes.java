package dev.actorshop.http;

import static akka.http.javadsl.server.Directives.complete;
import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.onSuccess;
import static akka.http.javadsl.server.Directives.parameterOptional;
import static akka.http.javadsl.server.Directives.path;
import static akka.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static akka.http.javadsl.server.Directives.pathPrefix;
import static akka.http.javadsl.server.Directives.post;
import static akka.http.javadsl.server.PathMatchers.segment;

import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.Route;
import dev.actorshop.product.SaleStock.Order;
import dev.actorshop.seckill.SaleDirectory.Sale;
import dev.actorshop.seckill.SaleEntity.SaleItem;
import dev.actorshop.seckill.SaleEntity.SaleView;
import dev.actorshop.seckill.Sales;
import dev.actorshop.user.UserEntity.Principal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flash sales: the admin creates a sale; anyone lists the upcoming and running ones (from the
 * node's cache); a logged-in user fetches an item's purchase code once the sale runs and orders
 * with it; the order's owner (or an admin) reads, pays or cancels it. An admin audits a sale's books
 * ({@code GET /api/admin/sales/{sale}/audit[?orderIds=true]}).
 */
final class SaleRoutes {
  private static final Set<String> SALE_FIELDS = Set.of("startsAt", "endsAt", "items");
  private static final Set<String> ITEM_FIELDS = Set.of("productId", "stock", "price", "perUserLimit");

  record ItemView(String productId, long stock, BigDecimal price, int perUserLimit) {}

  record SaleSummary(String id, String status, Instant startsAt, Instant endsAt, List<ItemView> items) {}

  record OrderView(String orderId, String saleId, String productId, String userId, int quantity, BigDecimal price,
                   String status, String reason, Instant reservedAt, Instant expiresAt, Instant closedAt) {}

  private final Sales sales;
  private final Auth auth;

  SaleRoutes(Sales sales, Auth auth) {
    this.sales = sales;
    this.auth = auth;
  }

  /**
   * The static parts are built once: the supplier of {@code pathPrefix} runs on every request it
   * matches, and these are the hottest paths of a flash sale.
   */
  Route routes() {
    Route adminSales = concat(
        pathEndOrSingleSlash(() -> post(() -> auth.admin(admin -> create()))),
        path(segment().slash("audit"), sale -> get(() -> auth.admin(admin ->
            parameterOptional("orderIds", ids -> onSuccess(sales.audit(sale, ids.map(Boolean::parseBoolean).orElse(false)),
                report -> complete(StatusCodes.OK, report, Json.marshaller())))))));
    Route publicSales = concat(
        pathEndOrSingleSlash(() -> get(this::list)),
        path(segment().slash("products").slash(segment()).slash("code"), (sale, product) ->
            get(() -> auth.authenticated(user -> complete(StatusCodes.OK,
                Map.of("code", sales.purchaseCode(sale, product)), Json.marshaller())))),
        path(segment().slash("products").slash(segment()).slash("orders"), (sale, product) ->
            post(() -> auth.authenticated(user -> order(user, sale, product)))));
    Route orders = concat(
        path(segment(), id -> get(() -> auth.authenticated(user ->
            onSuccess(sales.getOrder(id, owner(user)), order -> complete(StatusCodes.OK, view(order), Json.marshaller()))))),
        path(segment().slash("pay"), id -> post(() -> auth.authenticated(user ->
            onSuccess(sales.pay(id, owner(user)), order -> complete(StatusCodes.OK, view(order), Json.marshaller()))))),
        path(segment().slash("cancel"), id -> post(() -> auth.authenticated(user ->
            onSuccess(sales.cancel(id, owner(user)), order -> complete(StatusCodes.OK, view(order), Json.marshaller()))))));
    return concat(
        pathPrefix("admin", () -> pathPrefix("sales", () -> adminSales)),
        pathPrefix("sales", () -> publicSales),
        pathPrefix("orders", () -> orders));
  }

  private Route create() {
    return JsonBody.route(SALE_FIELDS, body -> {
      List<JsonBody> items = body.optionalObjects("items", ITEM_FIELDS);
      List<Sales.ItemRequest> requests = items == null ? null : items.stream()
          .map(item -> new Sales.ItemRequest(item.requiredText("productId"), item.optionalLong("stock"),
              item.optionalDecimal("price"), intOrNull(item.optionalLong("perUserLimit"))))
          .toList();
      return onSuccess(sales.create(body.optionalInstant("startsAt"), body.optionalInstant("endsAt"), requests),
          sale -> complete(StatusCodes.CREATED, summary(sale), Json.marshaller()));
    });
  }

  private Route list() {
    Instant now = sales.now();
    return complete(StatusCodes.OK, Map.of("sales", sales.current().stream().map(s -> summary(s, now)).toList()),
        Json.marshaller());
  }

  /** {@code {"code": "...", "quantity"?: n}} → 202 with the order, reserved and waiting for payment. */
  private Route order(Principal user, String saleId, String productId) {
    return JsonBody.route(Set.of("code", "quantity"), body -> {
      Long quantity = body.optionalLong("quantity");
      if (quantity != null && (quantity < 1 || quantity > Integer.MAX_VALUE)) {
        throw ApiException.invalidField("quantity", "must be a whole number of at least 1");
      }
      return onSuccess(sales.order(user.userId(), saleId, productId, quantity == null ? 1 : quantity.intValue(),
              body.requiredText("code")),
          order -> complete(StatusCodes.ACCEPTED, view(order), Json.marshaller()));
    });
  }

  /** The user an order must belong to; null lets an admin see any order. */
  private static String owner(Principal user) {
    return user.isAdmin() ? null : user.userId();
  }

  private static Integer intOrNull(Long value) {
    if (value == null) return null;
    return value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? Integer.MAX_VALUE : value.intValue();
  }

  private static SaleSummary summary(SaleView sale) {
    return new SaleSummary(sale.saleId(), "upcoming", sale.definition().startsAt(), sale.definition().endsAt(),
        items(sale.definition().items()));
  }

  private static SaleSummary summary(Sale sale, Instant now) {
    return new SaleSummary(sale.saleId(), now.isBefore(sale.startsAt()) ? "upcoming" : "running", sale.startsAt(),
        sale.endsAt(), items(sale.items()));
  }

  private static List<ItemView> items(List<SaleItem> items) {
    return items.stream().map(i -> new ItemView(i.productId(), i.stock(), i.price(), i.perUserLimit())).toList();
  }

  private static OrderView view(Order o) {
    return new OrderView(o.orderId(), o.saleId(), o.productId(), o.userId(), o.quantity(), o.price(),
        o.status().name(), o.reason(), o.reservedAt(), o.expiresAt(), o.closedAt());
  }
}
