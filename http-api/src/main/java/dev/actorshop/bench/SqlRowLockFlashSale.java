package dev.actorshop.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.actorshop.conf.DatabaseSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Baseline (c): the classic database flash sale, in the node's own database. One transaction per
 * order: insert the order (a unique (sale, user) index refuses a second one), then
 * {@code UPDATE ... SET stock = stock - 1 WHERE stock > 0} on the hot row; no row updated means
 * sold out and the transaction rolls back. Blocking JDBC on a pool of threads, as an application
 * server would run it; a transaction the database aborts for a conflict is retried.
 */
final class SqlRowLockFlashSale implements AutoCloseable {
  private static final int MAX_RETRIES = 20;

  private final HikariDataSource pool;
  private final ExecutorService threads;
  final LongAdder retries = new LongAdder();

  SqlRowLockFlashSale(DatabaseSettings db, int connections) throws SQLException {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(db.url());
    hikari.setUsername(db.user());
    hikari.setPassword(db.password());
    hikari.setMaximumPoolSize(connections);
    hikari.setAutoCommit(false);
    hikari.setPoolName("bench-sql-row-lock");
    this.pool = new HikariDataSource(hikari);
    this.threads = Executors.newFixedThreadPool(connections);
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS bench_sale_stock (sale_id VARCHAR(40) PRIMARY KEY, stock BIGINT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS bench_sale_orders (order_id VARCHAR(80) PRIMARY KEY,"
          + " sale_id VARCHAR(40) NOT NULL, user_id VARCHAR(64) NOT NULL)");
      s.execute("CREATE UNIQUE INDEX IF NOT EXISTS bench_sale_orders_buyer ON bench_sale_orders (sale_id, user_id)");
      c.commit();
    }
  }

  /** A sale's hot row. */
  void open(String saleId, long stock) throws SQLException {
    try (Connection c = pool.getConnection()) {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_sale_stock (sale_id, stock) VALUES (?, ?)")) {
        insert.setString(1, saleId);
        insert.setLong(2, stock);
        insert.executeUpdate();
      }
      c.commit();
    }
  }

  /** One order attempt: "accepted", "sold_out" or "already_bought". */
  CompletionStage<String> order(String saleId, String buyer, String orderId) {
    return CompletableFuture.supplyAsync(() -> {
      for (int attempt = 0; ; attempt++) {
        try {
          return once(saleId, buyer, orderId);
        } catch (SQLException e) {
          if (!isConflict(e) || attempt == MAX_RETRIES) throw new IllegalStateException(e.getMessage(), e);
          retries.increment();
        }
      }
    }, threads);
  }

  private String once(String saleId, String buyer, String orderId) throws SQLException {
    try (Connection c = pool.getConnection()) {
      try {
        try (PreparedStatement insert = c.prepareStatement(
            "INSERT INTO bench_sale_orders (order_id, sale_id, user_id) VALUES (?, ?, ?)")) {
          insert.setString(1, orderId);
          insert.setString(2, saleId);
          insert.setString(3, buyer);
          insert.executeUpdate();
        } catch (SQLException e) {
          c.rollback();
          if (isUniqueViolation(e)) return "already_bought";
          throw e;
        }
        try (PreparedStatement update = c.prepareStatement(
            "UPDATE bench_sale_stock SET stock = stock - 1 WHERE sale_id = ? AND stock > 0")) {
          update.setString(1, saleId);
          if (update.executeUpdate() == 0) {
            c.rollback();
            return "sold_out";
          }
        }
        c.commit();
        return ClosedLoop.ACCEPTED;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The books: stock left and orders recorded. */
  long[] books(String saleId) throws SQLException {
    try (Connection c = pool.getConnection();
         PreparedStatement s = c.prepareStatement("SELECT (SELECT stock FROM bench_sale_stock WHERE sale_id = ?),"
             + " (SELECT COUNT(*) FROM bench_sale_orders WHERE sale_id = ?)")) {
      s.setString(1, saleId);
      s.setString(2, saleId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        long[] books = {rs.getLong(1), rs.getLong(2)};
        c.rollback();
        return books;
      }
    }
  }

  /** PostgreSQL: 23505; H2: 23505 as well (duplicate key). */
  private static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** Serialization failure, deadlock, or H2's "concurrent update" / lock timeout. */
  private static boolean isConflict(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state) || e.getErrorCode() == 90131;
  }

  @Override
  public void close() {
    threads.shutdownNow();
    pool.close();
  }
}
