package dev.actorshop.node;

import dev.actorshop.importer.MovieLensImporter;
import dev.actorshop.importer.ProgressBarListener;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/actorshop import --data DIR --to URL}: a MovieLens-format folder into a running node. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Stream a MovieLens-format folder (movies.csv, tags.csv, ratings.csv) into a running node "
        + "through its admin bulk endpoints. Needs ACTORSHOP_ADMIN_PASSWORD. Safe to re-run.")
final class ImportCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "DIR", description = "the MovieLens-format folder")
  Path data;

  @Option(names = "--to", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
      description = "any node's HTTP address (default ${DEFAULT-VALUE})")
  URI to;

  @Option(names = "--rows-per-request", defaultValue = "10000", description = "rows per request (default ${DEFAULT-VALUE})")
  int rowsPerRequest;

  @Option(names = "--requests-in-flight", defaultValue = "2", description = "concurrent requests (default ${DEFAULT-VALUE})")
  int requestsInFlight;

  @Override
  public Integer call() throws Exception {
    String password = System.getenv().getOrDefault("ACTORSHOP_ADMIN_PASSWORD", "");
    if (password.isEmpty()) {
      throw new IllegalArgumentException("set ACTORSHOP_ADMIN_PASSWORD to the node's admin password");
    }
    if (rowsPerRequest < 1 || requestsInFlight < 1) {
      throw new IllegalArgumentException("--rows-per-request and --requests-in-flight must be at least 1");
    }
    MovieLensImporter importer = new MovieLensImporter(to,
        new MovieLensImporter.Settings(rowsPerRequest, requestsInFlight, MovieLensImporter.Settings.DEFAULT.maxAttempts()),
        new ProgressBarListener(System.err));
    importer.importFolder(data, password);
    return 0;
  }
}
