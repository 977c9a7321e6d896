package dev.actorshop.conf;

import akka.actor.typed.ActorSystem;
import akka.cluster.sharding.typed.ShardedDaemonProcessSettings;
import akka.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import akka.projection.Projection;
import akka.projection.ProjectionBehavior;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one projection instance per event tag, spread over the cluster's nodes of one role and
 * moved when nodes come and go (ShardedDaemonProcess). The number of tags never changes once
 * events exist, so neither does the number of instances.
 */
public final class TaggedProjections {
  private TaggedProjections() {}

  public static void start(ActorSystem<?> system, String name, String role, List<String> tags,
                           Function<String, Projection<?>> projectionForTag) {
    ShardedDaemonProcess.get(system).init(
        ProjectionBehavior.Command.class,
        name,
        tags.size(),
        index -> ProjectionBehavior.create(projectionForTag.apply(tags.get(index))),
        ShardedDaemonProcessSettings.create(system).withRole(role),
        Optional.of(ProjectionBehavior.stopMessage()));
  }
}
