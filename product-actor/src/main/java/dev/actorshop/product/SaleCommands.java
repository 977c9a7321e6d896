package dev.actorshop.product;

import akka.pattern.StatusReply;
import akka.persistence.typed.javadsl.EffectFactories;
import akka.persistence.typed.javadsl.ReplyEffect;
import dev.actorshop.product.ProductEntity.AllocateSale;
import dev.actorshop.product.ProductEntity.BatchWritten;
import dev.actorshop.product.ProductEntity.CancelSaleAllocation;
import dev.actorshop.product.ProductEntity.Event;
import dev.actorshop.product.ProductEntity.GetOrder;
import dev.actorshop.product.ProductEntity.GetSaleStock;
import dev.actorshop.product.ProductEntity.OrderPaid;
import dev.actorshop.product.ProductEntity.Pay;
import dev.actorshop.product.ProductEntity.Release;
import dev.actorshop.product.ProductEntity.Reservation;
import dev.actorshop.product.ProductEntity.ReservationReleased;
import dev.actorshop.product.ProductEntity.Reserve;
import dev.actorshop.product.ProductEntity.ReserveBatch;
import dev.actorshop.product.ProductEntity.Reserved;
import dev.actorshop.product.ProductEntity.SaleAllocated;
import dev.actorshop.product.ProductEntity.SaleAllocationCancelled;
import dev.actorshop.product.ProductEntity.SaleStockView;
import dev.actorshop.product.ProductEntity.State;
import dev.actorshop.product.SaleStock.Order;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    if (!sale.orders().isEmpty()) {
      return effect.reply(cmd.replyTo(), Refusal.ALLOCATION.reply("sale " + cmd.saleId() + " already has orders"));
    }
    return effect.persist(new SaleAllocationCancelled(productId, cmd.saleId(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  /**
   * Checks each reservation against the state as the earlier ones in the batch left it, writes the
   * accepted ones as one event, and answers everyone once that event is durable. A batch with
   * nothing accepted writes nothing.
   */
  ReplyEffect<Event, State> reserveBatch(State state, ReserveBatch cmd) {
    Instant now = cmd.at();
    Map<String, SaleStock.Batch> batches = new HashMap<>();
    Map<String, List<Reservation>> accepted = new LinkedHashMap<>();
    List<Runnable> replies = new ArrayList<>(cmd.reserves().size());
    for (Reserve r : cmd.reserves()) {
      SaleStock sale = state.sales().get(r.saleId());
      if (sale == null) {
        StatusReply<Order> noSale = Refusal.NO_SALE.reply("product " + productId + " is not in sale " + r.saleId());
        replies.add(() -> r.replyTo().tell(noSale));
        continue;
      }
      SaleStock.Batch batch = batches.computeIfAbsent(r.saleId(), id -> sale.batch());
      Order known = batch.order(r.orderId());
      if (known != null) {
        StatusReply<Order> answer = known.userId().equals(r.userId())
            ? StatusReply.success(known)   // the same order again
            : Refusal.ORDER_ID_TAKEN.reply("order id " + r.orderId() + " is taken");
        replies.add(() -> r.replyTo().tell(answer));
        continue;
      }
      StatusReply<Order> refusal = batch.refusal(r.userId(), r.quantity(), r.code(), now);
      if (refusal != null) {
        replies.add(() -> r.replyTo().tell(refusal));
        continue;
      }
      Reservation reservation = new Reservation(r.saleId(), r.orderId(), r.userId(), r.quantity(), sale.price(),
          now.plus(settings.paymentTimeout()));
      Order order = reservation.order(productId, now);
      batch.take(order);
      accepted.computeIfAbsent(r.saleId(), id -> new ArrayList<>()).add(reservation);
      replies.add(() -> r.replyTo().tell(StatusReply.success(order)));
    }
    BatchWritten done = new BatchWritten(accepted.values().stream().mapToInt(List::size).sum());
    if (accepted.isEmpty()) {
      replies.forEach(Runnable::run);
      return cmd.replyTo() == null ? effect.noReply() : effect.reply(cmd.replyTo(), done);
    }
    List<Event> events = accepted.values().stream().<Event>map(rs -> Reserved.of(productId, now, rs)).toList();
    var written = effect.persist(events)
        .thenRun(s -> replies.forEach(Runnable::run));
    return cmd.replyTo() == null ? written.thenNoReply() : written.thenReply(cmd.replyTo(), s -> done);
  }

  ReplyEffect<Event, State> pay(State state, Pay cmd) {
    Found found = findOrder(state, cmd.saleId(), cmd.orderId(), cmd.userId());
    if (found.refusal() != null) return effect.reply(cmd.replyTo(), found.refusal());
    Order order = found.order();
    return switch (order.status()) {
      case PAID -> effect.reply(cmd.replyTo(), StatusReply.success(order));
      case RELEASED -> effect.reply(cmd.replyTo(), Refusal.RELEASED.reply("the order was " + order.reason()));
      case RESERVED -> !cmd.at().isBefore(order.expiresAt())
          ? effect.reply(cmd.replyTo(), Refusal.PAYMENT_EXPIRED.reply("payment was due by " + order.expiresAt()))
          : effect.persist(new OrderPaid(productId, order.saleId(), order.orderId(), order.userId(), cmd.at()))
              .thenReply(cmd.replyTo(), s -> StatusReply.success(s.sales().get(order.saleId()).orders().get(order.orderId())));
    };
  }

  ReplyEffect<Event, State> release(State state, Release cmd) {
    Found found = findOrder(state, cmd.saleId(), cmd.orderId(), cmd.userId());
    if (found.refusal() != null) return effect.reply(cmd.replyTo(), found.refusal());
    Order order = found.order();
    return switch (order.status()) {
      case RELEASED -> effect.reply(cmd.replyTo(), StatusReply.success(order));
      case PAID -> effect.reply(cmd.replyTo(), Refusal.ALREADY_PAID.reply("a paid order cannot be released"));
      case RESERVED -> ProductEntity.EXPIRED.equals(cmd.reason()) && cmd.at().isBefore(order.expiresAt())
          ? effect.reply(cmd.replyTo(), Refusal.NOT_DUE.reply("payment is due by " + order.expiresAt()))
          : effect.persist(new ReservationReleased(productId, order.saleId(), order.orderId(),
              order.userId(), order.quantity(), cmd.reason(), cmd.at()))
          .thenReply(cmd.replyTo(), s -> StatusReply.success(s.sales().get(order.saleId()).orders().get(order.orderId())));
    };
  }

  ReplyEffect<Event, State> saleStock(State state, GetSaleStock cmd) {
    SaleStock sale = state.sales().get(cmd.saleId());
    return effect.reply(cmd.replyTo(), sale != null
        ? StatusReply.success(saleView(sale))
        : Refusal.NO_SALE.reply("product " + productId + " is not in sale " + cmd.saleId()));
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
    Order order = sale == null ? null : sale.order(orderId);
    if (order == null) return new Found(null, Refusal.UNKNOWN_ORDER.reply("no order " + orderId));
    if (userId != null && !userId.equals(order.userId())) {
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
