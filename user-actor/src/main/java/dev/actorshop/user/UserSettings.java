package dev.actorshop.user;

import com.typesafe.config.Config;
import java.time.Duration;

/** {@code actorshop.user} in config; see user-actor's reference.conf for what each one means. */
public record UserSettings(
    int recentWindowSize, int dedupeWindow, int snapshotEvery, int bcryptCost, Duration askTimeout) {

  public UserSettings {
    if (recentWindowSize < 1) throw new IllegalArgumentException("recent-window-size must be >= 1");
    if (dedupeWindow < 1) throw new IllegalArgumentException("dedupe-window must be >= 1");
    if (bcryptCost < 4 || bcryptCost > 31) throw new IllegalArgumentException("bcrypt-cost must be 4..31");
  }

  public static UserSettings fromConfig(Config config) {
    Config c = config.getConfig("actorshop.user");
    return new UserSettings(
        c.getInt("recent-window-size"),
        c.getInt("dedupe-window"),
        c.getInt("snapshot-every"),
        c.getInt("bcrypt-cost"),
        c.getDuration("ask-timeout"));
  }
}
