package com.marketplacecontracts.core.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A quota's token bucket as a {@link LimiterStore} keeps it: tokens taken by calls and refilled as its
 * {@link Shape} says, on the clock of the caller that opened it (the limiter's wall-clock time, which tests may
 * simulate). A shared store keeps the tokens where every process sees them.
 */
public interface QuotaBucket {

  /** Takes {@code tokens} if they are all there, else none; either way says how many are left. */
  Probe tryConsume(long tokens);

  /** Takes as many as are there, at most {@code tokens}; how many were taken. */
  long consumeUpTo(long tokens);

  /** Gives back {@code tokens} (never beyond the capacity). */
  void addTokens(long tokens);

  /** The tokens there now. */
  long available();

  /**
   * The answer to {@link #tryConsume}: whether the tokens were taken, how many are left, and when refused how long
   * until enough are back (0 when taken).
   */
  record Probe(boolean consumed, long remaining, long nanosToWait) {
  }

  /**
   * How a bucket fills: {@code capacity} at most; {@code refillTokens} every {@code refillPeriod}, either little by
   * little ({@link #greedy}) or all at once at instants {@code alignedTo} plus whole periods ({@link #aligned}, the
   * marketplace's fixed windows). A new bucket is full.
   */
  record Shape(long capacity, long refillTokens, Duration refillPeriod, Instant alignedTo) {

    public Shape {
      Objects.requireNonNull(refillPeriod, "refillPeriod");
      if (capacity < 1 || refillTokens < 1 || refillTokens > capacity) {
        throw new IllegalArgumentException("capacity and refill tokens must be >= 1, refill at most the capacity,"
            + " were " + capacity + " and " + refillTokens);
      }
      if (refillPeriod.isNegative() || refillPeriod.isZero() || refillPeriod.compareTo(Duration.ofDays(3660)) > 0) {
        throw new IllegalArgumentException("refill period must be positive and at most 3660 days, was "
            + refillPeriod);
      }
    }

    /** {@code refillTokens} per {@code period} added continuously, up to {@code capacity}. */
    public static Shape greedy(long capacity, long refillTokens, Duration period) {
      return new Shape(capacity, refillTokens, period, null);
    }

    /** Full ({@code limit} tokens) again at {@code firstRefill} and every {@code period} before and after it. */
    public static Shape aligned(long limit, Duration period, Instant firstRefill) {
      return new Shape(limit, limit, period, Objects.requireNonNull(firstRefill, "firstRefill"));
    }

    /** How long an idle bucket takes to be full again from empty. */
    public Duration timeToFill() {
      if (alignedTo != null) {
        return refillPeriod;
      }
      long periods = (capacity + refillTokens - 1) / refillTokens;
      long nanos = refillPeriod.toNanos();
      return periods > Long.MAX_VALUE / nanos ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(periods * nanos);
    }
  }
}
