package com.marketplacecontracts.notifications;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keys remembered in this JVM: at most {@code maxKeys}, each for its window. Past the bound the oldest claim is
 * forgotten first (a very old repeat may then be handed over again: at least once, never unbounded memory).
 */
public final class InMemoryDeduplicationStore implements DeduplicationStore {

  /** The default bound: about 10 MB of keys. */
  public static final int DEFAULT_MAX_KEYS = 100_000;

  private final int maxKeys;
  private final LongSupplier nanos;
  /** key → expiry (nanoTime), in claim order; guarded by {@code this}. */
  private final LinkedHashMap<String, Long> keys = new LinkedHashMap<>();

  public InMemoryDeduplicationStore() {
    this(DEFAULT_MAX_KEYS);
  }

  public InMemoryDeduplicationStore(int maxKeys) {
    this(maxKeys, System::nanoTime);
  }

  InMemoryDeduplicationStore(int maxKeys, LongSupplier nanos) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys: must be at least 1, was " + maxKeys);
    }
    this.maxKeys = maxKeys;
    this.nanos = nanos;
  }

  @Override
  public synchronized boolean claim(String key, Duration window) {
    long now = nanos.getAsLong();
    evictExpired(now);
    Long expiry = keys.get(key);
    if (expiry != null && expiry - now > 0) {
      return false;
    }
    keys.remove(key);
    keys.put(key, now + window.toNanos());
    if (keys.size() > maxKeys) {
      Iterator<String> oldest = keys.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  @Override
  public synchronized void release(String key) {
    keys.remove(key);
  }

  /** How many keys are held now. */
  public synchronized int size() {
    return keys.size();
  }

  /** Claim order is expiry order for one window; stop at the first live key (a few stale ones may linger). */
  private void evictExpired(long now) {
    for (Iterator<Map.Entry<String, Long>> it = keys.entrySet().iterator(); it.hasNext();) {
      if (it.next().getValue() - now > 0) {
        return;
      }
      it.remove();
    }
  }

  @Override
  public String toString() {
    return "InMemoryDeduplicationStore[maxKeys=" + maxKeys + "]";
  }
}
