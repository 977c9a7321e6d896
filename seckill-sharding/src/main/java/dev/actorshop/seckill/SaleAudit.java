package dev.actorshop.seckill;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import dev.actorshop.conf.Dispatchers;
import dev.actorshop.conf.ProjectionDatabase;
import dev.actorshop.product.ProductEntity.SaleStockView;
import dev.actorshop.product.Products;
import dev.actorshop.seckill.SaleDirectory.Sale;
import dev.actorshop.seckill.SaleEntity.SaleItem;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The books of a sale, for operators and the benchmark: what each product entity holds (the
 * source of truth) next to what the orders table says, so oversold stock, duplicate buyers and
 * orders missing from the table show as numbers.
 */
public final class SaleAudit {
  /** One sale item. {@code balanced}: remaining + reserved − released = allocated. */
  public record ItemAudit(String productId, long allocated, long remaining, long reserved, long released,
                          boolean balanced, long orderRows, Map<String, Long> rowsByStatus, long liveRows,
                          long liveUnits, long liveBuyers) {
    /** Units held by live orders beyond the stock (never anything but 0). */
    public long oversold() {
      return Math.max(0, liveUnits - allocated);
    }

    /** Live orders held by a buyer who already holds one (never anything but 0). */
    public long duplicates() {
      return liveRows - liveBuyers;
    }
  }

  /** {@code store}: the database kind; {@code orderIds}: every order row of the sale, when asked for. */
  public record Report(String saleId, String store, List<ItemAudit> items, List<String> orderIds) {}

  private final Products products;
  private final SaleDirectory directory;
  private final ProjectionDatabase db;
  private final Executor blocking;

  public SaleAudit(ActorSystem<?> system, Products products, SaleDirectory directory, ProjectionDatabase db) {
    this.products = products;
    this.directory = directory;
    this.db = db;
    this.blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig(Dispatchers.BLOCKING_JDBC));
  }

  public CompletionStage<Report> audit(String saleId, boolean withOrderIds) {
    Sale sale = directory.find(saleId)
        .orElseThrow(() -> new SaleException(SaleException.Reason.NOT_FOUND, null, "no sale " + saleId));
    List<CompletableFuture<ItemAudit>> items = new ArrayList<>();
    for (SaleItem item : sale.items()) {
      // The entity first: a row written after this read can only add to the table's side.
      items.add(products.saleStock(item.productId(), saleId).toCompletableFuture()
          .thenApplyAsync(stock -> withRows(stock, saleId), blocking));
    }
    return CompletableFuture.allOf(items.toArray(CompletableFuture[]::new))
        .thenApplyAsync(done -> new Report(saleId, db.kind(), items.stream().map(CompletableFuture::join).toList(),
            withOrderIds ? orderIds(saleId) : null), blocking);
  }

  private ItemAudit withRows(SaleStockView stock, String saleId) {
    return db.read(c -> {
      Map<String, Long> byStatus = new TreeMap<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT status, COUNT(*) FROM orders WHERE sale_id = ? AND product_id = ? GROUP BY status")) {
        s.setString(1, saleId);
        s.setString(2, stock.productId());
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) byStatus.put(rs.getString(1), rs.getLong(2));
        }
      }
      long liveRows;
      long liveUnits;
      long liveBuyers;
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(quantity), 0),"
          + " COUNT(DISTINCT user_id) FROM orders WHERE sale_id = ? AND product_id = ? AND status <> 'RELEASED'")) {
        s.setString(1, saleId);
        s.setString(2, stock.productId());
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          liveRows = rs.getLong(1);
          liveUnits = rs.getLong(2);
          liveBuyers = rs.getLong(3);
        }
      }
      long rows = byStatus.values().stream().mapToLong(Long::longValue).sum();
      return new ItemAudit(stock.productId(), stock.allocated(), stock.remaining(), stock.reserved(),
          stock.released(), stock.remaining() + stock.reserved() - stock.released() == stock.allocated(),
          rows, byStatus, liveRows, liveUnits, liveBuyers);
    });
  }

  private List<String> orderIds(String saleId) {
    return db.read(c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT order_id FROM orders WHERE sale_id = ?")) {
        s.setString(1, saleId);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) ids.add(rs.getString(1));
        }
      }
      return ids;
    });
  }
}
