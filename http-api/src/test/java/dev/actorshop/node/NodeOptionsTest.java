package dev.actorshop.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.conf.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NodeOptionsTest {
  @TempDir Path dir;

  private static Config parse(String... args) {
    NodeCommand command = new NodeCommand();
    new CommandLine(command).parseArgs(args);
    return command.options.toConfig();
  }

  @Test
  void flagsBecomeTheNodesSettings() {
    Config config = parse("--http-port", "8081", "--port", "25521", "--management-port", "8559",
        "--data-dir", "data/n1", "--seeds", "127.0.0.1:25521,10.0.0.2:25522", "--roles", "api,entities");
    assertEquals(8081, config.getInt("actorshop.http.port"));
    assertEquals(25521, config.getInt("akka.remote.artery.canonical.port"));
    assertEquals(8559, config.getInt("akka.management.http.port"));
    assertEquals(Path.of("data/n1").toAbsolutePath().toString(), config.getString("actorshop.data-dir"));
    assertEquals(List.of("akka://actorshop@127.0.0.1:25521", "akka://actorshop@10.0.0.2:25522"),
        config.getStringList("akka.cluster.seed-nodes"));
    assertEquals(List.of("api", "entities"), config.getStringList("akka.cluster.roles"));
  }

  @Test
  void flagsWinOverTheConfigFileWhichIsLayeredOverDefaults() throws Exception {
    Path file = dir.resolve("node.conf");
    Files.writeString(file, "actorshop.http.port = 9999\nakka.management.http.port = 9998\n");
    Config config = parse("--config", file.toString(), "--http-port", "9000");
    assertEquals(9000, config.getInt("actorshop.http.port"));
    assertEquals(9998, config.getInt("akka.management.http.port"));
  }

  @Test
  void theBundledLocalClusterConfigsGiveThreeNodesDistinctValidPorts() {
    Set<Integer> ports = new HashSet<>();
    for (int i = 1; i <= 3; i++) {
      Config config = parse("--config", "local" + i + ".conf");
      assertEquals(8080 + i, config.getInt("actorshop.http.port"));
      assertEquals(25520 + i, config.getInt("akka.remote.artery.canonical.port"));
      assertEquals(8557 + i, config.getInt("akka.management.http.port"));
      assertEquals(List.of("akka://actorshop@127.0.0.1:25521", "akka://actorshop@127.0.0.1:25522"),
          config.getStringList("akka.cluster.seed-nodes"));
      for (String key : List.of("actorshop.http.port", "akka.remote.artery.canonical.port", "akka.management.http.port")) {
        assertTrue(ports.add(config.getInt(key)), key + " of local" + i + " clashes");
      }
    }
  }

  @Test
  void theLocalClusterRunsOnPostgresAndANodeJoiningOthersRefusesAPrivateH2File() {
    assertEquals("postgres", NodeConfig.load(parse("--config", "local1.conf")).getString("actorshop.db.kind"));

    Config h2Joiner = parse("--seeds", "127.0.0.1:25521", "--port", "25522", "--data-dir", dir.toString());
    var refused = assertThrows(IllegalArgumentException.class, () -> Node.start(h2Joiner));
    assertTrue(refused.getMessage().contains("ACTORSHOP_DB=postgres"), refused.getMessage());
  }

  @Test
  void aRelativeDataDirBecomesAnAbsoluteH2Path() {
    Config config = NodeConfig.load(ConfigFactory.parseMap(Map.of("actorshop.data-dir", "relative/dir")));
    String expected = Path.of("relative/dir").toAbsolutePath().normalize() + "/db/actorshop";
    assertTrue(config.getString("actorshop.db.url").startsWith("jdbc:h2:file:" + expected), config.getString("actorshop.db.url"));
  }

  @Test
  void badSeedsAndMissingConfigFilesAreClearErrors() {
    var seeds = assertThrows(IllegalArgumentException.class, () -> parse("--seeds", "localhost"));
    assertTrue(seeds.getMessage().contains("HOST:PORT"), seeds.getMessage());
    var file = assertThrows(IllegalArgumentException.class, () -> parse("--config", "nope.conf"));
    assertTrue(file.getMessage().contains("nope.conf"), file.getMessage());
  }
}
