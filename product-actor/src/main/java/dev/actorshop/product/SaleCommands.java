package dev.actorshop.product;

import akka.pattern.StatusReply;
import akka.persistence.typed.javadsl.EffectFactories;
import akka.persistence.typed.javadsl.ReplyEffect;
import dev.actorshop.product.ProductEntity.AllocateSale;
import dev.actorshop.product.ProductEntity.ArchiveSale;
import dev.actorshop.product.ProductEntity.BatchWritten;
import dev.actorshop.product.ProductEntity.CancelSaleAllocation;
import dev.actorshop.product.ProductEntity.Event;
import dev.actorshop.product.ProductEntity.ExpireDue;
import dev.actorshop.product.ProductEntity.Expiry;
import dev.actorshop.product.ProductEntity.GetOrder;
import dev.actorshop.product.ProductEntity.GetSaleStock;
import dev.actorshop.product.ProductEntity.OrdersPaid;
import dev.actorshop.product.ProductEntity.OrdersReleased;
import dev.actorshop.product.ProductEntity.Pay;
import dev.actorshop.product.ProductEntity.Release;
import dev.actorshop.product.ProductEntity.Reservation;
import dev.actorshop.product.ProductEntity.Reserve;
import dev.actorshop.product.ProductEntity.OrderBatch;
import dev.actorshop.product.ProductEntity.Reserved;
import dev.actorshop.product.ProductEntity.SaleAllocated;
import dev.actorshop.product.ProductEntity.SaleAllocationCancelled;
import dev.actorshop.product.ProductEntity.SaleArchived;
import dev.actorshop.product.ProductEntity.SaleStockView;
import dev.actorshop.product.ProductEntity.Settlement;
import dev.actorshop.product.ProductEntity.State;
import dev.actorshop.product.SaleStock.Order;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The product entity's flash-sale commands: allocation, reservations (a group-commit batch at a
 * time), payment, release and the reads. Each decides from the state and returns the effect; the
 * events they persist are applied by {@link ProductEntity}'s event handler.
 */
final class SaleCommands {
  private final String productId;
  private final ProductSettings settings;
  private final EffectFactories<Event, State> effect;

  SaleCommands(String productId, ProductSettings settings, EffectFactories<Event, State> effect) {
    this.productId = productId;
    this.settings = settings;
    this.effect = effect;
  }

  ReplyEffect<Event, State> allocate(State state, AllocateSale cmd) {
    if (!state.isDefined()) return effect.reply(cmd.replyTo(), ProductEntity.unknownProduct());
    SaleStock existing = state.sales().get(cmd.saleId());
    if (existing != null) {
      boolean same = existing.allocated() == cmd.quantity() && existing.price().compareTo(cmd.price()) == 0
          && existing.perUserLimit() == cmd.perUserLimit() && existing.code().equals(cmd.code())
          && existing.startsAt().equals(cmd.startsAt()) && existing.endsAt().equals(cmd.endsAt());
      return effect.reply(cmd.replyTo(), same
          ? StatusReply.success(saleView(existing))
          : Refusal.ALLOCATION.reply("sale " + cmd.saleId() + " already has a different allocation of " + productId));
    }
    if (cmd.quantity() < 1 || cmd.quantity() > state.freeStock()) {
      return effect.reply(cmd.replyTo(), Refusal.ALLOCATION.reply("stock of " + productId + " must be 1 to the "
          + state.freeStock() + " free (stock " + state.stock() + ", " + state.allocatedStock() + " allocated to sales)"));
    }
    return effect.persist(new SaleAllocated(productId, cmd.saleId(), cmd.quantity(), cmd.price(),
            cmd.perUserLimit(), cmd.code(), cmd.startsAt(), cmd.endsAt(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(saleView(s.sales().get(cmd.saleId()))));
  }

  ReplyEffect<Event, State> cancelAllocation(State state, CancelSaleAllocation cmd) {
    SaleStock sale = state.sales().get(cmd.saleId());
    if (sale == null) return effect.reply(cmd.replyTo(), StatusReply.ack());
    if (!sale.orders().isEmpty() || sale.archived()) {
      return effect.reply(cmd.replyTo(), Refusal.ALLOCATION.reply("sale " + cmd.saleId() + " already has orders"));
    }
    return effect.persist(new SaleAllocationCancelled(productId, cmd.saleId(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  ReplyEffect<Event, State> archive(State state, ArchiveSale cmd) {
    SaleStock sale = state.sales().get(cmd.saleId());
    if (sale == null || sale.archived()) return effect.reply(cmd.replyTo(), StatusReply.ack());
    if (!cmd.at().isAfter(sale.endsAt()) || sale.unpaid() > 0) {
      return effect.reply(cmd.replyTo(), Refusal.NOT_SETTLED.reply("sale " + cmd.saleId() + " ends at "
          + sale.endsAt() + " and has " + sale.unpaid() + " unpaid order(s)"));
    }
    return effect.persist(new SaleArchived(productId, cmd.saleId(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  /**
   * One group-commit write: the payments and releases first, then the expiry of the unpaid orders
   * that are due, then the reservations, each checked against the state as the earlier commands of
   * the batch left it (so a release's units can go to a reservation in the same batch). All of them
   * were in flight together, so this order is as good as any other. What they change is persisted
   * as one write, and everyone is answered once it is durable; a batch that changes nothing writes
   * nothing.
   */
  ReplyEffect<Event, State> orderBatch(State state, OrderBatch cmd) {
    List<Event> events = new ArrayList<>();
    List<Consumer<State>> replies = new ArrayList<>(cmd.reserves().size() + cmd.settlements().size());
    Map<String, SaleStock.Batch> batches = new HashMap<>();
    Map<String, List<Order>> closed = new LinkedHashMap<>();
    for (Settlement settlement : cmd.settlements()) {
      StatusReply<Order> answer = settle(state, batches, settlement, closed);
      replies.add(s -> settlement.replyTo().tell(answer));
    }
    for (ExpireDue expire : cmd.expiries()) replies.add(expire(state, batches, expire, closed));
    closed.forEach((saleId, orders) -> events.addAll(closings(saleId, orders, cmd.at())));
    int accepted = reserve(state, batches, cmd.reserves(), cmd.at(), events, replies);
    BatchWritten done = new BatchWritten(cmd.batch(), accepted);
    if (events.isEmpty()) {
      replies.forEach(reply -> reply.accept(state));
      return cmd.replyTo() == null ? effect.noReply() : effect.reply(cmd.replyTo(), done);
    }
    var written = effect.persist(events).thenRun(s -> replies.forEach(reply -> reply.accept(s)));
    return cmd.replyTo() == null ? written.thenNoReply() : written.thenReply(cmd.replyTo(), s -> done);
  }

  /** Checks the reservations in order, adds one {@link Reserved} per sale to {@code events}; returns how many it took. */
  private int reserve(State state, Map<String, SaleStock.Batch> batches, List<Reserve> reserves, Instant now,
                      List<Event> events, List<Consumer<State>> replies) {
    Map<String, List<Reservation>> accepted = new LinkedHashMap<>();
    for (Reserve r : reserves) {
      SaleStock sale = state.sales().get(r.saleId());
      if (sale == null) {
        StatusReply<Order> noSale = noSale(r.saleId());
        replies.add(s -> r.replyTo().tell(noSale));
        continue;
      }
      SaleStock.Batch batch = batches.computeIfAbsent(r.saleId(), id -> sale.batch());
      Order known = batch.order(r.orderId());
      if (known != null) {
        StatusReply<Order> answer = known.userId().equals(r.userId())
            ? StatusReply.success(known)   // the same order again
            : Refusal.ORDER_ID_TAKEN.reply("order id " + r.orderId() + " is taken");
        replies.add(s -> r.replyTo().tell(answer));
        continue;
      }
      StatusReply<Order> refusal = batch.refusal(r.userId(), r.quantity(), r.code(), now);
      if (refusal != null) {
        replies.add(s -> r.replyTo().tell(refusal));
        continue;
      }
      Reservation reservation = new Reservation(r.saleId(), r.orderId(), r.userId(), r.quantity(), sale.price(),
          now.plus(settings.paymentTimeout()));
      Order order = reservation.order(productId, now);
      batch.take(order);
      accepted.computeIfAbsent(r.saleId(), id -> new ArrayList<>()).add(reservation);
      replies.add(s -> r.replyTo().tell(StatusReply.success(order)));
    }
    accepted.values().forEach(rs -> events.add(Reserved.of(productId, now, rs)));
    return accepted.values().stream().mapToInt(List::size).sum();
  }

  /**
   * A payment or a release against the batch's view of its order. An order it closes is added to
   * {@code closed} (by sale), which becomes the batch's {@link OrdersPaid} and {@link OrdersReleased}.
   */
  private StatusReply<Order> settle(State state, Map<String, SaleStock.Batch> batches, Settlement cmd,
                                    Map<String, List<Order>> closed) {
    SaleStock sale = state.sales().get(cmd.saleId());
    if (sale != null && sale.archived()) return archived(sale);
    SaleStock.Batch batch = sale == null ? null : batches.computeIfAbsent(cmd.saleId(), id -> sale.batch());
    Found found = visible(batch == null ? null : batch.order(cmd.orderId()), cmd.orderId(), cmd.userId());
    if (found.refusal() != null) return found.refusal();
    Order order = found.order();
    switch (order.status()) {
      case PAID:   // paying again answers the paid order
        return cmd instanceof Pay ? StatusReply.success(order)
            : Refusal.ALREADY_PAID.reply("a paid order cannot be released");
      case RELEASED:   // releasing again answers the released order
        return cmd instanceof Release ? StatusReply.success(order)
            : Refusal.RELEASED.reply("the order was " + order.reason());
      default:
        break;
    }
    if (cmd instanceof Release release) {
      if (ProductEntity.EXPIRED.equals(release.reason()) && release.at().isBefore(order.expiresAt())) {
        return Refusal.NOT_DUE.reply("payment is due by " + order.expiresAt());
      }
      Order released = order.closed(SaleStock.OrderStatus.RELEASED, release.reason(), release.at());
      batch.released(released);
      closed.computeIfAbsent(cmd.saleId(), id -> new ArrayList<>()).add(released);
      return StatusReply.success(released);
    }
    if (!cmd.at().isBefore(order.expiresAt())) {
      return Refusal.PAYMENT_EXPIRED.reply("payment was due by " + order.expiresAt());
    }
    Order paid = order.closed(SaleStock.OrderStatus.PAID, null, cmd.at());
    batch.paid(paid);
    closed.computeIfAbsent(cmd.saleId(), id -> new ArrayList<>()).add(paid);
    return StatusReply.success(paid);
  }

  /**
   * Releases the sale's orders that are due (at most {@code max}) into the batch, as expired at the
   * command's time; returns its answer, given the state after the write (what is left unpaid).
   */
  private Consumer<State> expire(State state, Map<String, SaleStock.Batch> batches, ExpireDue cmd,
                                 Map<String, List<Order>> closed) {
    SaleStock sale = state.sales().get(cmd.saleId());
    if (sale == null) {
      StatusReply<Expiry> noSale = noSale(cmd.saleId());
      return s -> cmd.replyTo().tell(noSale);
    }
    SaleStock.Batch batch = batches.computeIfAbsent(cmd.saleId(), id -> sale.batch());
    List<Order> due = batch.due(cmd.at(), cmd.max());
    for (Order order : due) {
      Order released = order.closed(SaleStock.OrderStatus.RELEASED, ProductEntity.EXPIRED, cmd.at());
      batch.released(released);
      closed.computeIfAbsent(cmd.saleId(), id -> new ArrayList<>()).add(released);
    }
    int released = due.size();
    return s -> {
      SaleStock after = s.sales().get(cmd.saleId());
      cmd.replyTo().tell(StatusReply.success(new Expiry(cmd.saleId(), released, after.unpaid(), after.nextDue())));
    };
  }

  /** One sale's closed orders as (at most) one {@link OrdersPaid} and one {@link OrdersReleased}. */
  private List<Event> closings(String saleId, List<Order> orders, Instant at) {
    List<String> paid = new ArrayList<>();
    List<Instant> paidAt = new ArrayList<>();
    List<String> released = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    List<Instant> releasedAt = new ArrayList<>();
    for (Order o : orders) {
      if (o.status() == SaleStock.OrderStatus.PAID) {
        paid.add(o.orderId());
        paidAt.add(o.closedAt());
      } else {
        released.add(o.orderId());
        reasons.add(o.reason());
        releasedAt.add(o.closedAt());
      }
    }
    List<Event> events = new ArrayList<>(2);
    if (!paid.isEmpty()) events.add(new OrdersPaid(productId, saleId, at, paid, paidAt));
    if (!released.isEmpty()) events.add(new OrdersReleased(productId, saleId, at, released, reasons, releasedAt));
    return events;
  }

  ReplyEffect<Event, State> saleStock(State state, GetSaleStock cmd) {
    SaleStock sale = state.sales().get(cmd.saleId());
    return effect.reply(cmd.replyTo(), sale != null
        ? StatusReply.success(saleView(sale))
        : noSale(cmd.saleId()));
  }

  ReplyEffect<Event, State> getOrder(State state, GetOrder cmd) {
    return effect.reply(cmd.replyTo(), findOrder(state, cmd.saleId(), cmd.orderId(), cmd.userId())
        .fold(StatusReply::success));
  }

  /** An order, or why the caller may not see it. */
  private record Found(Order order, StatusReply<Order> refusal) {
    StatusReply<Order> fold(Function<Order, StatusReply<Order>> ok) {
      return refusal != null ? refusal : ok.apply(order);
    }
  }

  private Found findOrder(State state, String saleId, String orderId, String userId) {
    SaleStock sale = state.sales().get(saleId);
    if (sale != null && sale.archived()) return new Found(null, archived(sale));
    return visible(sale == null ? null : sale.order(orderId), orderId, userId);
  }

  private <T> StatusReply<T> noSale(String saleId) {
    return Refusal.NO_SALE.reply("product " + productId + " is not in sale " + saleId);
  }

  private static StatusReply<Order> archived(SaleStock sale) {
    return Refusal.ARCHIVED.reply("sale " + sale.saleId() + " is settled; its orders are in the orders table");
  }

  /** The order if the caller may see it: {@code userId} null (the system or an administrator) sees any. */
  private static Found visible(Order order, String orderId, String userId) {
    if (order == null || (userId != null && !userId.equals(order.userId()))) {
      // Someone else's order looks like no order at all.
      return new Found(null, Refusal.UNKNOWN_ORDER.reply("no order " + orderId));
    }
    return new Found(order, null);
  }

  private SaleStockView saleView(SaleStock s) {
    return new SaleStockView(productId, s.saleId(), s.allocated(), s.remaining(), s.reservedTotal(),
        s.releasedTotal(), s.buyers().size(), s.price(), s.perUserLimit(), s.startsAt(), s.endsAt());
  }
}
