package dev.actorshop.conf;

/** Names of the dispatchers that blocking work runs on (defined in {@code dispatchers.conf}). */
public final class Dispatchers {
  /** JDBC calls of our own (schema, readiness, later the orders table). */
  public static final String BLOCKING_JDBC = "actorshop.blocking-jdbc-dispatcher";
  /** MongoDB driver calls (read-model queries). */
  public static final String MONGO = "actorshop.mongo-dispatcher";
  /** CPU-heavy work that must not hold the default dispatcher: password hashing. */
  public static final String CRYPTO = "actorshop.crypto-dispatcher";

  private Dispatchers() {}
}
