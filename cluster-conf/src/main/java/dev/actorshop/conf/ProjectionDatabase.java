package dev.actorshop.conf;

import akka.projection.jdbc.JdbcSession;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;

/**
 * Connections for projections: offsets and the projections' own tables live in the journal's
 * database, so a handler's writes and its offset commit in one transaction (exactly-once).
 */
public final class ProjectionDatabase implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final String kind;
  /** H2 answers two transactions updating one row with an error instead of a wait; see {@link Session#serialize()}. */
  private final Semaphore h2Writer = new Semaphore(1);

  public ProjectionDatabase(DatabaseSettings db, int poolSize) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(db.url());
    hikari.setUsername(db.user());
    hikari.setPassword(db.password());
    hikari.setMaximumPoolSize(poolSize);
    hikari.setMinimumIdle(1);
    hikari.setAutoCommit(false);
    hikari.setConnectionTimeout(3_000);
    // Start even when the database is briefly away; projections retry with backoff.
    hikari.setInitializationFailTimeout(-1);
    hikari.setPoolName("projections");
    this.dataSource = new HikariDataSource(hikari);
    this.kind = db.kind();
  }

  /** {@link NodeConfig#H2} or {@link NodeConfig#POSTGRES}, for the few statements that differ. */
  public String kind() {
    return kind;
  }

  public Session newSession() {
    try {
      return new Session(dataSource.getConnection(), kind.equals(NodeConfig.H2) ? h2Writer : null);
    } catch (SQLException e) {
      throw new IllegalStateException("no database connection for a projection: " + e.getMessage(), e);
    }
  }

  /** A read outside any projection (blocking: call it on the JDBC dispatcher). */
  public <T> T read(akka.japi.function.Function<Connection, T> query) {
    return transaction(query, false);
  }

  /** A write outside any projection, committed before it returns (blocking: call it on the JDBC dispatcher). */
  public <T> T write(akka.japi.function.Function<Connection, T> update) {
    return transaction(update, true);
  }

  private <T> T transaction(akka.japi.function.Function<Connection, T> work, boolean commit) {
    try (Session session = newSession()) {
      T result = session.withConnection(work);
      if (commit) session.commit();
      else session.rollback();
      return result;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /** One transaction on one pooled connection: the unit akka-projection commits. */
  public static final class Session implements JdbcSession, AutoCloseable {
    private final Connection connection;
    private final Semaphore writer;
    private boolean holdsWriter;

    private Session(Connection connection, Semaphore writer) {
      this.connection = connection;
      this.writer = writer;
    }

    /**
     * Makes this transaction the only one of its kind until it commits or rolls back. PostgreSQL
     * queues row locks by itself; H2 (always a single node) fails the second writer of a row
     * ("concurrent update"), so there the projections that share rows take turns.
     */
    public void serialize() throws InterruptedException {
      if (writer != null && !holdsWriter) {
        writer.acquire();
        holdsWriter = true;
      }
    }

    private void endTurn() {
      if (holdsWriter) {
        holdsWriter = false;
        writer.release();
      }
    }

    @Override
    public <R> R withConnection(akka.japi.function.Function<Connection, R> func) throws Exception {
      return func.apply(connection);
    }

    @Override
    public void commit() throws SQLException {
      try {
        connection.commit();
      } finally {
        endTurn();
      }
    }

    @Override
    public void rollback() throws SQLException {
      try {
        connection.rollback();
      } finally {
        endTurn();
      }
    }

    @Override
    public void close() throws SQLException {
      try {
        connection.close();
      } finally {
        endTurn();
      }
    }
  }
}
