package dev.actorshop.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/actorshop bench <scenario>}: each scenario ends with one JSON line of figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; each ends with one JSON line of figures.",
    subcommands = {SeckillBench.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
