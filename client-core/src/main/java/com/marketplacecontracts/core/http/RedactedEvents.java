package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.error.Redactor;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.RateLimitKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The user's {@link ClientEvents} as every part of a runtime sees them: each text that may have come from the
 * network (a retry's reason quoting an exception, a store's failure, a mismatch's location and rule, which may name
 * a field the server made up) passes the runtime's {@link Redactor} first. Overrides every method of the interface
 * (a test checks), so none is silently dropped.
 */
final class RedactedEvents implements ClientEvents {

  private final ClientEvents events;
  private final Redactor redactor;

  RedactedEvents(ClientEvents events, Redactor redactor) {
    this.events = events;
    this.redactor = redactor;
  }

  @Override
  public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
    events.retrying(operationId, failedAttempt, redactor.text(reason), delay);
  }

  @Override
  public void rateLimitWait(String operationId, Duration wait) {
    events.rateLimitWait(operationId, wait);
  }

  @Override
  public void deprecatedOperation(String operationId, String replacementOperationId, String shutdownDate) {
    events.deprecatedOperation(operationId, replacementOperationId, shutdownDate);
  }

  @Override
  public void polled(String operationId, int attempt, boolean settled, Duration elapsed) {
    events.polled(operationId, attempt, settled, elapsed);
  }

  @Override
  public void contractMismatch(ContractMismatch mismatch) {
    events.contractMismatch(new ContractMismatch(mismatch.operationId(), mismatch.direction(), mismatch.kind(),
        redactor.text(mismatch.location()), redactor.text(mismatch.message())));
  }

  @Override
  public void rateLimited(String operationId, RateLimitKind kind, Optional<Instant> reset) {
    events.rateLimited(operationId, kind, reset);
  }

  @Override
  public void unusableRateLimitHeader(String operationId, String header, String reason) {
    events.unusableRateLimitHeader(operationId, redactor.text(header), redactor.text(reason));
  }

  @Override
  public void limiterStoreUnavailable(String store, String reason) {
    events.limiterStoreUnavailable(redactor.text(store), redactor.text(reason));
  }

  @Override
  public String toString() {
    return events.toString();
  }
}
