package dev.actorshop.seckill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SaleIdsTest {
  @Test
  void anOrderIdNamesItsSaleAndProductAndIsUnique() {
    String saleId = SaleIds.newSaleId();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) ids.add(SaleIds.newOrderId(saleId, "m-42.b"));
    assertEquals(10_000, ids.size());
    String id = ids.iterator().next();
    SaleIds.OrderRef ref = SaleIds.parseOrderId(id).orElseThrow();
    assertEquals(saleId, ref.saleId());
    assertEquals("m-42.b", ref.productId());
    assertTrue(SaleIds.parseOrderId(saleId + "-m1-" + "a".repeat(16)).isPresent(), "ids of the first format still parse");
    assertTrue(SaleIds.parseOrderId(saleId + "-m1-short").isEmpty());
    assertTrue(SaleIds.parseOrderId("not an order").isEmpty());
  }

  /** Later orders sort after earlier ones, so the orders table's key index grows at its end. */
  @Test
  void orderIdsOfLaterMillisecondsSortLater() throws InterruptedException {
    String first = SaleIds.newOrderId("s1234", "p");
    long started = System.currentTimeMillis();
    while (System.currentTimeMillis() == started) Thread.onSpinWait();
    String later = SaleIds.newOrderId("s1234", "p");
    assertTrue(first.compareTo(later) < 0, first + " then " + later);
    assertNotEquals(first.substring(first.length() - 12), later.substring(later.length() - 12));
  }
}
