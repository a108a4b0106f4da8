package com.marketplacecontracts.core.time;

import java.time.Duration;

/**
 * Monotonic time and sleeping, in one place so retries, rate limits, token expiry and polling can be driven by a
 * simulated clock in tests (no test ever sleeps for real).
 */
public interface TimeSource {

  /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep}. */
  TimeSource SYSTEM = new TimeSource() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      if (!duration.isNegative() && !duration.isZero()) {
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
      }
    }

    @Override
    public String toString() {
      return "TimeSource.SYSTEM";
    }
  };

  /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Blocks for {@code duration} (a simulated source just advances its clock). */
  void sleep(Duration duration) throws InterruptedException;
}
