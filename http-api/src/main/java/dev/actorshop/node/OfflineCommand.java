package dev.actorshop.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code bin/actorshop offline [--data DIR | --mongo URI] [--eval-out FILE] ...}: the offline jobs
 * in a child JVM ({@code local[*]}), which takes every argument; {@code offline --help} lists them.
 * {@code ACTORSHOP_OFFLINE_JAVA_OPTS} sets the child's JVM options (default {@code -Xmx2g}).
 */
@Command(name = "offline", description = "Runs the offline recommendation jobs on Spark (a child JVM); --help lists their options.")
public final class OfflineCommand implements Callable<Integer> {
  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    String options = System.getenv().getOrDefault("ACTORSHOP_OFFLINE_JAVA_OPTS", "-Xmx2g");
    OfflineLauncher launcher = new OfflineLauncher(
        Path.of(System.getProperty("actorshop.home", ".")).resolve("spark-offline").resolve("target").toAbsolutePath().normalize(),
        List.of(options.trim().split("\\s+")));
    Path argDir = Files.createTempDirectory("actorshop-offline");
    try {
      return launcher.command(args, argDir).inheritIO().start().waitFor();
    } finally {
      try (var files = Files.list(argDir)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(argDir);
    }
  }
}
