package dev.actorshop.product;

import com.typesafe.config.Config;
import java.time.Duration;

/** {@code actorshop.product} in config; see product-actor's reference.conf. */
public record ProductSettings(int snapshotEvery, int stockDedupeWindow, Duration askTimeout) {

  public ProductSettings {
    if (snapshotEvery < 1) throw new IllegalArgumentException("snapshot-every must be >= 1");
    if (stockDedupeWindow < 1) throw new IllegalArgumentException("stock-dedupe-window must be >= 1");
  }

  public static ProductSettings fromConfig(Config config) {
    Config c = config.getConfig("actorshop.product");
    return new ProductSettings(c.getInt("snapshot-every"), c.getInt("stock-dedupe-window"),
        c.getDuration("ask-timeout"));
  }
}
