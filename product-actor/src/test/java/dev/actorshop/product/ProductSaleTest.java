package dev.actorshop.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.pattern.StatusReply;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import dev.actorshop.product.ProductEntity.AllocateSale;
import dev.actorshop.product.ProductEntity.ArchiveSale;
import dev.actorshop.product.ProductEntity.CancelSaleAllocation;
import dev.actorshop.product.ProductEntity.GetOrder;
import dev.actorshop.product.ProductEntity.SaleArchived;
import dev.actorshop.product.ProductEntity.BatchWritten;
import dev.actorshop.product.ProductEntity.Command;
import dev.actorshop.product.ProductEntity.Define;
import dev.actorshop.product.ProductEntity.Event;
import dev.actorshop.product.ProductEntity.ExpireDue;
import dev.actorshop.product.ProductEntity.Expiry;
import dev.actorshop.product.ProductEntity.OrdersReleased;
import dev.actorshop.product.ProductEntity.OrderBatch;
import dev.actorshop.product.ProductEntity.Pay;
import dev.actorshop.product.ProductEntity.Release;
import dev.actorshop.product.ProductEntity.Reserve;
import dev.actorshop.product.ProductEntity.Reserved;
import dev.actorshop.product.ProductEntity.SaleStockView;
import dev.actorshop.product.ProductEntity.SetStock;
import dev.actorshop.product.ProductEntity.State;
import dev.actorshop.product.SaleStock.Order;
import dev.actorshop.product.SaleStock.OrderStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A product's sale stock: allocation, reservations in batches, payment, release and expiry. */
class ProductSaleTest {
  private static final ProductSettings SETTINGS = EntityTests.SETTINGS;
  private static final BigDecimal PRICE = new BigDecimal("4.50");

  private static final ActorTestKit testKit = EntityTests.testKit();

  private EventSourcedBehaviorTestKit<Command, Event, State> product;
  private final Instant now = Instant.now();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void create() {
    product = EventSourcedBehaviorTestKit.create(testKit.system(), ProductEntity.create("p1", SETTINGS));
    product.<StatusReply<ProductEntity.Defined>>runCommand(replyTo -> new Define("Flash (2030)", List.of("Drama"), null,
        null, null, 10L, now, replyTo));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<Command, Event, State, StatusReply<SaleStockView>> allocate(
      String saleId, long quantity, Instant startsAt) {
    return product.runCommand(replyTo -> new AllocateSale(saleId, quantity, PRICE, 2, "code-" + saleId, startsAt,
        startsAt.plus(Duration.ofHours(1)), now, replyTo));
  }

  @Test
  void allocationTakesFreeStockOnceAndGuardsIt() {
    assertEquals("allocation", refusal(allocate("s1", 11, now.minusSeconds(60)).reply()));
    assertEquals(7, allocate("s1", 7, now.minusSeconds(60)).reply().getValue().remaining());
    var again = allocate("s1", 7, now.minusSeconds(60));
    assertTrue(again.hasNoEvents(), "the same allocation again changes nothing");
    assertEquals("allocation", refusal(allocate("s1", 6, now.minusSeconds(60)).reply()), "a different one is refused");
    assertEquals("allocation", refusal(allocate("s2", 4, now.minusSeconds(60)).reply()), "only 3 are free");
    var lower = product.<StatusReply<ProductEntity.ProductView>>runCommand(replyTo -> new SetStock(6, now, replyTo));
    assertTrue(lower.reply().getError().getMessage().contains("allocated to sales"), lower.reply().toString());
  }

  @Test
  void aBatchIsCheckedInOrderAndWrittenAsOneEvent() {
    allocate("s1", 3, now.minusSeconds(60));
    allocate("later", 1, now.plusSeconds(3600));
    List<TestProbe<StatusReply<Order>>> probes = new ArrayList<>();
    List<Reserve> reserves = new ArrayList<>();
    String[][] requests = {
        {"s1", "o1", "ann", "1", "code-s1"},
        {"s1", "o2", "ann", "1", "code-s1"},     // already bought (earlier in this batch)
        {"s1", "o3", "bob", "2", "code-s1"},
        {"s1", "o4", "cy", "1", "wrong"},        // wrong code
        {"s1", "o5", "dee", "3", "code-s1"},     // over the per-user limit of 2
        {"s1", "o6", "eve", "1", "code-s1"},     // sold out: 1 + 2 taken
        {"later", "o7", "fay", "1", "code-later"},  // not started
        {"nope", "o8", "gil", "1", "x"},         // no such sale
        {"s1", "o1", "zed", "1", "code-s1"}};    // ann's order id: never taken over
    for (String[] r : requests) {
      TestProbe<StatusReply<Order>> probe = testKit.createTestProbe();
      probes.add(probe);
      reserves.add(new Reserve(r[0], r[1], r[2], Integer.parseInt(r[3]), r[4], null, probe.getRef()));
    }
    var result = product.<BatchWritten>runCommand(replyTo -> new OrderBatch(reserves, List.of(), now, replyTo));
    assertEquals(2, result.reply().accepted());
    assertEquals(1, result.events().size(), "one event for the whole batch");
    Reserved reserved = (Reserved) result.event();
    assertEquals(List.of("o1", "o3"), reserved.orderIds());

    assertEquals(OrderStatus.RESERVED, probes.get(0).receiveMessage().getValue().status());
    List<String> refusals = List.of("already_bought", "wrong_code", "quantity", "sold_out", "not_started", "no_sale",
        "order_id_taken");
    int[] refused = {1, 3, 4, 5, 6, 7, 8};
    for (int i = 0; i < refused.length; i++) assertEquals(refusals.get(i), refusal(probes.get(refused[i]).receiveMessage()));
    assertEquals(2, probes.get(2).receiveMessage().getValue().quantity());

    SaleStock sale = result.state().sales().get("s1");
    assertEquals(0, sale.remaining());
    assertEquals(3, sale.reservedTotal());
    assertEquals(2, sale.buyers().size());
  }

  @Test
  void payReleaseAndExpiryKeepTheStockExact() {
    allocate("s1", 2, now.minusSeconds(60));
    Order ann = reserve("o1", "ann").getValue();
    Order bob = reserve("o2", "bob").getValue();
    assertEquals("sold_out", refusal(reserve("o3", "cy")));
    assertEquals(ann, reserve("o1", "ann").getValue(), "a repeated reservation answers the same order");
    assertEquals("order_id_taken", refusal(reserve("o1", "cy")), "another user never takes over an order id");

    var paid = product.<StatusReply<Order>>runCommand(r -> new Pay("s1", ann.orderId(), "ann", now, r));
    assertEquals(OrderStatus.PAID, paid.reply().getValue().status());
    assertTrue(product.<StatusReply<Order>>runCommand(r -> new Pay("s1", ann.orderId(), "ann", now, r)).hasNoEvents(),
        "paying twice changes nothing");
    assertEquals("already_paid", refusal(
        product.<StatusReply<Order>>runCommand(r -> new Release("s1", ann.orderId(), "ann", "cancelled", now, r)).reply()));
    assertEquals("unknown_order", refusal(
        product.<StatusReply<Order>>runCommand(r -> new Pay("s1", bob.orderId(), "ann", now, r)).reply()),
        "someone else's order looks like no order");

    assertEquals("not_due", refusal(product.<StatusReply<Order>>runCommand(
        r -> new Release("s1", bob.orderId(), null, ProductEntity.EXPIRED, now, r)).reply()));
    Instant overdue = bob.expiresAt().plusSeconds(1);
    assertEquals("payment_expired", refusal(
        product.<StatusReply<Order>>runCommand(r -> new Pay("s1", bob.orderId(), "bob", overdue, r)).reply()));
    var expired = product.<StatusReply<Order>>runCommand(
        r -> new Release("s1", bob.orderId(), null, ProductEntity.EXPIRED, overdue, r));
    assertEquals("expired", expired.reply().getValue().reason());
    assertTrue(product.<StatusReply<Order>>runCommand(
        r -> new Release("s1", bob.orderId(), null, ProductEntity.EXPIRED, overdue, r)).hasNoEvents(), "idempotent");

    SaleStock sale = expired.state().sales().get("s1");
    assertEquals(1, sale.remaining());
    assertEquals(sale.allocated(), sale.remaining() + sale.reservedTotal() - sale.releasedTotal());
    assertEquals(OrderStatus.RESERVED, reserve("o4", "bob").getValue().status(), "the freed slot and stock are bookable");

    State before = product.getState();
    product.restart();
    assertEquals(before, product.getState(), "snapshot (every 3 events) + the events after it = the same state");
    SaleStock recovered = product.getState().sales().get("s1");
    assertEquals(0, recovered.remaining());
    assertEquals(OrderStatus.PAID, recovered.orders().get(ann.orderId()).status());
    assertEquals(OrderStatus.RELEASED, recovered.orders().get(bob.orderId()).status());
    assertEquals("o4", recovered.buyers().get("bob"));
  }

  @Test
  void theProductExpiresItsOwnUnpaidOrdersWhenWoken() {
    allocate("s1", 3, now.minusSeconds(60));
    Order ann = reserve("o1", "ann").getValue();
    Order bob = reserve("o2", "bob").getValue();
    Order cy = reserve("o3", "cy").getValue();
    product.<StatusReply<Order>>runCommand(r -> new Pay("s1", ann.orderId(), "ann", now, r));

    var early = expire(bob.expiresAt().minusMillis(1), 10);
    assertTrue(early.hasNoEvents(), "nothing is due yet");
    assertEquals(new Expiry("s1", 0, 2, bob.expiresAt()), early.reply().getValue());

    Instant overdue = cy.expiresAt().plusSeconds(1);
    var first = expire(overdue, 1);
    assertEquals(1, first.reply().getValue().released(), "at most max per wake-up");
    assertEquals(1, first.reply().getValue().unpaid());
    OrdersReleased released = (OrdersReleased) first.event();
    assertEquals(List.of(ProductEntity.EXPIRED), released.reasons());
    var rest = expire(overdue, 10);
    assertEquals(new Expiry("s1", 1, 0, null), rest.reply().getValue(), "the paid order stays paid");
    assertTrue(expire(overdue, 10).hasNoEvents(), "nothing left to expire");

    SaleStock sale = rest.state().sales().get("s1");
    assertEquals(2, sale.remaining(), "the expired units are back on sale");
    assertEquals(java.util.Map.of("ann", ann.orderId()), sale.buyers(), "and their buyers may order again");
    assertEquals(OrderStatus.RELEASED, sale.orders().get(bob.orderId()).status());
    assertEquals("expired", sale.orders().get(cy.orderId()).reason());
    product.restart();
    assertEquals(0, product.getState().sales().get("s1").unpaid(), "the unpaid orders are rebuilt on recovery");
    assertEquals("no_sale", refusal(product.<StatusReply<Expiry>>runCommand(
        r -> new ExpireDue("nope", overdue, 10, r)).reply()));
  }

  @Test
  void aSettledSaleIsArchivedKeepingOnlyItsFigures() {
    allocate("s1", 3, now.minusSeconds(60));
    Order ann = reserve("o1", "ann").getValue();
    Order bob = reserve("o2", "bob").getValue();
    product.<StatusReply<Order>>runCommand(r -> new Pay("s1", ann.orderId(), "ann", now, r));
    Instant ended = product.getState().sales().get("s1").endsAt().plusSeconds(1);

    assertEquals("not_settled", refusal(archive(now).reply()), "the sale runs");
    assertEquals("not_settled", refusal(archive(ended).reply()), "bob has not paid yet");
    expire(ended, 10);
    var archived = archive(ended);
    assertTrue(archived.reply().isSuccess());
    assertEquals(new SaleArchived("p1", "s1", ended), archived.event());
    assertTrue(archive(ended).hasNoEvents(), "archiving again changes nothing");

    SaleStock sale = product.getState().sales().get("s1");
    assertTrue(sale.archived());
    assertEquals(0, sale.orders().size(), "the orders left the state");
    assertEquals(0, sale.buyers().size());
    assertEquals(List.of(3L, 2L, 2L, 1L), List.of(sale.allocated(), sale.remaining(), sale.reservedTotal(),
        sale.releasedTotal()), "the figures stay");
    assertEquals("archived", refusal(product.<StatusReply<Order>>runCommand(
        r -> new GetOrder("s1", ann.orderId(), "ann", r)).reply()), "its orders are read from the orders table");
    assertEquals("archived", refusal(product.<StatusReply<Order>>runCommand(
        r -> new Pay("s1", bob.orderId(), "bob", now, r)).reply()));
    assertEquals(new Expiry("s1", 0, 0, null), expire(ended, 10).reply().getValue());
    assertEquals("allocation", refusal(product.<StatusReply<akka.Done>>runCommand(
        r -> new CancelSaleAllocation("s1", ended, r)).reply()), "its stock stays sold");

    State before = product.getState();
    product.restart();
    assertEquals(before, product.getState(), "archived after recovery too (snapshot and events)");
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<Command, Event, State, StatusReply<akka.Done>> archive(
      Instant at) {
    return product.runCommand(r -> new ArchiveSale("s1", at, r));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<Command, Event, State, StatusReply<Expiry>> expire(
      Instant at, int max) {
    return product.runCommand(r -> new ExpireDue("s1", at, max, r));
  }

  private StatusReply<Order> reserve(String orderId, String user) {
    return product.<StatusReply<Order>>runCommand(
        replyTo -> new Reserve("s1", orderId, user, 1, "code-s1", null, replyTo)).reply();
  }

  private static String refusal(StatusReply<?> reply) {
    assertTrue(reply.isError(), "expected a refusal, got " + reply);
    String message = reply.getError().getMessage();
    return message.substring(0, message.indexOf(':'));
  }
}
