package com.marketplacecontracts.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Test helper: a simulated clock; {@link #sleep} advances it at once and records the wait. */
public final class FakeTimeSource implements TimeSource {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public long nanoTime() {
    return now.get();
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    now.addAndGet(Math.max(0, duration.toNanos()));
  }

  /** Moves the clock forward without recording a sleep. */
  public void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  /** Every wait asked for, in order. */
  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /**
   * A wall clock that moves with this source: {@code 2026-01-01T00:00:00Z} plus the simulated nanoseconds, so
   * reset times in headers and the limiter's windows follow {@link #sleep} and {@link #advance}.
   */
  public Clock clock() {
    FakeTimeSource source = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return EPOCH.plusNanos(source.nanoTime());
      }
    };
  }

  /** Where {@link #clock()} starts. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  /** The sum of all waits. */
  public Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
