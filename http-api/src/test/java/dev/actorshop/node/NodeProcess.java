package dev.actorshop.node;

import static org.awaitility.Awaitility.await;

import dev.actorshop.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A node in a child JVM, started the way bin/actorshop starts it, so a test can kill -9 it. */
final class NodeProcess implements AutoCloseable {
  private final Process process;
  final InetSocketAddress http;
  final Path log;

  private NodeProcess(Process process, InetSocketAddress http, Path log) {
    this.process = process;
    this.http = http;
    this.log = log;
  }

  /** {@code actorshop node} on the data dir, returned once /ready answers 200. */
  static NodeProcess start(Path dataDir) {
    return start(dataDir, null);
  }

  /** The same with an admin account ({@code adminPassword} null: none). */
  static NodeProcess start(Path dataDir, String adminPassword) {
    int managementPort = FreePorts.next();
    NodeProcess node = launch("node", dataDir, managementPort, List.of(), adminPassword);
    node.awaitReady(managementPort);
    return node;
  }

  /** {@code actorshop demo} on the data dir, returned once it has printed its banner. */
  static NodeProcess demo(Path dataDir) {
    // A small generated data set keeps the demo's import short.
    NodeProcess node = launch("demo", dataDir, FreePorts.next(), List.of("--generate-ratings", "3000"), null);
    await("demo banner (log: " + node.log + ")").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          if (!node.process.isAlive()) throw new AssertionError("demo exited; see " + node.log);
          return node.output().contains("curl");
        });
    return node;
  }

  private static NodeProcess launch(String command, Path dataDir, int managementPort, List<String> extraArgs,
                                    String adminPassword) {
    int httpPort = FreePorts.next();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    try {
      Files.createDirectories(dataDir);
      Path log = Files.createTempFile(dataDir, command + "-", ".log");
      List<String> args = new ArrayList<>(List.of(
          java.toString(), "-Xmx256m", "-Dactorshop.user.bcrypt-cost=4",
          "-cp", System.getProperty("java.class.path"), Main.class.getName(), command,
          "--data-dir", dataDir.toString(), "--http-port", String.valueOf(httpPort),
          "--port", String.valueOf(FreePorts.next()), "--management-port", String.valueOf(managementPort),
          "--mongo-port", "0"));
      args.addAll(extraArgs);
      ProcessBuilder builder = new ProcessBuilder(args)
          .directory(dataDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().remove("ACTORSHOP_ADMIN_PASSWORD");
      if (adminPassword != null) builder.environment().put("ACTORSHOP_ADMIN_PASSWORD", adminPassword);
      return new NodeProcess(builder.start(), new InetSocketAddress("127.0.0.1", httpPort), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything the process has printed so far. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady(int managementPort) {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/ready"))
        .timeout(Duration.ofSeconds(2)).build();
    await("node process ready (log: " + log + ")").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> {
          if (!process.isAlive()) throw new AssertionError("node process exited; see " + log);
          return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
