package dev.actorshop.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.actorshop.contracts.OfflineResults.Runs;
import dev.actorshop.recall.Merge.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/actorshop offline} and the main class of the jar that {@code spark-submit} takes.
 * Prints a one-screen summary and, as its last line, the summary as one JSON object.
 */
@Command(name = "offline", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the offline recommendation jobs (statistics, content, item-CF, ALS, category affinity) "
        + "and writes their results to MongoDB as a new version; with --eval-out, evaluates them first on a time split.")
public final class OfflineMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(OfflineMain.class);

  @Option(names = "--data", paramLabel = "DIR", description = "Read a MovieLens-format folder instead of the Mongo read models.")
  Path data;

  @Option(names = "--mongo", paramLabel = "URI", defaultValue = "${env:ACTORSHOP_OFFLINE_MONGO_URI}",
      description = "MongoDB of the node: read models in, results out (database from the URI, else 'actorshop'). "
          + "A node passes it in ACTORSHOP_OFFLINE_MONGO_URI, so credentials stay off the command line.")
  String mongo;

  @Option(names = "--mongo-database", paramLabel = "NAME", description = "Database of --mongo (default: the URI's, else 'actorshop').")
  String mongoDatabase;

  @Option(names = "--eval-out", paramLabel = "FILE", description = "Write the evaluation JSON here and an HTML report next to it.")
  Path evalOut;

  @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--run-id", description = "Report progress into offline_runs/<id> (set by a node that launches the run).")
  String runId;

  @Option(names = "--neighbours", defaultValue = "50", description = "K of each item-item list (default ${DEFAULT-VALUE}).")
  int neighbours;

  @Option(names = "--user-top-n", defaultValue = "100", description = "Length of each user's ALS list (default ${DEFAULT-VALUE}).")
  int userTopN;

  @Option(names = "--list-size", defaultValue = "500", description = "Length of the statistics lists (default ${DEFAULT-VALUE}).")
  int listSize;

  @Option(names = "--recent-window", defaultValue = "20", description = "Latest ratings the neighbour paths score from (default ${DEFAULT-VALUE}).")
  int recentWindow;

  @Option(names = "--itemcf-max-per-user", defaultValue = "200", description = "Latest ratings per user item-CF counts (default ${DEFAULT-VALUE}).")
  int itemCfMaxPerUser;

  @Option(names = "--content-support", defaultValue = "50",
      description = "m of the content neighbours' support weight n/(n+m) (default ${DEFAULT-VALUE}).")
  double contentSupport;

  @Option(names = "--als-ranks", split = ",", defaultValue = "8,16", description = "ALS ranks to choose from (default ${DEFAULT-VALUE}).")
  List<Integer> alsRanks;

  @Option(names = "--als-reg", split = ",", defaultValue = "0.05,0.15", description = "ALS regParams to choose from (default ${DEFAULT-VALUE}).")
  List<Double> alsRegs;

  @Option(names = "--als-iterations", defaultValue = "10", description = "ALS iterations (default ${DEFAULT-VALUE}).")
  int alsIterations;

  @Option(names = "--als-popularity", defaultValue = "0.5", description = "β of the ALS lists' popularity prior, β·ln(1 + ratings) (default ${DEFAULT-VALUE}).")
  double alsPopularity;

  @Option(names = "--merge", split = ",", paramLabel = "PATH=WEIGHT",
      description = "Recall merge weights, e.g. als=1,itemcf=1,category=0.25,content=0.25,popularity=0.05 (the default).")
  Map<String, Double> merge;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of ALS (default ${DEFAULT-VALUE}).")
  long seed;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new OfflineMain());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException) {
        cmd.getErr().println("offline: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (data == null && mongo == null) {
      throw new IllegalArgumentException("give --data DIR (a MovieLens-format folder) or --mongo URI (the node's MongoDB), or both");
    }
    if (data != null && !Files.isDirectory(data)) {
      throw new IllegalArgumentException("--data " + data + " is not a directory");
    }
    OfflineSettings defaults = OfflineSettings.defaults();
    OfflineSettings settings = new OfflineSettings(neighbours, userTopN, listSize, recentWindow, itemCfMaxPerUser,
        defaults.shrinkage(), contentSupport, defaults.months(), defaults.categoriesPerUser(), alsRanks, alsRegs, alsIterations, alsPopularity, seed,
        merge == null ? defaults.merge() : Weights.fromMap(checkedMerge(merge)));
    try (MongoClient client = mongo == null ? null : MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(mongo))
        .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS)).build())) {
      Optional<MongoDatabase> db = Optional.ofNullable(client)
          .map(c -> c.getDatabase(mongoDatabase != null ? mongoDatabase : databaseOf(mongo)));
      RunStatus status = runId != null && db.isPresent() ? RunStatus.inMongo(db.get().getCollection(Runs.COLLECTION), runId) : RunStatus.NONE;
      String source = data != null ? data.toString() : redacted(mongo);
      SparkSession spark = session(master, runId == null);
      try {
        Map<String, Object> summary = OfflineRun.run(spark, new OfflineRun.Plan(Optional.ofNullable(data), db, source,
            Optional.ofNullable(evalOut), Optional.ofNullable(runId), settings), status);
        System.out.println(Summary.screen(summary));
        System.out.println(new ObjectMapper().writeValueAsString(summary));
        return 0;
      } finally {
        spark.stop();
      }
    }
  }

  private static Map<String, Double> checkedMerge(Map<String, Double> weights) {
    List<String> known = java.util.Arrays.stream(dev.actorshop.recall.RecallPath.values()).map(dev.actorshop.recall.RecallPath::key).toList();
    weights.keySet().forEach(k -> {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("--merge: unknown path '" + k + "' (known: " + String.join(", ", known) + ")");
      }
    });
    return weights;
  }

  static String databaseOf(String uri) {
    String db = new ConnectionString(uri).getDatabase();
    return db == null || db.isBlank() ? "actorshop" : db;
  }

  private static String redacted(String uri) {
    return uri.replaceAll("//[^@/]*@", "//***@");
  }

  /** A session for spark-submit (master from its conf) or a local one bound to the loopback; the console progress bar unless a node launched the run (its log is a file). */
  static SparkSession session(String master, boolean progressBar) {
    SparkConf conf = new SparkConf().setAppName("actorshop-offline");
    String chosen = master != null ? master : conf.get("spark.master", "local[*]");
    conf.setMaster(chosen);
    if (chosen.startsWith("local")) {
      int cores = Runtime.getRuntime().availableProcessors();
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(Math.max(2, 2 * cores)));
      conf.setIfMissing("spark.ui.enabled", "false");
    }
    conf.setIfMissing("spark.ui.showConsoleProgress", Boolean.toString(progressBar));
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    return SparkSession.builder().config(conf).getOrCreate();
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
