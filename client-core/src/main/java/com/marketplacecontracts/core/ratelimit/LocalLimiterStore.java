package com.marketplacecontracts.core.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The limiter's state in this process: local Bucket4j buckets on the given time meter, and a fair (first come, first
 * served) semaphore per account for the parallel cap. Values learned from the server live as long as the store;
 * their time to live is not needed here (each is keyed by the window it belongs to, and few windows pass per run).
 */
public final class LocalLimiterStore implements LimiterStore {

  private final TimeMeter meter;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

  public LocalLimiterStore(TimeMeter meter) {
    this.meter = meter;
  }

  @Override
  public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
    return buckets.computeIfAbsent(key, k -> {
      var builder = Bucket.builder().withCustomTimePrecision(meter);
      for (var bandwidth : configuration.get().getBandwidths()) {
        builder.addLimit(bandwidth);
      }
      return builder.build();
    });
  }

  @Override
  public String get(String key) {
    return values.get(key);
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    values.put(key, value);
  }

  @Override
  public long raise(String key, long value, Duration ttl) {
    long[] rise = new long[1];
    values.compute(key, (k, old) -> {
      long current = old == null ? 0 : Long.parseLong(old);
      rise[0] = Math.max(0, value - current);
      return Long.toString(Math.max(current, value));
    });
    return rise[0];
  }

  @Override
  public Permit acquire(String account, int maxInFlight, Duration maxWait) throws InterruptedException {
    Semaphore semaphore = permits.computeIfAbsent(account, k -> new Semaphore(maxInFlight, true));
    if (!semaphore.tryAcquire(Math.max(0, maxWait.toNanos()), TimeUnit.NANOSECONDS)) {
      return null;
    }
    return semaphore::release;
  }

  @Override
  public String describe() {
    return "in-process";
  }

  @Override
  public void close() {
    // nothing held outside the heap
  }
}
