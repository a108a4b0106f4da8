package com.marketplacecontracts.core.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What happens while a client works — each call's start and end, and what the runtime does on its own (retries,
 * limiter waits, polls) — for progress output, metrics and traces. Never carries credentials.
 * Methods are called on the thread doing the work and must return quickly. One that throws is ignored: it never
 * breaks the call, nor keeps another listener combined with it ({@link #plus}) from being told.
 */
public interface ClientEvents {

  /** Ignores everything. */
  ClientEvents NONE = new ClientEvents() {
    @Override
    public String toString() {
      return "ClientEvents.NONE";
    }
  };

  /**
   * This listener and then {@code other}, each told every event (as OkHttp's {@code EventListener}s combine): one
   * that throws does not keep the next from being told. {@link #traceparent} is the first one's that gives one.
   */
  default ClientEvents plus(ClientEvents other) {
    return CombinedEvents.of(this, other);
  }

  /** A call of {@code call.operationId()} is about to be sent (after validation), on the calling thread. */
  default void callStarted(CallStarted call) {
  }

  /**
   * The W3C {@code traceparent} the call should carry, asked right after {@link #callStarted} on the calling thread:
   * a tracer gives the one of the span it started for the call, so the marketplace's request log joins the caller's
   * trace. {@code null} (the default) lets the client make a random one; a value not in the W3C form is ignored.
   */
  default String traceparent(CallStarted call) {
    return null;
  }

  /**
   * The call ended with an answer or a typed failure (on the calling thread, or OkHttp's for
   * {@code executeAsync}); follows each {@link #callStarted} exactly once.
   */
  default void callEnded(CallEnded call) {
  }

  /**
   * The marketplace reported how much of {@code operationId}'s quota is left for {@code account} (empty when the
   * call carries none) in the current window: usable {@code X-RateLimit-Resource-*} headers only.
   */
  default void quotaRemaining(String operationId, String account, long limit, long remaining) {
  }

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
