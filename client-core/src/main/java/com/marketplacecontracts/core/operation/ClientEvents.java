package com.marketplacecontracts.core.operation;

import java.time.Duration;

/**
 * What the runtime does on its own while a call runs or a client awaits a job, for progress output and metrics.
 * Never carries credentials.
 * Methods are called on the calling thread and must return quickly.
 */
public interface ClientEvents {

  /** Ignores everything. */
  ClientEvents NONE = new ClientEvents() {
  };

  /** A failed attempt of {@code operationId} will be retried after {@code delay}. */
  default void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
  }

  /** The client-side rate limiter holds a call of {@code operationId} for {@code wait}. */
  default void rateLimitWait(String operationId, Duration wait) {
  }

  /**
   * {@code operationId} is deprecated by the marketplace; called once per client and operation, on its first call.
   *
   * @param replacementOperationId the operation to use instead; empty when the spec names none
   * @param shutdownDate           when the marketplace removes (or removed) it, ISO date; empty when not announced
   */
  default void deprecatedOperation(String operationId, String replacementOperationId, String shutdownDate) {
  }

  /**
   * An {@code await...} method asked {@code operationId} for the {@code attempt}-th time; {@code settled} tells
   * whether the answer ends the wait.
   */
  default void polled(String operationId, int attempt, boolean settled, Duration elapsed) {
  }

  /** A live request or response differs from the spec (reported by an opt-in contract guard). */
  default void contractMismatch(ContractMismatch mismatch) {
  }
}
