package com.marketplacecontracts.core.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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

  /**
   * The server answered a call of {@code operationId} with a rate-limit status of this {@code kind}; {@code reset}
   * is when the server said its quota renews, if it did.
   */
  default void rateLimited(String operationId, RateLimitKind kind, Optional<Instant> reset) {
  }

  /**
   * An answer of {@code operationId} carried a rate-limit header ({@code X-RateLimit-Resource-*} or
   * {@code Retry-After}) whose value cannot be used as sent: the client ignores it, or clamps it, as {@code reason}
   * says, and limits as if the answer had not said it. Reported once per client, operation and header;
   * {@code reason} never quotes the value.
   */
  default void unusableRateLimitHeader(String operationId, String header, String reason) {
  }

  /**
   * The shared store of limiter state ({@code --limits-store}) cannot be reached: calls go on under this process's
   * own limiter until it answers again. {@code store} names it without credentials.
   */
  default void limiterStoreUnavailable(String store, String reason) {
  }
}
