package dev.actorshop.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.testkit.FreePorts;
import dev.actorshop.testkit.TestMongo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Nodes for tests: loopback, free ports, a given data dir, cheap bcrypt, several per JVM. */
public final class TestNodes {
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  private TestNodes() {}

  public static Config config(Path dataDir, int remotePort, List<String> seeds, List<String> roles) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("actorshop.data-dir", dataDir.toString());
    settings.put("actorshop.http.port", FreePorts.next());
    settings.put("akka.management.http.port", FreePorts.next());
    settings.put("akka.remote.artery.canonical.port", remotePort);
    settings.put("akka.cluster.seed-nodes", seeds);
    settings.put("akka.cluster.roles", roles);
    settings.put("akka.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    settings.put("akka.cluster.split-brain-resolver.stable-after", "7s");
    settings.put("actorshop.user.bcrypt-cost", 4);
    settings.put("actorshop.admin.password", ADMIN_PASSWORD);
    settings.put("actorshop.mongo.embedded.port", 0);
    return ConfigFactory.parseMap(settings);
  }

  /** A one-node cluster with every role. */
  public static Config single(Path dataDir) {
    return config(dataDir, 0, List.of(), List.of("api", "entities", "recommender"));
  }

  /** Nodes of one cluster share a MongoDB: the test JVM's in-memory one, in a database of the test's own. */
  public static Config sharedMongo(String database) {
    return ConfigFactory.parseMap(Map.of("actorshop.mongo.uri", TestMongo.uri(), "actorshop.mongo.database", database));
  }

  public static String seed(int remotePort) {
    return "akka://" + Node.SYSTEM_NAME + "@127.0.0.1:" + remotePort;
  }
}
