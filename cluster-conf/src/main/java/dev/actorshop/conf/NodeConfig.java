package dev.actorshop.conf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

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
