package dev.actorshop.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import akka.persistence.testkit.PersistenceTestKitPlugin;
import akka.persistence.testkit.ProcessingSuccess$;
import akka.persistence.testkit.WriteEvents;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.product.ProductEntity.Command;
import dev.actorshop.product.ProductEntity.Reserved;
import dev.actorshop.product.SaleStock.Order;
import dev.actorshop.product.SaleStock.OrderStatus;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stampede on one product through its sharded face: many more buyers than stock, all at once.
 * Exactly the stock is sold, nobody holds two orders, and with group commit the reservations
 * share journal writes (without it, every order is its own write); so do the payments and
 * cancellations that follow.
 */
class GroupCommitTest {
  private static final ActorTestKit testKit = ActorTestKit.create(
      PersistenceTestKitPlugin.config()
          .withFallback(ConfigFactory.parseResources("serialization.conf"))
          .withFallback(ConfigFactory.load()));
  private static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @ParameterizedTest(name = "max batch {0}")
  @ValueSource(ints = {1, 2000})
  void exactlyTheStockIsSoldAndNobodyBuysTwice(int maxBatch) throws Exception {
    String id = "hot-" + maxBatch;
    int stock = 300;
    int buyers = 1_000;
    int requests = 2_000;   // every buyer tries twice
    ActorRef<Command> product = productOnSale(id, stock, maxBatch, Duration.ofSeconds(10));

    Map<String, String> orderOfBuyer = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    List<CompletableFuture<?>> all = new ArrayList<>(requests);
    for (int i = 0; i < requests; i++) {
      String buyer = "u" + (i % buyers);
      String orderId = "o" + i;
      all.add(AskPattern.<Command, Order>askWithStatus(product,
              r -> new ProductEntity.Reserve("s1", orderId, buyer, 1, "c", null, r), Duration.ofSeconds(20),
              testKit.scheduler())
          .toCompletableFuture()
          .handle((order, error) -> {
            if (order != null) {
              if (orderOfBuyer.putIfAbsent(buyer, order.orderId()) != null) duplicates.incrementAndGet();
            } else {
              String message = error.getCause() != null ? error.getCause().getMessage() : error.getMessage();
              refusals.computeIfAbsent(message.substring(0, message.indexOf(':')), k -> new AtomicInteger())
                  .incrementAndGet();
            }
            return null;
          }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();

    assertEquals(stock, orderOfBuyer.size(), "exactly the stock is sold: " + refusals);
    assertEquals(0, duplicates.get());
    assertEquals(Set.of("sold_out", "already_bought"), refusals.keySet());
    assertEquals(requests - stock, refusals.values().stream().mapToInt(AtomicInteger::get).sum());

    List<Reserved> writes = journal.persistedInStorage("Product|" + id).stream()
        .filter(Reserved.class::isInstance).map(Reserved.class::cast).toList();
    Set<String> journaled = new HashSet<>();
    writes.forEach(w -> w.reservations().forEach(r -> journaled.add(r.orderId())));
    assertEquals(new HashSet<>(orderOfBuyer.values()), journaled, "every acknowledged order is in the journal");
    if (maxBatch == 1) {
      assertEquals(stock, writes.size(), "without group commit, one write per order");
    } else {
      assertTrue(writes.size() < stock / 2, "reservations share writes: " + writes.size() + " writes for " + stock);
    }

    ProductEntity.SaleStockView view = GroupCommitTest.<ProductEntity.SaleStockView>ask(product, r -> new ProductEntity.GetSaleStock("s1", r));
    assertEquals(0, view.remaining());
    assertEquals(stock, view.buyers());
  }

  @Test
  void aStampedeOfPaymentsAndCancellationsSharesWritesAndAppliesEachOnce() throws Exception {
    String id = "paid-hot";
    int orders = 400;
    ActorRef<Command> product = productOnSale(id, orders, 2000, Duration.ofSeconds(10));
    List<CompletableFuture<Order>> reserved = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      String n = String.valueOf(i);
      reserved.add(AskPattern.<Command, Order>askWithStatus(product,
          r -> new ProductEntity.Reserve("s1", "o" + n, "u" + n, 1, "c", null, r), Duration.ofSeconds(20),
          testKit.scheduler()).toCompletableFuture());
    }
    CompletableFuture.allOf(reserved.toArray(CompletableFuture[]::new)).get();

    AtomicInteger writes = new AtomicInteger();
    journal.withPolicy((persistenceId, operation) -> {
      if (persistenceId.equals("Product|" + id) && operation instanceof WriteEvents) writes.incrementAndGet();
      return ProcessingSuccess$.MODULE$;
    });
    // Every even order is paid twice, every odd one cancelled by its buyer; someone else's payment finds nothing.
    Map<String, CompletableFuture<Order>> answers = new ConcurrentHashMap<>();
    for (int i = 0; i < orders; i++) {
      String order = "o" + i;
      String buyer = "u" + i;
      if (i % 2 == 0) {
        answers.put(order + "/pay", settle(product, r -> new ProductEntity.Pay("s1", order, buyer, Instant.now(), r)));
        answers.put(order + "/again", settle(product, r -> new ProductEntity.Pay("s1", order, buyer, Instant.now(), r)));
      } else {
        answers.put(order + "/cancel", settle(product,
            r -> new ProductEntity.Release("s1", order, buyer, "cancelled", Instant.now(), r)));
      }
      answers.put(order + "/stranger", settle(product, r -> new ProductEntity.Pay("s1", order, "stranger", Instant.now(), r)));
    }
    CompletableFuture.allOf(answers.values().stream().map(f -> f.handle((o, e) -> o)).toArray(CompletableFuture[]::new)).get();
    journal.resetPolicy();

    answers.forEach((key, answer) -> {
      if (key.endsWith("/stranger")) {
        assertTrue(answer.isCompletedExceptionally(), key + " must be refused");
      } else {
        assertEquals(key.endsWith("/cancel") ? OrderStatus.RELEASED : OrderStatus.PAID, answer.join().status(), key);
      }
    });
    List<Object> events = journal.persistedInStorage("Product|" + id);
    List<String> paid = events.stream().filter(ProductEntity.OrdersPaid.class::isInstance)
        .flatMap(e -> ((ProductEntity.OrdersPaid) e).orderIds().stream()).toList();
    List<String> released = events.stream().filter(ProductEntity.OrdersReleased.class::isInstance)
        .flatMap(e -> ((ProductEntity.OrdersReleased) e).orderIds().stream()).toList();
    assertEquals(orders / 2, paid.size(), "each payment once");
    assertEquals(orders / 2, new HashSet<>(paid).size(), "each payment once");
    assertEquals(orders / 2, released.size(), "each cancellation once");
    assertEquals(orders / 2, new HashSet<>(released).size(), "each cancellation once");
    assertTrue(writes.get() < orders / 4, "payments and cancellations share writes: " + writes.get() + " writes for " + orders);
    ProductEntity.SaleStockView view = GroupCommitTest.<ProductEntity.SaleStockView>ask(product, r -> new ProductEntity.GetSaleStock("s1", r));
    assertEquals(orders / 2, view.remaining());
    assertEquals(orders / 2, view.released());
    assertEquals(orders / 2, view.buyers());
  }

  /** On a 2-core machine (as in CI) the common pool has one thread, and a CompletionStage callback then starts a thread of its own. */
  @Test
  void writesDoNotStartAThreadEach() throws Exception {
    String id = "no-threads";
    ActorRef<Command> product = productOnSale(id, 1000, 2000, Duration.ofSeconds(10));
    var threads = ManagementFactory.getThreadMXBean();
    long before = threads.getTotalStartedThreadCount();
    for (int i = 0; i < 200; i++) {   // one at a time: each reservation is a journal write of its own
      String n = String.valueOf(i);
      GroupCommitTest.<Order>ask(product, r -> new ProductEntity.Reserve("s1", "o" + n, "u" + n, 1, "c", null, r));
    }
    long started = threads.getTotalStartedThreadCount() - before;
    assertTrue(started < 50, started + " threads started for 200 writes");
  }

  @Test
  void aWriteThatNeverAnswersFreesTheWayAfterTheWriteTimeout() throws Exception {
    String id = "failing-write";
    ActorRef<Command> product = productOnSale(id, 10, 2000, Duration.ofSeconds(1));

    // The writer's journal fails this batch: it restarts and never answers the batch, nor its buyer.
    journal.failNextPersisted("Product|" + id);
    CompletableFuture<Order> lost = AskPattern.<Command, Order>askWithStatus(product,
        r -> new ProductEntity.Reserve("s1", "o1", "u1", 1, "c", null, r), Duration.ofSeconds(3),
        testKit.scheduler()).toCompletableFuture();
    ExecutionException timedOut = assertThrows(ExecutionException.class, lost::get);
    assertTrue(timedOut.getCause() instanceof TimeoutException, "the failed write's buyer gets no answer: " + timedOut);

    // The next reservation waits for the batch in flight until the write timeout frees the way.
    Order next = GroupCommitTest.<Order>ask(product, r -> new ProductEntity.Reserve("s1", "o2", "u2", 1, "c", null, r));
    assertEquals(OrderStatus.RESERVED, next.status());
    ProductEntity.SaleStockView view = GroupCommitTest.<ProductEntity.SaleStockView>ask(product, r -> new ProductEntity.GetSaleStock("s1", r));
    assertEquals(9, view.remaining(), "only the durable reservation holds stock");
    assertEquals(1, view.buyers());
  }

  @Test
  void aJournalFromBeforeGroupCommittedPaymentsStillRecovers() throws Exception {
    String id = "old-journal";
    Instant at = Instant.now();
    journal.persistForRecovery("Product|" + id, List.of(
        new ProductEntity.ProductDefined(id, new ProductEntity.Catalogue("Old", List.of("Drama"), List.of(), null, Map.of()), at),
        new ProductEntity.StockSet(id, 10, at),
        new ProductEntity.SaleAllocated(id, "s1", 5, BigDecimal.ONE, 1, "c", at.minusSeconds(1), at.plusSeconds(3600), at),
        new ProductEntity.Reserved(id, "s1", BigDecimal.ONE, at, at.plusSeconds(900), List.of("o1", "o2"),
            List.of("u1", "u2"), List.of(1, 1)),
        new ProductEntity.OrderPaid(id, "s1", "o1", "u1", at),
        new ProductEntity.ReservationReleased(id, "s1", "o2", "u2", 1, "cancelled", at)));
    ActorRef<Command> product = testKit.spawn(GroupCommit.create(id, EntityTests.SETTINGS));
    ProductEntity.SaleStockView view = GroupCommitTest.<ProductEntity.SaleStockView>ask(product, r -> new ProductEntity.GetSaleStock("s1", r));
    assertEquals(4, view.remaining());
    assertEquals(2, view.reserved());
    assertEquals(1, view.released());
    assertEquals(OrderStatus.PAID, GroupCommitTest.<Order>ask(product, r -> new ProductEntity.GetOrder("s1", "o1", null, r)).status());
    Order released = GroupCommitTest.<Order>ask(product, r -> new ProductEntity.GetOrder("s1", "o2", null, r));
    assertEquals(OrderStatus.RELEASED, released.status());
    assertEquals("cancelled", released.reason());
  }

  /** A product with {@code stock} units all in sale {@code s1} (code {@code c}, one per buyer), running now. */
  private static ActorRef<Command> productOnSale(String id, int stock, int maxBatch, Duration writeTimeout) throws Exception {
    ProductSettings settings = new ProductSettings(1000, 2, Duration.ofSeconds(10), Duration.ofMinutes(15),
        new ProductSettings.GroupCommitSettings(maxBatch, 10_000, writeTimeout));
    ActorRef<Command> product = testKit.spawn(GroupCommit.create(id, settings));
    Instant now = Instant.now();
    GroupCommitTest.<ProductEntity.Defined>ask(product, r -> new ProductEntity.Define("Hot", List.of("Drama"), null, null, null, (long) stock, now, r));
    GroupCommitTest.<ProductEntity.SaleStockView>ask(product, r -> new ProductEntity.AllocateSale("s1", stock, BigDecimal.ONE, 1, "c", now.minusSeconds(1),
        now.plusSeconds(3600), now, r));
    return product;
  }

  private static CompletableFuture<Order> settle(ActorRef<Command> product,
                                                 akka.japi.function.Function<ActorRef<akka.pattern.StatusReply<Order>>, Command> command) {
    return AskPattern.askWithStatus(product, command, Duration.ofSeconds(20), testKit.scheduler()).toCompletableFuture();
  }

  private static <T> T ask(ActorRef<Command> product,
                           akka.japi.function.Function<ActorRef<akka.pattern.StatusReply<T>>, Command> command)
      throws Exception {
    return AskPattern.askWithStatus(product, command, Duration.ofSeconds(10), testKit.scheduler())
        .toCompletableFuture().get();
  }
}
