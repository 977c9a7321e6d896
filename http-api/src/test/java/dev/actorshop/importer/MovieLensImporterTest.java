package dev.actorshop.importer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.actorshop.contracts.ReadModels.Ratings;
import dev.actorshop.dataset.Generator;
import dev.actorshop.dataset.GeneratorSettings;
import dev.actorshop.dataset.MovieLensCsv;
import dev.actorshop.node.Node;
import dev.actorshop.node.TestNodes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code import} command's client against a running node: bad rows by file and line, re-runs change nothing. */
class MovieLensImporterTest {
  private static Node node;
  private static URI base;

  /** The node's data; JUnit removes it after the class. */
  @TempDir
  static Path dataDir;

  @BeforeAll
  static void startNode() throws Exception {
    node = Node.start(TestNodes.single(dataDir));
    node.adminReady().toCompletableFuture().get(30, TimeUnit.SECONDS);
    base = URI.create("http://127.0.0.1:" + node.httpAddress().getPort());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  /** Collects what a terminal would show. */
  static final class Recorder implements MovieLensImporter.Listener {
    final List<String> badRows = Collections.synchronizedList(new ArrayList<>());
    final List<String> started = new ArrayList<>();
    long rowsDone;

    @Override
    public synchronized void fileStarted(String file, long rows) {
      started.add(file + "=" + rows);
    }

    @Override
    public synchronized void rowsDone(String file, long rows) {
      rowsDone += rows;
    }

    @Override
    public void badRow(String file, long line, String message) {
      badRows.add(file + ":" + line);
    }

    @Override
    public void fileDone(MovieLensImporter.FileReport report) {}
  }

  @Test
  void badRowsAreReportedByFileAndLineAcrossChunksAndARerunChangesNothing(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(MovieLensCsv.MOVIES_FILE),
        "movieId,title,genres\n501,First (2000),Drama\n502,Second (2001),Comedy\n503,,Drama\n");
    StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
    for (int i = 0; i < 25; i++) ratings.append("77,").append(500 + i % 3 + 1).append(",4.0,").append(1000 + i).append('\n');
    ratings.append("77,501,7.5,2000\n");                         // line 27: out of range
    ratings.append('\n');                                        // line 28: blank, skipped
    ratings.append("78,502,3.5,3000\n");                         // line 29
    ratings.append("oops\n");                                    // line 30: not a row
    Files.writeString(dir.resolve(MovieLensCsv.RATINGS_FILE), ratings.toString());

    // Four rows per request, two in flight: bad rows must still map back to their file lines.
    MovieLensImporter.Settings small = new MovieLensImporter.Settings(4, 2, 5);
    Recorder first = new Recorder();
    List<MovieLensImporter.FileReport> reports =
        new MovieLensImporter(base, small, first).importFolder(dir, TestNodes.ADMIN_PASSWORD);
    assertEquals(List.of("movies.csv:4", "ratings.csv:27", "ratings.csv:30"), sorted(first.badRows));
    assertEquals(List.of("movies.csv=3", "ratings.csv=28"), first.started);
    MovieLensImporter.FileReport ratingReport = reports.get(1);
    assertEquals(28, ratingReport.rows());
    assertEquals(2, ratingReport.rejected());
    // Two requests in flight may land out of order: a rating older than the one already stored
    // for its product is kept out (unchanged), so only the sum is fixed, and the newest wins.
    assertEquals(26, ratingReport.applied() + ratingReport.unchanged(), ratingReport.toString());
    assertTrue(ratingReport.applied() >= 4, ratingReport.toString());
    MongoCollection<Document> stored = node.mongo().database().getCollection(Ratings.COLLECTION);
    Map<String, Long> newest = Map.of(Ratings.idOf("ml-77", "501"), 1024_000L, Ratings.idOf("ml-77", "502"), 1022_000L,
        Ratings.idOf("ml-77", "503"), 1023_000L, Ratings.idOf("ml-78", "502"), 3000_000L);
    await("the newest rating of each product in the read model").atMost(Duration.ofSeconds(60))
        .until(() -> newest.equals(timestamps(stored, "ml-77", "ml-78")));

    Recorder again = new Recorder();
    List<MovieLensImporter.FileReport> rerun =
        new MovieLensImporter(base, small, again).importFolder(dir, TestNodes.ADMIN_PASSWORD);
    assertEquals(0, rerun.get(0).applied() + rerun.get(1).applied(), "a re-run changes nothing: " + rerun);
    assertEquals(first.badRows.size(), again.badRows.size());
  }

  @Test
  void aGeneratedDataSetArrivesWhole(@TempDir Path dir) throws Exception {
    new Generator(new GeneratorSettings(40, 120, 2_000, 5)).writeTo(dir);
    Recorder recorder = new Recorder();
    List<MovieLensImporter.FileReport> reports = new MovieLensImporter(base, MovieLensImporter.Settings.DEFAULT, recorder)
        .importFolder(dir, TestNodes.ADMIN_PASSWORD);
    assertEquals(List.of(), recorder.badRows);
    assertEquals(List.of("movies.csv", "tags.csv", "ratings.csv"), reports.stream().map(MovieLensImporter.FileReport::file).toList());
    assertEquals(2_000, reports.get(2).applied());
    assertEquals(120, reports.get(0).applied());

    MongoCollection<Document> ratings = node.mongo().database().getCollection(Ratings.COLLECTION);
    await("every generated rating in the read model").atMost(Duration.ofSeconds(60))
        .until(() -> ratings.countDocuments(new Document(Ratings.USER_ID, new Document("$regex", "^ml-\\d+$"))) >= 2_000);
  }

  @Test
  void aFolderWithoutRatingsOrAWrongPasswordStopsWithAClearMessage(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(MovieLensCsv.MOVIES_FILE), "movieId,title,genres\n1,A (2000),Drama\n");
    var missing = assertThrows(IllegalArgumentException.class,
        () -> new MovieLensImporter(base, MovieLensImporter.Settings.DEFAULT, new Recorder()).importFolder(dir, TestNodes.ADMIN_PASSWORD));
    assertTrue(missing.getMessage().contains("ratings.csv is missing"), missing.getMessage());
    Files.writeString(dir.resolve(MovieLensCsv.RATINGS_FILE), "userId,movieId,rating,timestamp\n");
    var denied = assertThrows(IllegalStateException.class,
        () -> new MovieLensImporter(base, MovieLensImporter.Settings.DEFAULT, new Recorder()).importFolder(dir, "wrong-password-1"));
    assertTrue(denied.getMessage().contains("admin login"), denied.getMessage());
  }

  private static Map<String, Long> timestamps(MongoCollection<Document> ratings, String... users) {
    Map<String, Long> byId = new HashMap<>();
    ratings.find(Filters.in(Ratings.USER_ID, users))
        .forEach(doc -> byId.put(doc.getString(Ratings.ID), doc.getLong(Ratings.TIMESTAMP)));
    return byId;
  }

  private static List<String> sorted(List<String> values) {
    List<String> copy = new ArrayList<>(values);
    Collections.sort(copy);
    return copy;
  }
}
