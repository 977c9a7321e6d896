package dev.actorshop.node;

import akka.actor.AbstractExtensionId;
import akka.actor.ActorSystem;
import akka.actor.ExtendedActorSystem;
import akka.actor.Extension;
import akka.actor.ExtensionIdProvider;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * akka-management readiness check: a node is not ready until {@link Node#start} has finished, so
 * its HTTP API is bound and its projections run. Cluster membership alone comes seconds earlier.
 */
public final class StartedCheck implements Supplier<CompletionStage<Boolean>> {
  private final Started started;

  public StartedCheck(ActorSystem system) {
    this.started = StartedId.INSTANCE.get(system);
  }

  /** Called once the node serves. */
  static void markStarted(ActorSystem system) {
    StartedId.INSTANCE.get(system).value = true;
  }

  @Override
  public CompletionStage<Boolean> get() {
    return CompletableFuture.completedFuture(started.value);
  }

  private static final class Started implements Extension {
    volatile boolean value;
  }

  private static final class StartedId extends AbstractExtensionId<Started> implements ExtensionIdProvider {
    static final StartedId INSTANCE = new StartedId();

    @Override
    public Started createExtension(ExtendedActorSystem system) {
      return new Started();
    }

    @Override
    public StartedId lookup() {
      return INSTANCE;
    }
  }
}
