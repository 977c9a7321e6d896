package dev.actorshop.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actorshop.dataset.MovieLensCsv;
import dev.actorshop.dataset.MovieLensFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams a MovieLens-format folder into a running node through its admin bulk endpoints:
 * movies.csv (products), then tags.csv (optional), then ratings.csv. Each file is sent as CSV chunks
 * of whole lines with a few requests in flight; the node parses and applies them. Rows the node
 * rejects are reported with file and line, and the import goes on. A chunk answered 503 (or lost
 * on the way) is sent again, which is safe: every row is idempotent on the node.
 */
public final class MovieLensImporter {
  /** What the importer tells its user; the CLI draws a progress bar, tests collect. */
  public interface Listener {
    void fileStarted(String file, long rows);

    void rowsDone(String file, long rows);

    void badRow(String file, long line, String message);

    void fileDone(FileReport report);
  }

  public record FileReport(String file, long rows, long applied, long unchanged, long rejected, Duration took) {
    public double rowsPerSecond() {
      return rows / Math.max(took.toNanos() / 1e9, 1e-9);
    }
  }

  public record Settings(int rowsPerRequest, int requestsInFlight, int maxAttempts) {
    public static final Settings DEFAULT = new Settings(10_000, 2, 30);
  }

  private record Kind(String file, String endpoint, String header, boolean required) {}

  private static final List<Kind> KINDS = List.of(
      new Kind(MovieLensCsv.MOVIES_FILE, "products", MovieLensCsv.MOVIES_HEADER, true),
      new Kind(MovieLensCsv.TAGS_FILE, "tags", MovieLensCsv.TAGS_HEADER, false),
      new Kind(MovieLensCsv.RATINGS_FILE, "ratings", MovieLensCsv.RATINGS_HEADER, true));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Settings settings;
  private final Listener listener;
  private final HttpClient http;

  public MovieLensImporter(URI base, Settings settings, Listener listener) {
    this.base = base;
    this.settings = settings;
    this.listener = listener;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Logs in as admin and imports every file of {@code dir}; returns one report per file. */
  public List<FileReport> importFolder(Path dir, String adminPassword) throws IOException, InterruptedException {
    for (Kind kind : KINDS) {
      if (kind.required() && !Files.isRegularFile(dir.resolve(kind.file()))) {
        throw new IllegalArgumentException(dir.resolve(kind.file()) + " is missing: not a MovieLens-format folder");
      }
    }
    String token = login(adminPassword);
    List<FileReport> reports = new ArrayList<>();
    for (Kind kind : KINDS) {
      Path file = dir.resolve(kind.file());
      if (Files.isRegularFile(file)) reports.add(importFile(file, kind, token));
    }
    return reports;
  }

  private String login(String adminPassword) throws IOException, InterruptedException {
    String body = JSON.writeValueAsString(Map.of("username", "admin", "password", adminPassword));
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/api/sessions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("admin login at " + base + " failed (" + response.statusCode() + "): "
          + response.body() + " — is ACTORSHOP_ADMIN_PASSWORD the node's admin password?");
    }
    return JSON.readTree(response.body()).get("token").asText();
  }

  private FileReport importFile(Path file, Kind kind, String token) throws IOException, InterruptedException {
    long started = System.nanoTime();
    String name = file.getFileName().toString();
    listener.fileStarted(name, MovieLensFile.count(file));
    long[] totals = new long[4]; // rows, applied, unchanged, rejected
    Semaphore inFlight = new Semaphore(settings.requestsInFlight());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ExecutorService callbacks = Executors.newSingleThreadExecutor();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      StringBuilder chunk = new StringBuilder(kind.header()).append('\n');
      long[] fileLines = new long[settings.rowsPerRequest()];
      int rows = 0;
      long lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (lineNumber == 1 && MovieLensCsv.isHeader(line, kind.header())) continue;
        if (line.isBlank()) continue;
        chunk.append(line).append('\n');
        fileLines[rows++] = lineNumber;
        if (rows == fileLines.length) {
          pending.add(sendChunk(name, kind, token, chunk.toString(), fileLines.clone(), rows, inFlight, totals, failure, callbacks));
          chunk = new StringBuilder(kind.header()).append('\n');
          rows = 0;
        }
        if (failure.get() != null) break;
      }
      if (rows > 0 && failure.get() == null) {
        pending.add(sendChunk(name, kind, token, chunk.toString(), fileLines.clone(), rows, inFlight, totals, failure, callbacks));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    } finally {
      callbacks.shutdown();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("import of " + name + " stopped: " + failure.get().getMessage(), failure.get());
    }
    FileReport report = new FileReport(name, totals[0], totals[1], totals[2], totals[3],
        Duration.ofNanos(System.nanoTime() - started));
    listener.fileDone(report);
    return report;
  }

  private CompletableFuture<Void> sendChunk(String name, Kind kind, String token, String body, long[] fileLines, int rows,
                                            Semaphore inFlight, long[] totals, AtomicReference<Throwable> failure,
                                            ExecutorService callbacks) throws InterruptedException {
    inFlight.acquire();
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/admin/import/" + kind.endpoint()))
        .header("Content-Type", "text/csv; charset=utf-8")
        .header("Authorization", "Bearer " + token)
        .timeout(Duration.ofMinutes(5))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    return CompletableFuture.supplyAsync(() -> {
          try {
            return sendWithRetries(request);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
          }
        })
        .thenAcceptAsync(response -> {
          try {
            JsonNode report = JSON.readTree(response.body());
            totals[0] += report.get("rows").asLong();
            totals[1] += report.get("applied").asLong();
            totals[2] += report.get("unchanged").asLong();
            totals[3] += report.get("rejected").asLong();
            for (JsonNode error : report.get("errors")) {
              int bodyLine = error.get("line").asInt(); // line 1 is the header we added
              long line = bodyLine >= 2 && bodyLine - 2 < rows ? fileLines[bodyLine - 2] : -1;
              listener.badRow(name, line, error.get("message").asText());
            }
            long unlisted = report.get("rejected").asLong() - report.get("errors").size();
            if (unlisted > 0) listener.badRow(name, -1, unlisted + " more rejected rows in this chunk were not listed");
            listener.rowsDone(name, rows);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, callbacks)
        .handle((ok, error) -> {
          if (error != null) failure.compareAndSet(null, error.getCause() != null ? error.getCause() : error);
          inFlight.release();
          return null;
        });
  }

  /** Retries what is safe to retry (503, connection trouble) with a growing pause; anything else ends the import. */
  private HttpResponse<String> sendWithRetries(HttpRequest request) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 200) return response;
        if (response.statusCode() != 503 || attempt >= settings.maxAttempts()) {
          throw new IllegalStateException(request.uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
      } catch (ConnectException | java.net.http.HttpTimeoutException e) {
        if (attempt >= settings.maxAttempts()) throw e;
      }
      Thread.sleep(Math.min(200L * attempt, 2_000L));
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
