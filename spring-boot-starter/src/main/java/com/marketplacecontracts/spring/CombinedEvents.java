package com.marketplacecontracts.spring;

import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.RateLimitKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Several listeners as one, called in order (the application's {@code ClientEvents} beans and the starter's log). */
final class CombinedEvents implements ClientEvents {

  private final List<ClientEvents> listeners;

  private CombinedEvents(List<ClientEvents> listeners) {
    this.listeners = listeners;
  }

  static ClientEvents of(List<ClientEvents> listeners) {
    List<ClientEvents> all = List.copyOf(listeners);
    return all.isEmpty() ? ClientEvents.NONE : all.size() == 1 ? all.get(0) : new CombinedEvents(all);
  }

  @Override
  public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
    listeners.forEach(l -> l.retrying(operationId, failedAttempt, reason, delay));
  }

  @Override
  public void rateLimitWait(String operationId, Duration wait) {
    listeners.forEach(l -> l.rateLimitWait(operationId, wait));
  }

  @Override
  public void deprecatedOperation(String operationId, String replacementOperationId, String shutdownDate) {
    listeners.forEach(l -> l.deprecatedOperation(operationId, replacementOperationId, shutdownDate));
  }

  @Override
  public void polled(String operationId, int attempt, boolean settled, Duration elapsed) {
    listeners.forEach(l -> l.polled(operationId, attempt, settled, elapsed));
  }

  @Override
  public void contractMismatch(ContractMismatch mismatch) {
    listeners.forEach(l -> l.contractMismatch(mismatch));
  }

  @Override
  public void rateLimited(String operationId, RateLimitKind kind, Optional<Instant> reset) {
    listeners.forEach(l -> l.rateLimited(operationId, kind, reset));
  }

  @Override
  public void unusableRateLimitHeader(String operationId, String header, String reason) {
    listeners.forEach(l -> l.unusableRateLimitHeader(operationId, header, reason));
  }

  @Override
  public void limiterStoreUnavailable(String store, String reason) {
    listeners.forEach(l -> l.limiterStoreUnavailable(store, reason));
  }

  @Override
  public String toString() {
    return "CombinedEvents" + listeners;
  }
}
