package com.marketplacecontracts.core.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed calls of operations that are safe to repeat ({@code x-idempotent} in the spec) are retried: on 420,
 * 429, 5xx and I/O failures, with exponential backoff and jitter, honouring {@code Retry-After}, bounded in
 * attempts and total time. Other 4xx are never retried.
 */
public final class RetryConfig {

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final double jitter;
  private final Duration maxServerWait;
  private final Duration maxTotal;

  private RetryConfig(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter, Duration maxServerWait,
      Duration maxTotal) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(maxServerWait, "maxServerWait");
    Objects.requireNonNull(maxTotal, "maxTotal");
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
    }
    if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) <= 0) {
      throw new IllegalArgumentException("need 0 < baseDelay < maxDelay, was " + baseDelay + " and " + maxDelay);
    }
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.jitter = jitter;
    this.maxServerWait = maxServerWait;
    this.maxTotal = maxTotal;
  }

  /** 4 attempts, 500 ms doubling to 30 s, 25 % jitter, server waits up to 60 s, 2 minutes in all. */
  public static RetryConfig defaults() {
    return new RetryConfig(4, Duration.ofMillis(500), Duration.ofSeconds(30), 0.25, Duration.ofSeconds(60),
        Duration.ofMinutes(2));
  }

  /** One attempt, no retries. */
  public static RetryConfig none() {
    return new RetryConfig(1, Duration.ofMillis(1), Duration.ofMillis(2), 0, Duration.ZERO, Duration.ofDays(1));
  }

  public RetryConfig withMaxAttempts(int attempts) {
    return new RetryConfig(attempts, baseDelay, maxDelay, jitter, maxServerWait, maxTotal);
  }

  public RetryConfig withBackoff(Duration base, Duration max) {
    return new RetryConfig(maxAttempts, base, max, jitter, maxServerWait, maxTotal);
  }

  public RetryConfig withMaxServerWait(Duration wait) {
    return new RetryConfig(maxAttempts, baseDelay, maxDelay, jitter, wait, maxTotal);
  }

  public RetryConfig withMaxTotal(Duration total) {
    return new RetryConfig(maxAttempts, baseDelay, maxDelay, jitter, maxServerWait, total);
  }

  public RetryConfig withJitter(double factor) {
    return new RetryConfig(maxAttempts, baseDelay, maxDelay, factor, maxServerWait, maxTotal);
  }

  /** Attempts in all, including the first (1 disables retries). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Delay before the first retry; doubles each time. */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** Cap on one backoff delay. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** Random spread applied to each delay, as a factor in [0, 1). */
  public double jitter() {
    return jitter;
  }

  /** Cap on a wait the server asks for; a longer ask ends the retries. */
  public Duration maxServerWait() {
    return maxServerWait;
  }

  /** Cap on the whole call, retries and waits included. */
  public Duration maxTotal() {
    return maxTotal;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof RetryConfig other
        && maxAttempts == other.maxAttempts
        && Objects.equals(baseDelay, other.baseDelay)
        && Objects.equals(maxDelay, other.maxDelay)
        && Double.compare(jitter, other.jitter) == 0
        && Objects.equals(maxServerWait, other.maxServerWait)
        && Objects.equals(maxTotal, other.maxTotal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, baseDelay, maxDelay, jitter, maxServerWait, maxTotal);
  }

  @Override
  public String toString() {
    return "RetryConfig[maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
        + ", jitter=" + jitter + ", maxServerWait=" + maxServerWait + ", maxTotal=" + maxTotal + "]";
  }
}
