package dev.actorshop.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.persistence.typed.SnapshotAdapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.Serializers;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.product.ProductEntity.Catalogue;
import dev.actorshop.product.ProductEntity.State;
import dev.actorshop.product.SaleStock.Order;
import dev.actorshop.product.SaleStock.OrderStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The columnar snapshot through the node's real serializer: the same state back, in far fewer bytes. */
class ProductSnapshotTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(ConfigFactory.parseResources("serialization.conf").withFallback(ConfigFactory.load()));
  private final Serialization serialization = SerializationExtension.get(testKit.system().classicSystem());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aSnapshotRestoresTheStateItWasTakenFrom() {
    State state = saleWith(1000);
    SnapshotAdapter<State> adapter = ProductSnapshot.adapter("p1");

    byte[] snapshot = bytes(adapter.toJournal(state));
    State restored = adapter.fromJournal(read(snapshot, adapter.toJournal(state)));

    assertEquals(state, restored, "orders (reserved, paid, released, rebooked), buyers, times to the nanosecond");
    SaleStock sale = restored.sales().get("s1");
    assertEquals(sale.allocated(), sale.remaining() + sale.reservedTotal() - sale.releasedTotal());
    assertEquals("o-1000", sale.buyers().get("u-7"), "a buyer who released and ordered again holds the new order");
    assertEquals("cancelled", sale.orders().get("o-7").reason());

    byte[] stateItself = bytes(state);
    assertTrue(snapshot.length * 3 < stateItself.length,
        "columnar " + snapshot.length + " bytes against " + stateItself.length + " for the state's own shape");
  }

  @Test
  void aSnapshotOfTheOldShapeIsStillRead() {
    State state = saleWith(10);
    State old = (State) read(bytes(state), state);
    assertSame(old, ProductSnapshot.adapter("p1").fromJournal(old));
    assertEquals(state, old);
  }

  /** A sale of {@code n} orders by users u-0…: every 10th paid, every 10th (offset 7) released, u-7 rebooked. */
  private static State saleWith(int n) {
    Instant t0 = Instant.parse("2030-05-01T10:00:00.123456789Z");
    SaleStock sale = SaleStock.allocated("s1", n + 10, new BigDecimal("4.50"), 1, "code", t0, t0.plusSeconds(3600));
    for (int i = 0; i < n; i++) {
      Instant at = t0.plusNanos(1_001L * i);
      sale = sale.reserve(new Order("o-" + i, "s1", "p1", "u-" + i, 1, sale.price(), at,
          at.plus(Duration.ofMinutes(15)), OrderStatus.RESERVED, null, null));
      if (i % 10 == 0) sale = sale.paid("o-" + i, at.plusSeconds(5));
      if (i % 10 == 7) sale = sale.released("o-" + i, "cancelled", at.plusSeconds(9));
    }
    if (n > 7) {
      sale = sale.reserve(new Order("o-" + n, "s1", "p1", "u-7", 1, sale.price(), t0.plusSeconds(60),
          t0.plusSeconds(960), OrderStatus.RESERVED, null, null));
    }
    Catalogue catalogue = new Catalogue("Flash (2030)", List.of("Drama"), List.of("fast"), null, Map.of());
    return new State(catalogue, n + 20, Map.of("s1", sale), List.of("e1"), t0, t0.plusSeconds(61));
  }

  private byte[] bytes(Object o) {
    return serialization.serialize(o).get();
  }

  private Object read(byte[] bytes, Object like) {
    Serializer serializer = serialization.findSerializerFor(like);
    return serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, like)).get();
  }
}
