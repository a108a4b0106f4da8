package com.marketplacecontracts.core.polling;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how often an {@code await...} method of a client asks again: fetch, test, wait (growing from
 * {@code initialDelay} by {@code factor} up to {@code maxDelay}), repeat until settled or {@code timeout} passes.
 *
 * <pre>{@code
 * market.awaitOperations(businessId, type, ids, AwaitOptions.timeout(Duration.ofMinutes(2)));
 * }</pre>
 */
public final class AwaitOptions {

  private final Duration timeout;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double factor;

  private AwaitOptions(Duration timeout, Duration initialDelay, Duration maxDelay, double factor) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (timeout.isNegative() || initialDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("timeout and delays must not be negative");
    }
    if (factor < 1) {
      throw new IllegalArgumentException("factor must be >= 1, was " + factor);
    }
    this.timeout = timeout;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.factor = factor;
  }

  /** Asks every 2 s, growing 1.5× to 30 s, for at most {@code timeout}. */
  public static AwaitOptions timeout(Duration timeout) {
    return new AwaitOptions(timeout, Duration.ofSeconds(2), Duration.ofSeconds(30), 1.5);
  }

  /** The same timeout with other waits between polls. */
  public AwaitOptions withDelays(Duration initialDelay, Duration maxDelay, double factor) {
    return new AwaitOptions(timeout, initialDelay, maxDelay, factor);
  }

  /** How long to keep asking. */
  public Duration timeout() {
    return timeout;
  }

  /** The first wait. */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** The longest wait. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** Growth of the wait per round, at least 1. */
  public double factor() {
    return factor;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof AwaitOptions other
        && Objects.equals(timeout, other.timeout)
        && Objects.equals(initialDelay, other.initialDelay)
        && Objects.equals(maxDelay, other.maxDelay)
        && Double.compare(factor, other.factor) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, initialDelay, maxDelay, factor);
  }

  @Override
  public String toString() {
    return "AwaitOptions[timeout=" + timeout + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay
        + ", factor=" + factor + "]";
  }
}
