package dev.actorshop.node;

import com.typesafe.config.Config;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts spark-offline's {@code OfflineMain} in a child JVM. spark-offline's classpath (Spark,
 * its Jackson and netty) never meets the node's (Akka's), so it is a separate process, started
 * with {@code java @argfile} to keep the command line short.
 */
public final class OfflineLauncher {
  static final String JAR = "actorshop-offline.jar";
  static final String MAIN = "dev.actorshop.offline.OfflineMain";

  /** spark-offline's build is not where the launcher looks. */
  public static final class NotBuilt extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NotBuilt(String message) {
      super(message);
    }
  }

  private final Path home;
  private final List<String> javaOptions;

  public OfflineLauncher(Path home, List<String> javaOptions) {
    this.home = home;
    this.javaOptions = List.copyOf(javaOptions);
  }

  public static OfflineLauncher fromConfig(Config config) {
    Config c = config.getConfig("actorshop.offline");
    String home = c.getString("home");
    Path resolved = home.isBlank()
        ? Path.of(System.getProperty("actorshop.home", ".")).resolve("spark-offline").resolve("target")
        : Path.of(home);
    return new OfflineLauncher(resolved.toAbsolutePath().normalize(), c.getStringList("java-options"));
  }

  /** Whether the offline build is there; the message says where it was looked for. */
  public void requireBuilt() {
    if (!Files.isRegularFile(home.resolve(JAR)) || !Files.isDirectory(home.resolve("lib"))) {
      throw new NotBuilt("the offline jobs are not built: expected " + home.resolve(JAR) + " and "
          + home.resolve("lib") + " (run `mvn -DskipTests install`, or set actorshop.offline.home)");
    }
  }

  /** A child JVM running {@code OfflineMain args}, its output appended to {@code log}. */
  public ProcessBuilder command(List<String> args, Path argFileDir) throws IOException {
    requireBuilt();
    Files.createDirectories(argFileDir);
    List<String> argFile = new ArrayList<>(javaOptions);
    argFile.add("-cp");
    argFile.add(home.resolve(JAR) + File.pathSeparator + home.resolve("lib") + File.separator + "*");
    argFile.add(MAIN);
    argFile.addAll(args);
    Path file = Files.createTempFile(argFileDir, "offline-", ".args");
    Files.write(file, argFile.stream().map(OfflineLauncher::quoted).toList(), StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    return new ProcessBuilder(javaBinary(), "@" + file);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** An argfile token: quoted, with backslashes and quotes escaped. */
  private static String quoted(String arg) {
    return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
