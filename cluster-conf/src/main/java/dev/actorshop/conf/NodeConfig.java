package dev.actorshop.conf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds a node's configuration: overrides (flags, a --config file) over {@code application.conf}
 * (or, in modules without one, {@code node.conf}: the includes by concern), with the PostgreSQL persistence overlay when
 * {@code actorshop.db.kind = postgres} (env {@code ACTORSHOP_DB}). JVM system properties win over
 * everything, as with {@link ConfigFactory#load()}.
 */
public final class NodeConfig {
  public static final String POSTGRES = "postgres";
  public static final String H2 = "h2";

  private NodeConfig() {}

  public static Config load(Config overrides) {
    Config application = ConfigFactory.parseResourcesAnySyntax("application")
            .withFallback(ConfigFactory.parseResourcesAnySyntax("node"));
    Config firstPass = ConfigFactory.load(overrides.withFallback(application));
    // H2 refuses implicitly relative paths ("data/db"), so the data dir is made absolute here.
    Path dataDir = Path.of(firstPass.getString("actorshop.data-dir")).toAbsolutePath().normalize();
    overrides = ConfigFactory.parseMap(Map.of("actorshop.data-dir", dataDir.toString())).withFallback(overrides);
    String kind = firstPass.getString("actorshop.db.kind");
    Config layered =
        switch (kind) {
          case H2 -> overrides.withFallback(application);
          case POSTGRES -> overrides
              .withFallback(ConfigFactory.parseResourcesAnySyntax("persistence-postgres"))
              .withFallback(application);
          default -> throw new IllegalArgumentException(
              "actorshop.db.kind (ACTORSHOP_DB) must be 'h2' or 'postgres', not '" + kind + "'");
        };
    return ConfigFactory.load(layered);
  }

  public static Config load() {
    return load(ConfigFactory.empty());
  }
}
