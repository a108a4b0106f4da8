package com.marketplacecontracts.core.internal.ratelimit;

import com.marketplacecontracts.core.ratelimit.LimiterStore;
import com.marketplacecontracts.core.ratelimit.QuotaBucket;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The limiter's state in this process: local Bucket4j buckets on the caller's clock, and a fair (first come, first
 * served) semaphore per account for the parallel cap. Nothing is kept for ever: a bucket goes once it has been idle
 * for as long as it takes to refill (it would be full again, as a new one is) plus {@link #MARGIN}, a value at the
 * end of its time to live, an account's semaphore once no permit is out and it has been idle for {@link #MARGIN};
 * and each kind is bounded in number (see {@link IdleMap}). {@link #admit} is the interface's: the same all-or-nothing
 * admission as a shared store's, made of this store's own steps.
 */
public final class LocalLimiterStore implements LimiterStore {

  /** How much longer than strictly needed idle state is kept. */
  static final Duration MARGIN = Duration.ofMinutes(1);

  private final TimeMeter meter;
  private final IdleMap<QuotaBucket> buckets;
  private final IdleMap<String> values;
  private final IdleMap<Queue> permits;

  /** An account's semaphore and how many callers are using it (taking, holding or giving back a permit). */
  private record Queue(Semaphore semaphore, AtomicInteger users) {
  }

  public LocalLimiterStore(TimeMeter meter) {
    this.meter = meter;
    this.buckets = new IdleMap<>(meter, true, bucket -> false);
    this.values = new IdleMap<>(meter, false, value -> false);
    this.permits = new IdleMap<>(meter, true, queue -> queue.users().get() > 0);
  }

  @Override
  public QuotaBucket bucket(String key, QuotaBucket.Shape shape, LongSupplier wallClockNanos) {
    QuotaBucket known = buckets.get(key);
    if (known != null) {
      return known;
    }
    long idle = shape.timeToFill().toNanos();
    idle = idle > Long.MAX_VALUE - MARGIN.toNanos() ? Long.MAX_VALUE : idle + MARGIN.toNanos();
    return buckets.computeIfAbsent(key, k -> local(shape, wallClockNanos), idle);
  }

  /** A Bucket4j bucket of {@code shape} on {@code clock}. */
  private static QuotaBucket local(QuotaBucket.Shape shape, LongSupplier clock) {
    Bucket bucket = Bucket.builder().withCustomTimePrecision(new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return clock.getAsLong();
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    }).addLimit(limit -> {
      var capacity = limit.capacity(shape.capacity());
      return shape.alignedTo() == null ? capacity.refillGreedy(shape.refillTokens(), shape.refillPeriod())
          : capacity.refillIntervallyAligned(shape.refillTokens(), shape.refillPeriod(), shape.alignedTo());
    }).build();
    return new QuotaBucket() {
      @Override
      public Probe tryConsume(long tokens) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(tokens);
        return new Probe(probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForRefill());
      }

      @Override
      public long consumeUpTo(long tokens) {
        return bucket.tryConsumeAsMuchAsPossible(tokens);
      }

      @Override
      public void addTokens(long tokens) {
        bucket.addTokens(tokens);
      }

      @Override
      public long available() {
        return bucket.getAvailableTokens();
      }
    };
  }

  @Override
  public String get(String key) {
    return values.get(key);
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    values.update(key, old -> value, ttl.toNanos());
  }

  @Override
  public long raise(String key, long value, Duration ttl) {
    long[] rise = new long[1];
    values.update(key, old -> {
      long current = old == null ? 0 : Long.parseLong(old);
      rise[0] = Math.max(0, value - current);
      return rise[0] > 0 ? Long.toString(value) : old;
    }, ttl.toNanos());
    return rise[0];
  }

  @Override
  public Permit acquire(String account, int maxInFlight, Duration maxWait) throws InterruptedException {
    // counted as a user inside the map's own atomic step, so an idle sweep can never drop a semaphore in use
    Queue queue = permits.update(account, old -> {
      Queue used = old != null ? old : new Queue(new Semaphore(maxInFlight, true), new AtomicInteger());
      used.users().incrementAndGet();
      return used;
    }, MARGIN.toNanos());
    boolean taken = false;
    try {
      taken = queue.semaphore().tryAcquire(Math.max(0, maxWait.toNanos()), TimeUnit.NANOSECONDS);
    } finally {
      if (!taken) {
        queue.users().decrementAndGet();
      }
    }
    if (!taken) {
      return null;
    }
    return () -> {
      queue.semaphore().release();
      queue.users().decrementAndGet();
    };
  }

  /** Drops {@code key}'s bucket (one of a window the server no longer reports). */
  void forget(String key) {
    buckets.remove(key);
  }

  /** Drops the value under {@code key}. */
  void forgetValue(String key) {
    values.remove(key);
  }

  /** Buckets, values and account semaphores held now, for tests. */
  int size() {
    return buckets.size() + values.size() + permits.size();
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
