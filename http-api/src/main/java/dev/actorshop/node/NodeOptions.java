package dev.actorshop.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags every node-starting command shares. A flag that is given wins over the --config file,
 * which wins over environment variables and the defaults.
 */
final class NodeOptions {
  @Option(names = "--http-port", description = "HTTP API port (default 8080, env ACTORSHOP_HTTP_PORT)")
  Integer httpPort;

  @Option(names = "--port", description = "Akka remoting port (default 25520, env ACTORSHOP_REMOTE_PORT)")
  Integer remotePort;

  @Option(names = "--management-port",
      description = "akka-management port: health, readiness, members, shards (default 8558)")
  Integer managementPort;

  @Option(names = "--data-dir", description = "node data: the H2 database and the in-process MongoDB (default ./data, env ACTORSHOP_DATA_DIR)")
  Path dataDir;

  @Option(names = "--mongo-port",
      description = "port of the in-process MongoDB when MONGO_URI is not set (default 27117; 0: any free port)")
  Integer mongoPort;

  @Option(names = "--seeds", split = ",", paramLabel = "HOST:PORT",
      description = "seed nodes' remoting addresses; none: this node forms its own cluster")
  List<String> seeds;

  @Option(names = "--roles", split = ",", description = "cluster roles (default api,entities,recommender)")
  List<String> roles;

  @Option(names = "--config", paramLabel = "FILE",
      description = "HOCON layered over the defaults: a file, or a bundled name such as local1.conf")
  String configFile;

  Config toConfig() {
    Map<String, Object> flags = new HashMap<>();
    if (httpPort != null) flags.put("actorshop.http.port", httpPort);
    if (remotePort != null) flags.put("akka.remote.artery.canonical.port", remotePort);
    if (managementPort != null) flags.put("akka.management.http.port", managementPort);
    if (mongoPort != null) flags.put("actorshop.mongo.embedded.port", mongoPort);
    if (dataDir != null) flags.put("actorshop.data-dir", dataDir.toAbsolutePath().toString());
    if (seeds != null) {
      flags.put("akka.cluster.seed-nodes", seeds.stream().map(NodeOptions::seedAddress).toList());
    }
    if (roles != null) flags.put("akka.cluster.roles", roles);
    return ConfigFactory.parseMap(flags).withFallback(configFileOrEmpty());
  }

  private Config configFileOrEmpty() {
    if (configFile == null) return ConfigFactory.empty();
    File file = new File(configFile);
    if (file.isFile()) return ConfigFactory.parseFile(file);
    Config bundled = ConfigFactory.parseResourcesAnySyntax(configFile);
    if (bundled.isEmpty()) {
      throw new IllegalArgumentException("--config " + configFile + ": no such file or bundled config");
    }
    return bundled;
  }

  private static String seedAddress(String hostPort) {
    String[] parts = hostPort.trim().split(":");
    if (parts.length != 2 || !parts[1].chars().allMatch(Character::isDigit) || parts[0].isEmpty()) {
      throw new IllegalArgumentException("--seeds wants HOST:PORT[,HOST:PORT...], got '" + hostPort + "'");
    }
    return "akka://" + Node.SYSTEM_NAME + "@" + String.join(":", Arrays.asList(parts));
  }
}
