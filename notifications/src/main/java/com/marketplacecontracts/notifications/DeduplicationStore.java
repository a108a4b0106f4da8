package com.marketplacecontracts.notifications;

import java.time.Duration;

/**
 * Where the receiver remembers the keys it has handed over, so a repeat within the window is answered without
 * reaching the handler. Shared between instances (e.g. {@link RedisDeduplicationStore}) it recognises a repeat that
 * lands on another instance.
 */
public interface DeduplicationStore extends AutoCloseable {

  /**
   * Marks {@code key} as seen for {@code window}; {@code true} when it was not already marked (this caller owns the
   * event), {@code false} for a repeat. Must be atomic: of two concurrent claims of one key, one wins.
   */
  boolean claim(String key, Duration window);

  /** Forgets {@code key}, so the next delivery of the event is handed over again (the handler did not finish). */
  void release(String key);

  @Override
  default void close() {
  }
}
