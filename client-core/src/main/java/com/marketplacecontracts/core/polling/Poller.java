package com.marketplacecontracts.core.polling;

import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.time.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Asks again until an asynchronous job settles or a deadline passes, as {@link AwaitOptions} say. Each fetch is
 * given the time left, so a hanging answer cannot hold the poll past its timeout: when a fetch fails and the
 * deadline has passed, polling ends not settled with the last value fetched before. Other errors of a fetch propagate
 * (the client already retried what was retryable), as does the failure of a first fetch, which has no value to
 * report. No fetch starts once the deadline has passed: when the next wait would reach it, the last check comes
 * half-way through the time left, with the other half to answer. Waits go through the injectable
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
   * @param fetch       asks once, within the time it is given: what is left of the timeout (the facades make it the
   *                    call's timeout); {@link Duration#ZERO} only for the single check of a zero timeout, which
   *                    runs under the call's own timeout
   */
  public <R> PollResult<R> await(AwaitOptions options, String operationId, Function<Duration, R> fetch,
      Predicate<R> settled) {
    long start = time.nanoTime();
    long deadline = start + options.timeout().toNanos();
    Duration delay = options.initialDelay();
    int attempts = 0;
    R value = null;
    boolean lastRound = false;
    while (true) {
      long left = deadline - time.nanoTime();
      if (attempts > 0 && left <= 0) {
        return new PollResult<>(value, false, attempts, Duration.ofNanos(time.nanoTime() - start));
      }
      try {
        value = fetch.apply(Duration.ofNanos(Math.max(left, 0)));
      } catch (RuntimeException e) {
        if (attempts == 0 || time.nanoTime() < deadline) {
          throw e;
        }
        return new PollResult<>(value, false, attempts, Duration.ofNanos(time.nanoTime() - start));
      }
      attempts++;
      Duration elapsed = Duration.ofNanos(time.nanoTime() - start);
      boolean done = settled.test(value);
      events.polled(operationId, attempts, done, elapsed);
      if (done) {
        return new PollResult<>(value, true, attempts, elapsed);
      }
      long remaining = deadline - time.nanoTime();
      if (remaining <= 0 || lastRound) {
        return new PollResult<>(value, false, attempts, elapsed);
      }
      lastRound = delay.toNanos() >= remaining;
      Duration wait = lastRound ? Duration.ofNanos(remaining / 2) : delay;
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
