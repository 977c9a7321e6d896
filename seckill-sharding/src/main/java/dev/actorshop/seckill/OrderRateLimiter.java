package dev.actorshop.seckill;

import java.time.Duration;

/**
 * Decides whether an order request may go on. The node-local implementation is
 * {@link LocalOrderRateLimiter}; a cluster-wide one (Redis) plugs in behind the same interface.
 */
public interface OrderRateLimiter {

  /** Allowed, or refused with how long to wait. */
  record Decision(boolean allowed, Duration retryAfter, String scope) {
    public static final Decision ALLOWED = new Decision(true, Duration.ZERO, null);
  }

  Decision tryAcquire(String userId);
}
