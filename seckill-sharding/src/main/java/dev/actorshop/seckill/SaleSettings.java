package dev.actorshop.seckill;

import com.typesafe.config.Config;
import java.time.Duration;

/** {@code actorshop.seckill} in config; see seckill-sharding's reference.conf. */
public record SaleSettings(Duration askTimeout, int maxItems, Duration maxWindow, int maxPerUserLimit, Duration warmUp,
                           Duration cacheRefresh, Duration expiryInterval, int expiryBatch, Duration settleAfter,
                           RateLimits rateLimits) {

  /** Per-second token rates; 0 = no limit. */
  public record RateLimits(long nodePerSecond, long userPerSecond, long maxUsers) {}

  public static SaleSettings fromConfig(Config config) {
    Config c = config.getConfig("actorshop.seckill");
    return new SaleSettings(c.getDuration("ask-timeout"), c.getInt("max-items"), c.getDuration("max-window"),
        c.getInt("max-per-user-limit"), c.getDuration("warm-up"), c.getDuration("cache-refresh"),
        c.getDuration("expiry.interval"), c.getInt("expiry.batch"), c.getDuration("expiry.settle-after"),
        new RateLimits(c.getLong("rate-limit.node-per-second"), c.getLong("rate-limit.user-per-second"),
            c.getLong("rate-limit.max-users")));
  }
}
