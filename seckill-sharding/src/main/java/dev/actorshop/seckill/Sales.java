package dev.actorshop.seckill;

import static dev.actorshop.conf.Futures.plain;

import akka.actor.typed.ActorSystem;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.pattern.StatusReply;
import dev.actorshop.conf.Futures;
import dev.actorshop.contracts.ProductIds;
import dev.actorshop.product.ProductValidation;
import dev.actorshop.product.Products;
import dev.actorshop.product.Refusal;
import dev.actorshop.product.SaleRefusedException;
import dev.actorshop.product.SaleStock.Order;
import dev.actorshop.seckill.SaleDirectory.Sale;
import dev.actorshop.seckill.SaleEntity.SaleDefinition;
import dev.actorshop.seckill.SaleEntity.SaleItem;
import dev.actorshop.seckill.SaleEntity.SaleView;
import dev.actorshop.seckill.SaleIds.OrderRef;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What the edges do with sales and orders: validation naming the field, the sale cache for reads,
 * the rate limiter in front of the order path, and one ask to the entity that decides.
 */
public final class Sales {
  private final ClusterSharding sharding;
  private final Products products;
  private final SaleDirectory directory;
  private final OrdersTable orders;
  private final OrderRateLimiter limiter;
  private final SaleSettings settings;
  private final SaleAudit audit;
  private final Clock clock;

  public Sales(ActorSystem<?> system, Products products, SaleDirectory directory, OrdersTable orders,
               OrderRateLimiter limiter, SaleSettings settings, SaleAudit audit) {
    this(system, products, directory, orders, limiter, settings, audit, Clock.systemUTC());
  }

  Sales(ActorSystem<?> system, Products products, SaleDirectory directory, OrdersTable orders,
        OrderRateLimiter limiter, SaleSettings settings, SaleAudit audit, Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.products = products;
    this.directory = directory;
    this.orders = orders;
    this.limiter = limiter;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
  }

  /** A sale item as the admin sends it. */
  public record ItemRequest(String productId, Long stock, BigDecimal price, Integer perUserLimit) {}

  /**
   * Creates a sale: every item's stock is set aside in its product, or none is. Each item gets a
   * fresh purchase code. Answers once the sale is scheduled.
   */
  public CompletionStage<SaleView> create(Instant startsAt, Instant endsAt, List<ItemRequest> items) {
    SaleDefinition definition;
    try {
      definition = validated(startsAt, endsAt, items);
    } catch (SaleException e) {
      return CompletableFuture.failedFuture(e);
    }
    String saleId = SaleIds.newSaleId();
    return plain(sharding.entityRefFor(SaleEntity.ENTITY_KEY, saleId).<SaleView>askWithStatus(
            replyTo -> new SaleEntity.Create(definition, clock.instant(), replyTo), settings.askTimeout()))
        .handle((view, error) -> {
          if (error == null) {
            directory.publish(new Sale(view.saleId(), definition.startsAt(), definition.endsAt(), definition.items()));
            return view;
          }
          Throwable cause = Futures.cause(error);
          if (cause instanceof StatusReply.ErrorMessage rejected) {
            String message = rejected.getMessage();
            if (message.startsWith("unavailable: ")) {
              throw new SaleException(SaleException.Reason.UNAVAILABLE, null, message);
            }
            if (message.startsWith("unknown product ")) {
              throw new SaleException(SaleException.Reason.INVALID_INPUT, "items", message);
            }
            throw new SaleException(SaleException.Reason.STOCK_UNAVAILABLE, "items", message);
          }
          throw error instanceof CompletionException ce ? ce : new CompletionException(error);
        });
  }

  private SaleDefinition validated(Instant startsAt, Instant endsAt, List<ItemRequest> items) {
    Instant now = clock.instant();
    if (startsAt == null) throw SaleException.invalid("startsAt", "is required (an ISO-8601 instant)");
    if (endsAt == null) throw SaleException.invalid("endsAt", "is required (an ISO-8601 instant)");
    if (!startsAt.isAfter(now)) throw SaleException.invalid("startsAt", "must be in the future");
    if (!endsAt.isAfter(startsAt)) throw SaleException.invalid("endsAt", "must be after startsAt");
    if (endsAt.isAfter(startsAt.plus(settings.maxWindow()))) {
      throw SaleException.invalid("endsAt", "must be at most " + settings.maxWindow().toDays() + " days after startsAt");
    }
    if (items == null || items.isEmpty() || items.size() > settings.maxItems()) {
      throw SaleException.invalid("items", "must hold 1 to " + settings.maxItems() + " items");
    }
    Set<String> seen = new HashSet<>();
    List<SaleItem> checked = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      ItemRequest item = items.get(i);
      String at = "items[" + i + "].";
      if (item.productId() == null) throw SaleException.invalid(at + "productId", "is required");
      ProductIds.problem(item.productId()).ifPresent(p -> { throw SaleException.invalid(at + "productId", p); });
      if (!seen.add(item.productId())) throw SaleException.invalid(at + "productId", "appears twice");
      if (item.stock() == null || item.stock() < 1 || item.stock() > ProductValidation.MAX_STOCK) {
        throw SaleException.invalid(at + "stock", "must be a whole number from 1 to " + ProductValidation.MAX_STOCK);
      }
      if (item.price() == null) throw SaleException.invalid(at + "price", "is required");
      ProductValidation.priceProblem(item.price()).ifPresent(p -> { throw SaleException.invalid(at + "price", p); });
      if (item.perUserLimit() == null || item.perUserLimit() < 1 || item.perUserLimit() > settings.maxPerUserLimit()) {
        throw SaleException.invalid(at + "perUserLimit", "must be a whole number from 1 to " + settings.maxPerUserLimit());
      }
      checked.add(new SaleItem(item.productId(), item.stock(), item.price(), item.perUserLimit(),
          SaleIds.newPurchaseCode()));
    }
    return new SaleDefinition(startsAt, endsAt, List.copyOf(checked));
  }

  /** Upcoming and running sales, from this node's cache. */
  public List<Sale> current() {
    return directory.current();
  }

  public Instant now() {
    return clock.instant();
  }

  /** The purchase code of a sale item: only once the sale has started (the caller is logged in). */
  public String purchaseCode(String saleId, String productId) {
    Sale sale = sale(saleId);
    SaleItem item = item(sale, productId);
    Instant now = clock.instant();
    if (now.isBefore(sale.startsAt())) {
      throw new SaleException(SaleException.Reason.NOT_STARTED, null,
          "the purchase code is revealed when the sale starts, at " + sale.startsAt());
    }
    if (!now.isBefore(sale.endsAt())) {
      throw new SaleException(SaleException.Reason.ENDED, null, "the sale ended at " + sale.endsAt());
    }
    return item.code();
  }

  /**
   * One order: the rate limits first (no entity is bothered by a refused request), then the sale
   * cache (unknown sale or item: 404 at once), then the product's reservation.
   */
  public CompletionStage<Order> order(String userId, String saleId, String productId, int quantity, String code) {
    try {
      OrderRateLimiter.Decision decision = limiter.tryAcquire(userId);
      if (!decision.allowed()) throw SaleException.rateLimited(decision.retryAfter(), decision.scope());
      item(sale(saleId), productId);
      if (code == null || code.isEmpty()) throw SaleException.invalid("code", "is required (GET .../code once the sale starts)");
    } catch (SaleException e) {
      return CompletableFuture.failedFuture(e);
    }
    return products.reserve(productId, saleId, SaleIds.newOrderId(saleId, productId), userId, quantity, code);
  }

  /** The books of a sale: entity figures next to the orders table (see {@link SaleAudit}). */
  public CompletionStage<SaleAudit.Report> audit(String saleId, boolean withOrderIds) {
    try {
      return audit.audit(saleId, withOrderIds);
    } catch (SaleException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * {@code userId} null: an administrator. Someone else's order is "not found". The order of a
   * settled sale, which its product no longer holds, comes from the orders table.
   */
  public CompletionStage<Order> getOrder(String orderId, String userId) {
    return withOrder(orderId, userId, ref -> products.order(ref.productId(), ref.saleId(), orderId, userId),
        Function.identity());
  }

  /** Paying a paid order again answers it; a settled sale's unpaid orders are all released. */
  public CompletionStage<Order> pay(String orderId, String userId) {
    return withOrder(orderId, userId, ref -> products.pay(ref.productId(), ref.saleId(), orderId, userId),
        settled -> switch (settled.status()) {
          case PAID -> settled;
          default -> throw new SaleRefusedException(Refusal.RELEASED, "the order was " + settled.reason());
        });
  }

  public CompletionStage<Order> cancel(String orderId, String userId) {
    return withOrder(orderId, userId,
        ref -> products.release(ref.productId(), ref.saleId(), orderId, userId, "cancelled"),
        settled -> switch (settled.status()) {
          case PAID -> throw new SaleRefusedException(Refusal.ALREADY_PAID, "a paid order cannot be released");
          default -> settled;
        });
  }

  /**
   * {@code call} asks the product; if the order's sale is archived there, {@code settled} answers
   * from the order's row instead (every order of such a sale is paid or released).
   */
  private CompletionStage<Order> withOrder(String orderId, String userId, Function<OrderRef, CompletionStage<Order>> call,
                                           Function<Order, Order> settled) {
    return SaleIds.parseOrderId(orderId)
        .map(ref -> call.apply(ref).exceptionallyCompose(error ->
            Futures.cause(error) instanceof SaleRefusedException r && r.refusal() == Refusal.ARCHIVED
                ? orders.find(ref.saleId(), ref.productId(), orderId).thenApply(row -> row
                    .filter(o -> userId == null || userId.equals(o.userId()))
                    .map(settled)
                    .orElseThrow(() -> new SaleRefusedException(Refusal.UNKNOWN_ORDER, "no order " + orderId)))
                : CompletableFuture.failedFuture(error)))
        .orElseGet(() -> CompletableFuture.failedFuture(
            new SaleException(SaleException.Reason.NOT_FOUND, null, "no order " + orderId)));
  }

  private Sale sale(String saleId) {
    return directory.find(saleId)
        .orElseThrow(() -> new SaleException(SaleException.Reason.NOT_FOUND, null, "no sale " + saleId));
  }

  private static SaleItem item(Sale sale, String productId) {
    return sale.item(productId).orElseThrow(() -> new SaleException(SaleException.Reason.NOT_FOUND, null,
        "product " + productId + " is not in sale " + sale.saleId()));
  }

}
