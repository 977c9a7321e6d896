package dev.actorshop.product;

import com.typesafe.config.Config;
import java.time.Duration;

/** {@code actorshop.product} in config; see product-actor's reference.conf. */
public record ProductSettings(int snapshotEvery, int stockDedupeWindow, Duration askTimeout, Duration paymentTimeout,
                              GroupCommitSettings groupCommit) {

  /**
   * {@code maxBatch}: reservations per journal write (1 = group commit off, one write per order);
   * {@code maxQueued}: reservations waiting for the next write before new ones are refused as
   * overloaded; {@code writeTimeout}: how long a write may take before the next one is tried.
   */
  public record GroupCommitSettings(int maxBatch, int maxQueued, Duration writeTimeout) {
    public GroupCommitSettings {
      if (maxBatch < 1) throw new IllegalArgumentException("group-commit.max-batch must be >= 1");
      if (maxQueued < 0) throw new IllegalArgumentException("group-commit.max-queued must be >= 0");
    }
  }

  public ProductSettings {
    if (snapshotEvery < 1) throw new IllegalArgumentException("snapshot-every must be >= 1");
    if (stockDedupeWindow < 1) throw new IllegalArgumentException("stock-dedupe-window must be >= 1");
    if (paymentTimeout.isNegative() || paymentTimeout.isZero()) {
      throw new IllegalArgumentException("payment-timeout must be positive");
    }
  }

  public static ProductSettings fromConfig(Config config) {
    Config c = config.getConfig("actorshop.product");
    Config g = c.getConfig("group-commit");
    return new ProductSettings(c.getInt("snapshot-every"), c.getInt("stock-dedupe-window"),
        c.getDuration("ask-timeout"), c.getDuration("payment-timeout"),
        new GroupCommitSettings(g.getBoolean("enabled") ? g.getInt("max-batch") : 1, g.getInt("max-queued"),
            g.getDuration("write-timeout")));
  }

  /** The same settings with group commit switched off (the one-write-per-order baseline). */
  public ProductSettings withoutGroupCommit() {
    return new ProductSettings(snapshotEvery, stockDedupeWindow, askTimeout, paymentTimeout,
        new GroupCommitSettings(1, groupCommit.maxQueued(), groupCommit.writeTimeout()));
  }
}
