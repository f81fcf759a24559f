package com.commentshield.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;

/**
 * Token buckets by key (a client, a user name, an address): Bucket4j's lock-free local buckets,
 * held in a bounded Caffeine map. A bucket nobody touched for as long as it takes to fill up again
 * is dropped, since a new one would be the same; the bound keeps a flood of distinct keys (many
 * addresses) from growing the map without end.
 */
final class KeyedBuckets {

  private static final long MAX_KEYS = 100_000;

  private final long capacity;
  private final Duration perToken;
  private final Cache<String, Bucket> buckets;

  /**
   * @param perSecond tokens added per second (continuously)
   * @param capacity tokens a bucket holds, so taken at once after a quiet spell
   */
  KeyedBuckets(double perSecond, long capacity) {
    if (!(perSecond > 0) || capacity < 1) {
      throw new IllegalArgumentException("a bucket needs a positive rate and capacity");
    }
    this.capacity = capacity;
    this.perToken = Duration.ofNanos(Math.max(1, Math.round(1e9 / perSecond)));
    Duration refillTime = perToken.multipliedBy(capacity);
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(MAX_KEYS)
            .expireAfterAccess(
                refillTime.compareTo(Duration.ofMinutes(1)) > 0
                    ? refillTime
                    : Duration.ofMinutes(1))
            .build();
  }

  /** Takes a token from {@code key}'s bucket: 0 when taken, else the nanoseconds until one is. */
  long take(String key) {
    ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
  }

  /** The nanoseconds until {@code key}'s bucket has a token, 0 when it has one; takes none. */
  long waitFor(String key) {
    Bucket bucket = buckets.getIfPresent(key);
    if (bucket == null) {
      return 0;
    }
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    return probe.canBeConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
  }

  /** Whole seconds to wait, at least 1, for a wait in nanoseconds: what Retry-After carries. */
  static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  private Bucket bucket(String key) {
    return buckets.get(
        key,
        k ->
            Bucket.builder().addLimit(l -> l.capacity(capacity).refillGreedy(1, perToken)).build());
  }
}
