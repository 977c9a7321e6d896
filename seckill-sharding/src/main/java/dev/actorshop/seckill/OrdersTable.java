package dev.actorshop.seckill;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import dev.actorshop.conf.Dispatchers;
import dev.actorshop.conf.ProjectionDatabase;
import dev.actorshop.product.ProductEntity.SaleStockView;
import dev.actorshop.product.SaleStock.Order;
import dev.actorshop.product.SaleStock.OrderStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Reads of the {@code orders} table (written by {@link OrdersProjection}) for the orders of settled
 * sales, which their products no longer hold; blocking JDBC on the executor given.
 */
public final class OrdersTable {
  private final ProjectionDatabase db;
  private final Executor blocking;

  public OrdersTable(ActorSystem<?> system, ProjectionDatabase db) {
    this.db = db;
    this.blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig(Dispatchers.BLOCKING_JDBC));
  }

  /** The order as its row says, if there is one. */
  CompletionStage<Optional<Order>> find(String saleId, String productId, String orderId) {
    return CompletableFuture.supplyAsync(() -> db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT user_id, quantity, price, status, reason, reserved_at, "
          + "expires_at, closed_at FROM orders WHERE sale_id = ? AND product_id = ? AND order_id = ?")) {
        ps.setString(1, saleId);
        ps.setString(2, productId);
        ps.setString(3, orderId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.<Order>empty();
          Timestamp closedAt = rs.getTimestamp(8);
          return Optional.of(new Order(orderId, saleId, productId, rs.getString(1), rs.getInt(2), rs.getBigDecimal(3),
              rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), OrderStatus.valueOf(rs.getString(4)),
              rs.getString(5), closedAt == null ? null : closedAt.toInstant()));
        }
      }
    }), blocking);
  }

  /**
   * Whether the table holds the whole of a sale item as its product's figures say: every unit
   * reserved and released is in a row, and no row is still reserved (the projection has caught up).
   */
  CompletionStage<Boolean> caughtUp(SaleStockView item) {
    return CompletableFuture.supplyAsync(() -> db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(quantity), 0), "
          + "COALESCE(SUM(CASE WHEN status = 'RELEASED' THEN quantity ELSE 0 END), 0), "
          + "COALESCE(SUM(CASE WHEN status = 'RESERVED' THEN 1 ELSE 0 END), 0) "
          + "FROM orders WHERE sale_id = ? AND product_id = ?")) {
        ps.setString(1, item.saleId());
        ps.setString(2, item.productId());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1) == item.reserved() && rs.getLong(2) == item.released() && rs.getLong(3) == 0;
        }
      }
    }), blocking);
  }
}
