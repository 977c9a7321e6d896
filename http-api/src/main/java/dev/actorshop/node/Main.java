package dev.actorshop.node;

import dev.actorshop.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/actorshop}: one subcommand per job of the launcher contract. */
@Command(name = "actorshop", mixinStandardHelpOptions = true,
    description = "actorshop: an online shop backend with recommendations and flash sales, on Akka Cluster.",
    subcommands = {DemoCommand.class, NodeCommand.class, ImportCommand.class, GenerateCommand.class, OfflineCommand.class,
        BenchCommand.class})
public final class Main implements Runnable {
  /**
   * With the common pool's default parallelism (cores - 1) below 2, {@code CompletableFuture}'s
   * async callbacks without an executor, which Akka's Java API and its Scala-future adapters use,
   * start a new thread per callback. On a 2-core machine that was thousands of threads a second
   * under load. Set before anything touches the common pool; an explicit setting wins.
   */
  static {
    String parallelism = "java.util.concurrent.ForkJoinPool.common.parallelism";
    if (System.getProperty(parallelism) == null && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(parallelism, "2");
    }
  }

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new Main())
        .setExecutionExceptionHandler((error, cmd, parsed) -> {
          Throwable cause = error.getCause() != null && error instanceof IllegalStateException ? error.getCause() : error;
          cmd.getErr().println("actorshop: " + cause.getMessage());
          return 1;
        });
    System.exit(commandLine.execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
