package com.marketplacecontracts.core.time;

import java.time.Duration;

/**
 * When a call must be over, on {@link System#nanoTime()} (OkHttp's call timeout runs on real time). The runtime
 * tags each request with it so anything that blocks inside the call (e.g. waiting for a token) can bound its wait.
 *
 * @param nanoTime the deadline, as a {@link System#nanoTime()} value
 */
public record Deadline(long nanoTime) {

  /** The deadline {@code timeout} from now. */
  public static Deadline in(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  /** Time left, never negative. */
  public Duration remaining() {
    long left = nanoTime - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }
}
