package dev.actorshop.conf;

import akka.projection.jdbc.JdbcSession;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Connections for projections: offsets and the projections' own tables live in the journal's
 * database, so a handler's writes and its offset commit in one transaction (exactly-once).
 */
public final class ProjectionDatabase implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final String kind;

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
      return new Session(dataSource.getConnection());
    } catch (SQLException e) {
      throw new IllegalStateException("no database connection for a projection: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /** One transaction on one pooled connection: the unit akka-projection commits. */
  public static final class Session implements JdbcSession {
    private final Connection connection;

    private Session(Connection connection) {
      this.connection = connection;
    }

    @Override
    public <R> R withConnection(akka.japi.function.Function<Connection, R> func) throws Exception {
      return func.apply(connection);
    }

    @Override
    public void commit() throws SQLException {
      connection.commit();
    }

    @Override
    public void rollback() throws SQLException {
      connection.rollback();
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
