package dev.actorshop.node;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bin/actorshop node}: one cluster node, running until it is stopped or leaves. */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Run one actorshop node (join a cluster with --seeds; PostgreSQL via ACTORSHOP_DB=postgres).")
final class NodeCommand implements Callable<Integer> {
  @Mixin NodeOptions options;

  @Override
  public Integer call() {
    Node node = Node.start(options.toConfig());
    node.system().getWhenTerminated().toCompletableFuture().join();
    return 0;
  }
}
