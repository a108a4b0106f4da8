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
 *
 * @param timeout      how long to keep asking
 * @param initialDelay the first wait
 * @param maxDelay     the longest wait
 * @param factor       growth of the wait per round, at least 1
 */
public record AwaitOptions(Duration timeout, Duration initialDelay, Duration maxDelay, double factor) {

  public AwaitOptions {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (timeout.isNegative() || initialDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("timeout and delays must not be negative");
    }
    if (factor < 1) {
      throw new IllegalArgumentException("factor must be >= 1, was " + factor);
    }
  }

  /** Asks every 2 s, growing 1.5× to 30 s, for at most {@code timeout}. */
  public static AwaitOptions timeout(Duration timeout) {
    return new AwaitOptions(timeout, Duration.ofSeconds(2), Duration.ofSeconds(30), 1.5);
  }

  /** The same timeout with other waits between polls. */
  public AwaitOptions withDelays(Duration initialDelay, Duration maxDelay, double factor) {
    return new AwaitOptions(timeout, initialDelay, maxDelay, factor);
  }
}
