package dev.actorshop.node;

import dev.actorshop.dataset.Generator;
import dev.actorshop.dataset.GeneratorSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/actorshop generate}: synthetic MovieLens-format data with planted structure (see dataset/README.md). */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write movies.csv, ratings.csv and tags.csv from a model with planted structure. Same seed, same files.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--users", defaultValue = "610", description = "users (default ${DEFAULT-VALUE})")
  int users;

  @Option(names = "--items", defaultValue = "3000", description = "items (default ${DEFAULT-VALUE})")
  int items;

  @Option(names = "--ratings", defaultValue = "100000", description = "ratings (default ${DEFAULT-VALUE})")
  long ratings;

  @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if missing)")
  Path out;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    new Generator(new GeneratorSettings(users, items, ratings, seed)).writeTo(out);
    System.out.printf("Wrote %,d users, %,d items, %,d ratings (seed %d) to %s in %.1f s%n",
        users, items, ratings, seed, out.toAbsolutePath().normalize(), (System.nanoTime() - started) / 1e9);
    return 0;
  }
}
