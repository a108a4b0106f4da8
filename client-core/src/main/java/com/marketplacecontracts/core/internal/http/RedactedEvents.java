package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.internal.error.Redactor;
import com.marketplacecontracts.core.operation.CallEnded;
import com.marketplacecontracts.core.operation.CallStarted;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.RateLimitKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The user's {@link ClientEvents} as every part of a runtime sees them: each text that may have come from the
 * network or the caller's input (a retry's reason quoting an exception, a store's failure, a mismatch's location
 * and rule, which may name a field the server made up, a request id, an account) passes the runtime's
 * {@link Redactor} first; and a listener that throws is ignored, so it never breaks the call it hears about.
 * Overrides every method of the interface (a test checks), so none is silently dropped.
 */
final class RedactedEvents implements ClientEvents {

  private final ClientEvents events;
  private final Redactor redactor;

  RedactedEvents(ClientEvents events, Redactor redactor) {
    this.events = events;
    this.redactor = redactor;
  }

  @Override
  public ClientEvents plus(ClientEvents other) {
    return new RedactedEvents(events.plus(other), redactor);
  }

  @Override
  public void callStarted(CallStarted call) {
    try {
      events.callStarted(clean(call));
    } catch (RuntimeException ignored) {
      // the listener's failure is not the call's
    }
  }

  @Override
  public String traceparent(CallStarted call) {
    try {
      return events.traceparent(clean(call));
    } catch (RuntimeException ignored) {
      return null;
    }
  }

  @Override
  public void callEnded(CallEnded call) {
    try {
      String requestId = redactor.text(call.requestId());
      CallStarted started = clean(call.call());
      events.callEnded(started == call.call() && requestId.equals(call.requestId()) ? call
          : new CallEnded(started, call.attempts(), call.statusCode(), call.outcome(), call.requestSent(),
              call.duration(), requestId));
    } catch (RuntimeException ignored) {
      // the listener's failure is not the call's
    }
  }

  /** The call with its account masked; the same instance when nothing needed masking. */
  private CallStarted clean(CallStarted call) {
    String account = redactor.text(call.account());
    return account.equals(call.account()) ? call
        : new CallStarted(call.callId(), call.marketplace(), call.operationId(), account);
  }

  @Override
  public void quotaRemaining(String operationId, String account, long limit, long remaining) {
    try {
      events.quotaRemaining(operationId, redactor.text(account), limit, remaining);
    } catch (RuntimeException ignored) {
      // the listener's failure is not the call's
    }
  }

  @Override
  public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
    try {
      events.retrying(operationId, failedAttempt, redactor.text(reason), delay);
    } catch (RuntimeException ignored) {
      // the listener's failure is not the call's
    }
  }

  @Override
  public void rateLimitWait(String operationId, Duration wait) {
    try {
      events.rateLimitWait(operationId, wait);
    } catch (RuntimeException ignored) {
      // the listener's failure is not the call's
    }
  }

  @Override
  public void deprecatedOperation(String operationId, String replacementOperationId, String shutdownDate) {
    try {
      events.deprecatedOperation(operationId, replacementOperationId, shutdownDate);
    } catch (RuntimeException ignored) {
      // the listener's failure is not the call's
    }
  }

  @Override
  public void polled(String operationId, int attempt, boolean settled, Duration elapsed) {
    try {
      events.polled(operationId, attempt, settled, elapsed);
    } catch (RuntimeException ignored) {
      // the listener's failure is not the call's
    }
  }

  @Override
  public void contractMismatch(ContractMismatch mismatch) {
    try {
      events.contractMismatch(new ContractMismatch(mismatch.operationId(), mismatch.direction(), mismatch.kind(),
          redactor.text(mismatch.location()), redactor.text(mismatch.message())));
    } catch (RuntimeException ignored) {
      // the listener's failure is not the call's
    }
  }

  @Override
  public void rateLimited(String operationId, RateLimitKind kind, Optional<Instant> reset) {
    try {
      events.rateLimited(operationId, kind, reset);
    } catch (RuntimeException ignored) {
      // the listener's failure is not the call's
    }
  }

  @Override
  public void unusableRateLimitHeader(String operationId, String header, String reason) {
    try {
      events.unusableRateLimitHeader(operationId, redactor.text(header), redactor.text(reason));
    } catch (RuntimeException ignored) {
      // the listener's failure is not the call's
    }
  }

  @Override
  public void limiterStoreUnavailable(String store, String reason) {
    try {
      events.limiterStoreUnavailable(redactor.text(store), redactor.text(reason));
    } catch (RuntimeException ignored) {
      // the listener's failure is not the call's
    }
  }

  @Override
  public String toString() {
    return events.toString();
  }
}
