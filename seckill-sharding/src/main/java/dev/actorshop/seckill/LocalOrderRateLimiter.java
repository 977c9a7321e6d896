package dev.actorshop.seckill;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * Token buckets in this node's memory (bucket4j): one for the whole node and one per user, kept
 * in a bounded cache of recently active users. A user's refused request takes no node token.
 */
public final class LocalOrderRateLimiter implements OrderRateLimiter {
  private final Bucket node;
  private final Cache<String, Bucket> users;
  private final long userPerSecond;

  public LocalOrderRateLimiter(SaleSettings.RateLimits limits) {
    this.node = limits.nodePerSecond() > 0 ? bucket(limits.nodePerSecond(), limits.nodePerSecond()) : null;
    this.userPerSecond = limits.userPerSecond();
    this.users = Caffeine.newBuilder()
        .maximumSize(limits.maxUsers())
        .expireAfterAccess(Duration.ofMinutes(1))
        .build();
  }

  @Override
  public Decision tryAcquire(String userId) {
    if (userPerSecond > 0) {
      Bucket user = users.get(userId, id -> bucket(userPerSecond, 2 * userPerSecond));
      ConsumptionProbe probe = user.tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) return refused(probe, "user");
    }
    if (node != null) {
      ConsumptionProbe probe = node.tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) return refused(probe, "node");
    }
    return Decision.ALLOWED;
  }

  private static Decision refused(ConsumptionProbe probe, String scope) {
    return new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()), scope);
  }

  private static Bucket bucket(long perSecond, long burst) {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
        .build();
  }
}
