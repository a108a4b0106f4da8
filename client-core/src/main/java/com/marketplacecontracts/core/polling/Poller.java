package com.marketplacecontracts.core.polling;

import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.time.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Asks again until an asynchronous job settles or a deadline passes, as {@link AwaitOptions} say. Errors of a
 * fetch propagate (the client already retried what was retryable). Waits go through the injectable
 * {@link TimeSource}; each poll is reported to {@link ClientEvents#polled}, the same channel as retries and quota
 * waits.
 */
public final class Poller {

  private final TimeSource time;
  private final ClientEvents events;

  public Poller(TimeSource time, ClientEvents events) {
    this.time = Objects.requireNonNull(time, "time");
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Polls {@code fetch} until {@code settled} holds or the timeout passes; the last value is always returned.
   *
   * @param operationId the operation polled, for the events
   */
  public <R> PollResult<R> await(AwaitOptions options, String operationId, Supplier<R> fetch, Predicate<R> settled) {
    long start = time.nanoTime();
    long deadline = start + options.timeout().toNanos();
    Duration delay = options.initialDelay();
    int attempts = 0;
    while (true) {
      R value = fetch.get();
      attempts++;
      Duration elapsed = Duration.ofNanos(time.nanoTime() - start);
      boolean done = settled.test(value);
      events.polled(operationId, attempts, done, elapsed);
      if (done) {
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
      long next = (long) Math.min(options.maxDelay().toNanos(), delay.toNanos() * options.factor());
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
