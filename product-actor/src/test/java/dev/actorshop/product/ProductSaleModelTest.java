package dev.actorshop.product;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.pattern.StatusReply;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import dev.actorshop.product.ProductEntity.AllocateSale;
import dev.actorshop.product.ProductEntity.BatchWritten;
import dev.actorshop.product.ProductEntity.Command;
import dev.actorshop.product.ProductEntity.Define;
import dev.actorshop.product.ProductEntity.Event;
import dev.actorshop.product.ProductEntity.ExpireDue;
import dev.actorshop.product.ProductEntity.Expiry;
import dev.actorshop.product.ProductEntity.OrderBatch;
import dev.actorshop.product.ProductEntity.OrdersReleased;
import dev.actorshop.product.ProductEntity.Pay;
import dev.actorshop.product.ProductEntity.Release;
import dev.actorshop.product.ProductEntity.Reserve;
import dev.actorshop.product.ProductEntity.Settlement;
import dev.actorshop.product.ProductEntity.State;
import dev.actorshop.product.SaleStock.Order;
import dev.actorshop.product.SaleStock.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sale's single writer against a plain model of the rules, over random batches of orders (some
 * repeated, some with a wrong code or too many units, users ordering again after a release), payments,
 * cancellations and the expiry of unpaid orders (whole, inside a batch, or a few at a time), with a
 * snapshot every 3 events and restarts along the way. Every answer is the model's, and the entity's
 * books, buyer set, orders and unpaid orders equal the model's after every step.
 */
class ProductSaleModelTest {
  private static final ProductSettings SETTINGS = EntityTests.SETTINGS;
  private static final ActorTestKit testKit = EntityTests.testKit();
  private static final long STOCK = 40;
  private static final int LIMIT = 2;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** What the rules say, kept as simply as possible. */
  private static final class Model {
    long remaining = STOCK;
    long reserved;
    long released;
    final Map<String, String> buyers = new HashMap<>();       // user → live order
    final Map<String, String> owner = new HashMap<>();        // order → user
    final Map<String, Integer> quantity = new HashMap<>();
    final Map<String, OrderStatus> status = new HashMap<>();

    /** The refusal code for this order, or null when it is taken (and then it is). */
    String reserve(String orderId, String user, int units, boolean rightCode) {
      if (owner.containsKey(orderId)) return user.equals(owner.get(orderId)) ? null : "order_id_taken";
      if (!rightCode) return "wrong_code";
      if (units < 1 || units > LIMIT) return "quantity";
      if (buyers.containsKey(user)) return "already_bought";
      if (remaining < units) return "sold_out";
      remaining -= units;
      reserved += units;
      buyers.put(user, orderId);
      owner.put(orderId, user);
      quantity.put(orderId, units);
      status.put(orderId, OrderStatus.RESERVED);
      return null;
    }

    String pay(String orderId) {
      return switch (status.get(orderId)) {
        case RESERVED -> {
          status.put(orderId, OrderStatus.PAID);
          yield null;
        }
        case PAID -> null;
        case RELEASED -> "released";
      };
    }

    String release(String orderId) {
      return switch (status.get(orderId)) {
        case RESERVED -> {
          status.put(orderId, OrderStatus.RELEASED);
          remaining += quantity.get(orderId);
          released += quantity.get(orderId);
          buyers.remove(owner.get(orderId));
          yield null;
        }
        case PAID -> "already_paid";
        case RELEASED -> null;
      };
    }

    long unpaid() {
      return status.values().stream().filter(s -> s == OrderStatus.RESERVED).count();
    }

    /** Every unpaid order expires; returns how many. */
    int expireAll() {
      List<String> due = status.entrySet().stream().filter(e -> e.getValue() == OrderStatus.RESERVED)
          .map(Map.Entry::getKey).toList();
      due.forEach(this::release);
      return due.size();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theWriterAnswersAndKeepsItsBooksAsTheModelDoes(long seed) {
    var product = EventSourcedBehaviorTestKit.<Command, Event, State>create(testKit.system(),
        ProductEntity.create("p-" + seed, SETTINGS));
    Instant now = Instant.now();
    product.<StatusReply<ProductEntity.Defined>>runCommand(r -> new Define("Model (2030)", List.of("Drama"), null, null,
        null, STOCK, now, r));
    product.<StatusReply<ProductEntity.SaleStockView>>runCommand(r -> new AllocateSale("s1", STOCK, new BigDecimal("3.00"),
        LIMIT, "code", now.minusSeconds(60), now.plusSeconds(3600), now, r));

    // Every order of this test has the same payment deadline; the expiry runs just past it.
    Instant deadline = now.plus(SETTINGS.paymentTimeout());
    Instant overdue = deadline.plusSeconds(1);
    Random random = new Random(seed);
    Model model = new Model();
    int nextOrder = 0;
    for (int step = 0; step < 300; step++) {
      int kind = random.nextInt(10);
      if (kind < 6 || model.owner.isEmpty()) {
        // Payments and releases of earlier orders (possibly one twice) come first in a batch, then its reservations.
        List<String> existing = sorted(model.owner.keySet());
        List<Settlement> settlements = new ArrayList<>();
        List<TestProbe<StatusReply<Order>>> settled = new ArrayList<>();
        List<String> expectedSettled = new ArrayList<>();
        for (int i = existing.isEmpty() ? 0 : random.nextInt(4); i > 0; i--) {
          String orderId = existing.get(random.nextInt(existing.size()));
          String user = model.owner.get(orderId);
          TestProbe<StatusReply<Order>> probe = testKit.createTestProbe();
          boolean pay = random.nextBoolean();
          settlements.add(pay ? new Pay("s1", orderId, user, now, probe.getRef())
              : new Release("s1", orderId, user, "cancelled", now, probe.getRef()));
          settled.add(probe);
          expectedSettled.add(pay ? model.pay(orderId) : model.release(orderId));
        }
        // Sometimes the expiry of every unpaid order, after the batch's payments and before its reservations.
        TestProbe<StatusReply<Expiry>> expiry = testKit.createTestProbe();
        List<ExpireDue> expiries = random.nextInt(6) == 0
            ? List.of(new ExpireDue("s1", overdue, Integer.MAX_VALUE, expiry.getRef())) : List.of();
        int expired = expiries.isEmpty() ? 0 : model.expireAll();
        List<Reserve> reserves = new ArrayList<>();
        List<TestProbe<StatusReply<Order>>> probes = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = random.nextInt(8) + 1; i > 0; i--) {
          boolean again = !model.owner.isEmpty() && random.nextInt(8) == 0;
          String orderId = again ? pick(random, model.owner) : "o" + nextOrder++;
          String user = again ? model.owner.get(orderId) : "u" + random.nextInt(60);
          int units = random.nextInt(10) == 0 ? 3 : random.nextInt(LIMIT) + 1;
          boolean rightCode = random.nextInt(15) != 0;
          TestProbe<StatusReply<Order>> probe = testKit.createTestProbe();
          reserves.add(new Reserve("s1", orderId, user, units, rightCode ? "code" : "wrong", null, probe.getRef()));
          probes.add(probe);
          expected.add(model.reserve(orderId, user, units, rightCode));
        }
        product.<BatchWritten>runCommand(r -> new OrderBatch(reserves, settlements, expiries, now, r));
        if (!expiries.isEmpty()) {
          Expiry answer = expiry.receiveMessage().getValue();
          assertEquals(expired, answer.released(), "step " + step);
          assertEquals(model.unpaid(), answer.unpaid(), "step " + step + ": the batch's reservations wait for payment");
        }
        for (int i = 0; i < settled.size(); i++) {
          assertEquals(expectedSettled.get(i), refusal(settled.get(i).receiveMessage()), "step " + step + ", " + settlements.get(i));
        }
        for (int i = 0; i < probes.size(); i++) {
          assertEquals(expected.get(i), refusal(probes.get(i).receiveMessage()), "step " + step + ", " + reserves.get(i));
        }
      } else if (kind == 9 && random.nextBoolean()) {
        // A few of the unpaid orders expire: which ones is the entity's choice, each must be unpaid.
        int max = random.nextInt(3) + 1;
        long unpaid = model.unpaid();
        var result = product.<StatusReply<Expiry>>runCommand(r -> new ExpireDue("s1", overdue, max, r));
        assertEquals(Math.min(max, unpaid), result.reply().getValue().released(), "step " + step);
        for (Event event : result.events()) {
          OrdersReleased released = (OrdersReleased) event;
          assertEquals(List.of(ProductEntity.EXPIRED), released.reasons().stream().distinct().toList());
          for (String id : released.orderIds()) {
            assertEquals(OrderStatus.RESERVED, model.status.get(id), "step " + step + ": " + id + " was unpaid");
            model.release(id);
          }
        }
        assertEquals(model.unpaid(), result.reply().getValue().unpaid(), "step " + step);
        var early = product.<StatusReply<Expiry>>runCommand(r -> new ExpireDue("s1", deadline.minusMillis(1), 100, r));
        assertEquals(0, early.reply().getValue().released(), "nothing is due before its deadline");
      } else {
        String orderId = pick(random, model.owner);
        String user = model.owner.get(orderId);
        boolean pay = kind < 8;
        var result = product.<StatusReply<Order>>runCommand(r -> pay
            ? new Pay("s1", orderId, user, now, r)
            : new Release("s1", orderId, user, "cancelled", now, r));
        assertEquals(pay ? model.pay(orderId) : model.release(orderId), refusal(result.reply()), "step " + step);
      }
      if (step % 97 == 96) product.restart();
      assertSameBooks(model, product.getState().sales().get("s1"), step, deadline);
    }
  }

  private static void assertSameBooks(Model model, SaleStock sale, int step, Instant deadline) {
    String at = "after step " + step;
    assertEquals(model.unpaid(), sale.unpaid(), at);
    assertEquals(model.unpaid() == 0 ? null : deadline, sale.nextDue(), at);
    assertEquals(model.remaining, sale.remaining(), at);
    assertEquals(model.reserved, sale.reservedTotal(), at);
    assertEquals(model.released, sale.releasedTotal(), at);
    assertEquals(sale.allocated(), sale.remaining() + sale.reservedTotal() - sale.releasedTotal(), at);
    assertEquals(model.buyers, sale.buyers(), at);
    Map<String, OrderStatus> statuses = new HashMap<>();
    sale.orders().forEach((id, order) -> statuses.put(id, order.status()));
    assertEquals(model.status, statuses, at);
  }

  private static String pick(Random random, Map<String, String> owners) {
    List<String> ids = sorted(owners.keySet());
    return ids.get(random.nextInt(ids.size()));
  }

  private static List<String> sorted(java.util.Collection<String> ids) {
    List<String> list = new ArrayList<>(ids);
    list.sort(null);
    return list;
  }

  private static String refusal(StatusReply<?> reply) {
    if (reply.isSuccess()) return null;
    String message = reply.getError().getMessage();
    return message.substring(0, message.indexOf(':'));
  }
}
