package dev.actorshop.node;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;

/**
 * One INFO line per membership change an operator cares about (up, unreachable, reachable again,
 * removed); Akka's own cluster chatter stays at WARN.
 */
final class MembershipLog {
  private MembershipLog() {}

  static Behavior<ClusterEvent.ClusterDomainEvent> create() {
    return Behaviors.setup(context -> {
      Cluster cluster = Cluster.get(context.getSystem());
      cluster.subscriptions().tell(Subscribe.create(context.getSelf(), ClusterEvent.ClusterDomainEvent.class));
      return Behaviors.receive(ClusterEvent.ClusterDomainEvent.class)
          .onMessage(ClusterEvent.MemberUp.class, e -> {
            context.getLog().info("Cluster member up: {} {}", e.member().address(), e.member().getRoles());
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.UnreachableMember.class, e -> {
            context.getLog().warn("Cluster member unreachable: {}", e.member().address());
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.ReachableMember.class, e -> {
            context.getLog().info("Cluster member reachable again: {}", e.member().address());
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberRemoved.class, e -> {
            context.getLog().info("Cluster member removed: {} (was {})", e.member().address(), e.previousStatus());
            return Behaviors.same();
          })
          .onAnyMessage(e -> Behaviors.same())
          .build();
    });
  }
}
