package dev.actorshop.node;

import com.typesafe.config.ConfigFactory;
import dev.actorshop.dataset.BadRowException;
import dev.actorshop.dataset.Generator;
import dev.actorshop.dataset.GeneratorSettings;
import dev.actorshop.dataset.MovieLensCsv;
import dev.actorshop.importer.MovieLensImporter;
import dev.actorshop.importer.ProgressBarListener;
import dev.actorshop.seckill.Sales;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.actorshop.user.UserException;
import dev.actorshop.user.Users;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/actorshop demo}: one node on embedded stores with a demo user, and what to type next.
 * Reuses an existing data dir, so a second run finds the first run's users and ratings.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a complete single node on embedded stores, with a demo user and example requests.")
final class DemoCommand implements Callable<Integer> {
  static final String DEMO_USER = "demo";
  static final String DEMO_PASSWORD = "demo-password";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final long SEED = 42;
  private static final Duration SALE_LEAD = Duration.ofSeconds(10);
  private static final long SALE_STOCK = 10;
  /** The printed requests' header: the shell fills in the demo user's token. */
  private static final String AUTH = " -H \"Authorization: Bearer $TOKEN\"";

  @Mixin NodeOptions options;

  @Option(names = "--data", paramLabel = "DIR",
      description = "a MovieLens-format folder to import (default: a generated catalogue and ratings)")
  Path data;

  @Option(names = "--generate-ratings", defaultValue = "100000", paramLabel = "N",
      description = "size of the generated data set when --data is not given (default ${DEFAULT-VALUE})")
  long generateRatings;

  @Override
  public Integer call() throws Exception {
    String adminPassword = System.getenv().getOrDefault("ACTORSHOP_ADMIN_PASSWORD", "");
    boolean generated = adminPassword.isEmpty();
    if (generated) adminPassword = randomPassword();
    if (options.dataDir == null) options.dataDir = Path.of("data");

    Node node = Node.start(options.toConfig().withFallback(
        ConfigFactory.parseMap(Map.of("actorshop.admin.password", adminPassword))));
    node.adminReady().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Users users = node.users();
    try {
      users.register(DEMO_USER, DEMO_PASSWORD).toCompletableFuture().join();
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof UserException taken && taken.reason() == UserException.Reason.USERNAME_TAKEN)) {
        throw e;
      }
    }
    String url = "http://" + node.httpAddress().getHostString() + ":" + node.httpAddress().getPort();
    Path dataSet = data != null ? data : generated(options.dataDir.resolve("generated"));
    importOnce(dataSet, url, adminPassword);
    String token = users.login(DEMO_USER, DEMO_PASSWORD).toCompletableFuture().join().token();
    List<MovieLensCsv.Movie> movies = firstMovies(dataSet);
    System.out.println(banner(url, token, adminPassword, generated) + productLines(url, movies)
        + saleLines(url, node, movies));
    node.system().getWhenTerminated().toCompletableFuture().join();
    return 0;
  }

  /** A generated data set of the requested size, written once per data dir. */
  private Path generated(Path root) throws IOException {
    int users = (int) Math.max(60, generateRatings / 165);
    int items = (int) Math.max(200, generateRatings / 33);
    Path dir = root.resolve(users + "u-" + items + "i-" + generateRatings + "r-seed" + SEED);
    if (!Files.isRegularFile(dir.resolve(MovieLensCsv.RATINGS_FILE))) {
      System.err.printf("Generating %,d ratings of %,d users on %,d items into %s%n", generateRatings, users, items, dir);
      new Generator(new GeneratorSettings(users, items, generateRatings, SEED)).writeTo(dir);
    }
    return dir;
  }

  /**
   * Imports the data set unless this data dir already holds exactly it (re-importing would change
   * nothing, but takes a while).
   */
  private void importOnce(Path dataSet, String url, String adminPassword) throws IOException, InterruptedException {
    Path marker = options.dataDir.resolve("imported.txt");
    String fingerprint = fingerprint(dataSet);
    if (Files.isRegularFile(marker) && Files.readString(marker).equals(fingerprint)) {
      System.err.println("Data set " + dataSet + " was imported before; delete " + marker + " to import it again.");
      return;
    }
    System.err.println("Importing " + dataSet.toAbsolutePath().normalize());
    new MovieLensImporter(URI.create(url), MovieLensImporter.Settings.DEFAULT, new ProgressBarListener(System.err))
        .importFolder(dataSet, adminPassword);
    Files.writeString(marker, fingerprint);
  }

  private static String fingerprint(Path dataSet) throws IOException {
    StringBuilder out = new StringBuilder(dataSet.toAbsolutePath().normalize().toString()).append('\n');
    for (String name : List.of(MovieLensCsv.MOVIES_FILE, MovieLensCsv.TAGS_FILE, MovieLensCsv.RATINGS_FILE)) {
      Path file = dataSet.resolve(name);
      if (Files.isRegularFile(file)) {
        out.append(name).append(' ').append(Files.size(file)).append(' ')
            .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
      }
    }
    return out.toString();
  }

  /** Up to 50 products of the imported data, for the banner's examples. */
  private static List<MovieLensCsv.Movie> firstMovies(Path dataSet) throws IOException {
    List<MovieLensCsv.Movie> movies = new ArrayList<>();
    try (var lines = Files.lines(dataSet.resolve(MovieLensCsv.MOVIES_FILE))) {
      lines.skip(1).limit(50).forEach(line -> {
        try {
          movies.add(MovieLensCsv.parseMovie(line));
        } catch (BadRowException e) {
          // not worth a line in the banner
        }
      });
    }
    return movies;
  }

  /** A few catalogue requests for products that exist in the imported data. */
  private static String productLines(String url, List<MovieLensCsv.Movie> movies) {
    if (movies.isEmpty()) return "";
    MovieLensCsv.Movie first = movies.get(0);
    String prefix = URLEncoder.encode(first.title().split(" ")[0], StandardCharsets.UTF_8);
    String category = first.genres().isEmpty() ? "Drama" : first.genres().get(0);
    return String.join("\n",
        "Catalogue:",
        "  curl -s '" + url + "/api/products?size=5'",
        "  curl -s '" + url + "/api/products?category=" + URLEncoder.encode(category, StandardCharsets.UTF_8) + "&size=5'",
        "  curl -s '" + url + "/api/products?q=" + prefix + "'",
        "  curl -s " + url + "/api/products/" + first.movieId(),
        movies.size() > 1 ? "  curl -s " + url + "/api/products/" + movies.get(1).movieId() : "",
        "");
  }

  /**
   * Opens a small flash sale on the first product (a new one each run, starting a few seconds
   * from now) and shows how a logged-in user buys from it: the purchase code, the order, the payment.
   */
  private static String saleLines(String url, Node node, List<MovieLensCsv.Movie> movies) throws Exception {
    if (movies.isEmpty()) return "";
    String productId = movies.get(0).movieId();
    Instant startsAt = node.sales().now().plus(SALE_LEAD).truncatedTo(ChronoUnit.SECONDS);
    Instant endsAt = startsAt.plus(Duration.ofHours(1));
    // The sale's units come out of the product's free stock: add them first, once per sale.
    node.products().adjustStock(productId, SALE_STOCK, "demo-sale-" + startsAt).toCompletableFuture()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    String saleId = node.sales().create(startsAt, endsAt,
            List.of(new Sales.ItemRequest(productId, SALE_STOCK, new BigDecimal("9.99"), 1)))
        .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS).saleId();
    String item = url + "/api/sales/" + saleId + "/products/" + productId;
    return String.join("\n",
        "Flash sale " + saleId + ": " + SALE_STOCK + " units of product " + productId + ", one per buyer, from "
            + startsAt + " to " + endsAt + " (a new one each run):",
        "  curl -s " + url + "/api/sales",
        "  CODE=$(curl -s " + item + "/code" + AUTH + " | sed 's/.*\"code\":\"\\([^\"]*\\)\".*/\\1/')",
        "  curl -s -X POST " + item + "/orders" + AUTH + " -d \"{\\\"code\\\":\\\"$CODE\\\"}\"",
        "  curl -s -X POST " + url + "/api/orders/ORDER_ID/pay" + AUTH + "    (ORDER_ID from the order's answer)",
        "");
  }

  private String banner(String url, String token, String adminPassword, boolean generated) {
    String adminSource = generated ? "generated for this run; set ACTORSHOP_ADMIN_PASSWORD to choose it"
        : "from ACTORSHOP_ADMIN_PASSWORD";
    return String.join("\n",
        "",
        "actorshop demo is up: " + url + "/api   (data in " + options.dataDir.toAbsolutePath().normalize()
            + "; Ctrl+C stops it)",
        "  demo user:  " + DEMO_USER + " / " + DEMO_PASSWORD + "   (logged in below; the token is valid until the next login)",
        "  admin user: admin / " + adminPassword + "   (" + adminSource + ")",
        "",
        "Try:",
        "  TOKEN=" + token,
        "  curl -s -X POST " + url + "/api/ratings" + AUTH + " -d '{\"productId\":\"1\",\"score\":4.5}'",
        "  curl -s -X POST " + url + "/api/clicks" + AUTH + " -d '{\"productId\":\"2\"}'",
        "  curl -s " + url + "/api/users/me" + AUTH,
        "  curl -s -X POST " + url + "/api/users -d '{\"username\":\"alice\",\"password\":\"correct-horse-1\"}'",
        "  curl -s -X POST " + url + "/api/sessions -d '{\"username\":\"alice\",\"password\":\"correct-horse-1\"}'",
        "  curl -s http://127.0.0.1:" + managementPort() + "/cluster/members",
        "");
  }

  private int managementPort() {
    return options.managementPort != null ? options.managementPort : 8558;
  }

  private static String randomPassword() {
    byte[] bytes = new byte[15];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
