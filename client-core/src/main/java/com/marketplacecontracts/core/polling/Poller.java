package com.marketplacecontracts.core.polling;

import com.marketplacecontracts.core.time.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Asks again until an asynchronous job settles or a deadline passes: fetch, test, wait (growing from
 * {@code initialDelay} by {@code factor} up to {@code maxDelay}), repeat. Errors of a fetch propagate (the client
 * already retried what was retryable). Waits go through the injectable {@link TimeSource}.
 *
 * @param timeout      how long to keep asking
 * @param initialDelay the first wait
 * @param maxDelay     the longest wait
 * @param factor       growth of the wait per round, at least 1
 * @param time         clock and sleep
 */
public record Poller(Duration timeout, Duration initialDelay, Duration maxDelay, double factor, TimeSource time) {

  public Poller {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(time, "time");
    if (factor < 1) {
      throw new IllegalArgumentException("factor must be >= 1, was " + factor);
    }
  }

  /** Asks every 2 s, growing 1.5× to 30 s, for at most {@code timeout}. */
  public static Poller withTimeout(Duration timeout, TimeSource time) {
    return new Poller(timeout, Duration.ofSeconds(2), Duration.ofSeconds(30), 1.5, time);
  }

  /** Polls {@code fetch} until {@code settled} holds or the timeout passes; the last value is always returned. */
  public <R> PollResult<R> await(Supplier<R> fetch, Predicate<R> settled) {
    long start = time.nanoTime();
    long deadline = start + timeout.toNanos();
    Duration delay = initialDelay;
    int attempts = 0;
    while (true) {
      R value = fetch.get();
      attempts++;
      Duration elapsed = Duration.ofNanos(time.nanoTime() - start);
      if (settled.test(value)) {
        return new PollResult<>(value, true, attempts, elapsed);
      }
      long remaining = deadline - time.nanoTime();
      if (remaining <= 0) {
        return new PollResult<>(value, false, attempts, elapsed);
      }
      Duration wait = delay.toNanos() > remaining ? Duration.ofNanos(remaining) : delay;
      try {
        time.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new PollResult<>(value, false, attempts, Duration.ofNanos(time.nanoTime() - start));
      }
      long next = (long) Math.min(maxDelay.toNanos(), delay.toNanos() * factor);
      delay = Duration.ofNanos(Math.max(next, delay.toNanos()));
    }
  }

  /**
   * How polling ended.
   *
   * @param last     the last value fetched
   * @param settled  true when it settled, false when the deadline (or an interrupt) came first
   * @param attempts how many fetches were made
   * @param elapsed  time spent
   */
  public record PollResult<R>(R last, boolean settled, int attempts, Duration elapsed) {
  }
}
