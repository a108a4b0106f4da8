package com.marketplacecontracts.core.ratelimit;

import com.marketplacecontracts.core.internal.ratelimit.LocalLimiterStore;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Where the limiter keeps its state: the quota buckets (Bucket4j), the cap on parallel requests per account as
 * leased permits, and a few small values learned from the server (where its quota windows start, how much of a
 * window others used). {@link LocalLimiterStore} keeps them in this process; a shared store (module
 * {@code limits-redis}) lets several processes that use one account count together.
 *
 * <p>Methods may throw any {@link RuntimeException} when the store cannot be reached; the limiter then carries on
 * with its local store and reports it through {@code ClientEvents.limiterStoreUnavailable}.
 */
public interface LimiterStore extends AutoCloseable {

  /** The bucket stored under {@code key}, created with {@code configuration} if it does not exist yet. */
  Bucket bucket(String key, Supplier<BucketConfiguration> configuration);

  /** The value stored under {@code key}, or {@code null}. */
  String get(String key);

  /** Stores {@code value} under {@code key} for {@code ttl}. */
  void put(String key, String value, Duration ttl);

  /**
   * Raises the number stored under {@code key} (0 when absent) to at least {@code value}, atomically, keeping it for
   * {@code ttl}.
   *
   * @return how much it rose; 0 when it already was {@code value} or more
   */
  long raise(String key, long value, Duration ttl);

  /**
   * Takes one of {@code maxInFlight} permits of {@code account}, waiting in turn at most {@code maxWait}.
   *
   * @return the permit, or {@code null} when none was free in time
   */
  Permit acquire(String account, int maxInFlight, Duration maxWait) throws InterruptedException;

  /** What the store is, for messages; never credentials. */
  String describe();

  @Override
  void close();

  /** A permit to have one request in flight; give it back once the answer has come. */
  interface Permit {
    void release();
  }
}
