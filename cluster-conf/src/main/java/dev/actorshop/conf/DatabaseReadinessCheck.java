package dev.actorshop.conf;

import akka.actor.ActorSystem;
import akka.dispatch.MessageDispatcher;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * akka-management readiness check: the node is ready only while its database answers. Runs on the
 * blocking JDBC dispatcher, never on the default one.
 */
public final class DatabaseReadinessCheck implements Supplier<CompletionStage<Boolean>> {
  private final DatabaseSettings db;
  private final MessageDispatcher blocking;

  public DatabaseReadinessCheck(ActorSystem system) {
    this.db = DatabaseSettings.fromConfig(system.settings().config());
    this.blocking = system.dispatchers().lookup(Dispatchers.BLOCKING_JDBC);
  }

  @Override
  public CompletionStage<Boolean> get() {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Connection connection = db.connect()) {
            return connection.isValid(2);
          } catch (Exception e) {
            return false;
          }
        },
        blocking);
  }
}
