package com.marketplacecontracts.core.internal.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Limiter state by key that does not outlive its use: an entry goes once it has not been touched for its own idle
 * time (a bucket once it would have refilled anyway, a learned value at its time to live), and past
 * {@link #MAX_ENTRIES} the least recently touched go first, so a service with any number of accounts holds a
 * bounded amount. Expired entries are never returned; they are swept out at most once per {@link #SWEEP_EVERY} of
 * the meter's time, or at once when there are too many. Entries a predicate holds on to (a semaphore with permits
 * out) stay.
 */
final class IdleMap<V> {

  /** Entries kept at most, per map; beyond it the least recently touched are dropped (a tenth at a time). */
  static final int MAX_ENTRIES = 100_000;
  static final long SWEEP_EVERY = 60_000_000_000L;

  private static final class Entry<V> {
    final V value;
    final long idleNanos;
    volatile long touched;
    volatile long recency; // order of touches, for dropping the least recent (times may tie on a simulated clock)

    Entry(V value, long idleNanos, long now, long recency) {
      this.value = value;
      this.idleNanos = idleNanos;
      this.touched = now;
      this.recency = recency;
    }

    void touch(long now, long order) {
      touched = now;
      recency = order;
    }

    boolean expired(long now) {
      return now - touched > idleNanos;
    }
  }

  private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
  private final TimeMeter meter;
  private final boolean touchOnRead;
  private final Predicate<V> held;
  private final int maxEntries;
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final AtomicLong touches = new AtomicLong();
  private volatile long lastSweep;

  /**
   * @param touchOnRead whether reading an entry keeps it (buckets, permits) or only writing does (values with a
   *                    time to live)
   * @param held        entries that must stay however idle they look
   */
  IdleMap(TimeMeter meter, boolean touchOnRead, Predicate<V> held) {
    this(meter, touchOnRead, held, MAX_ENTRIES);
  }

  IdleMap(TimeMeter meter, boolean touchOnRead, Predicate<V> held, int maxEntries) {
    this.meter = meter;
    this.touchOnRead = touchOnRead;
    this.held = held;
    this.maxEntries = maxEntries;
    this.lastSweep = meter.currentTimeNanos();
  }

  /** The live value under {@code key}, or {@code null}. */
  V get(String key) {
    long now = now();
    Entry<V> entry = entries.get(key);
    if (entry == null || gone(entry, now)) {
      return null;
    }
    if (touchOnRead) {
      entry.touch(now, touches.incrementAndGet());
    }
    return entry.value;
  }

  /** The live value under {@code key}, made by {@code create} (kept for {@code idleNanos} untouched) if none. */
  V computeIfAbsent(String key, Function<String, V> create, long idleNanos) {
    long now = now();
    Entry<V> entry = entries.compute(key, (k, old) -> {
      if (old != null && !gone(old, now)) {
        old.touch(now, touches.incrementAndGet());
        return old;
      }
      return new Entry<>(create.apply(k), idleNanos, now, touches.incrementAndGet());
    });
    return entry.value;
  }

  /**
   * Replaces the value under {@code key} by {@code update}'s (given {@code null} when there is none or it expired),
   * atomically, kept for {@code idleNanos}; an update to {@code null} removes it.
   */
  V update(String key, UnaryOperator<V> update, long idleNanos) {
    long now = now();
    Entry<V> entry = entries.compute(key, (k, old) -> {
      V value = update.apply(old == null || gone(old, now) ? null : old.value);
      if (value == null) {
        return null;
      }
      if (old != null && old.value == value) {
        old.touch(now, touches.incrementAndGet());
        return old;
      }
      return new Entry<>(value, idleNanos, now, touches.incrementAndGet());
    });
    return entry == null ? null : entry.value;
  }

  void remove(String key) {
    entries.remove(key);
  }

  /** Entries held now, expired ones not yet swept out included. */
  int size() {
    return entries.size();
  }

  /** Idle past its time, and not held: as good as absent. */
  private boolean gone(Entry<V> entry, long now) {
    return entry.expired(now) && !held.test(entry.value);
  }

  private long now() {
    long now = meter.currentTimeNanos();
    if ((now - lastSweep >= SWEEP_EVERY || entries.size() > maxEntries) && sweeping.compareAndSet(false, true)) {
      try {
        sweep(now);
      } finally {
        sweeping.set(false);
      }
    }
    return now;
  }

  private void sweep(long now) {
    lastSweep = now;
    for (String key : entries.keySet()) {
      entries.computeIfPresent(key, (k, entry) -> gone(entry, now) ? null : entry);
    }
    int over = entries.size() - maxEntries;
    if (over <= 0) {
      return;
    }
    // Still too many live ones: drop the least recently touched, down to 90 % so this does not run on every call.
    // Such an entry's account starts afresh (a full bucket) next time: the server's own count then corrects it.
    long[] order = entries.values().stream().mapToLong(entry -> entry.recency).toArray();
    Arrays.sort(order);
    long threshold = order[Math.min(order.length - 1, over + maxEntries / 10)];
    for (String key : entries.keySet()) {
      entries.computeIfPresent(key, (k, entry) -> entry.recency < threshold && !held.test(entry.value) ? null : entry);
    }
  }
}
