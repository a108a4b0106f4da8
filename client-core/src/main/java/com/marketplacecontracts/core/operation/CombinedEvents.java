package com.marketplacecontracts.core.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Listeners told in turn ({@link ClientEvents#plus}): flat, {@link ClientEvents#NONE} left out, each one's failure
 * kept from the others and from the call.
 */
final class CombinedEvents implements ClientEvents {

  private final ClientEvents[] listeners;

  private CombinedEvents(ClientEvents[] listeners) {
    this.listeners = listeners;
  }

  static ClientEvents of(ClientEvents first, ClientEvents second) {
    List<ClientEvents> all = new ArrayList<>();
    add(all, first);
    add(all, java.util.Objects.requireNonNull(second, "other"));
    if (all.isEmpty()) {
      return NONE;
    }
    return all.size() == 1 ? all.get(0) : new CombinedEvents(all.toArray(ClientEvents[]::new));
  }

  private static void add(List<ClientEvents> all, ClientEvents events) {
    if (events instanceof CombinedEvents combined) {
      all.addAll(List.of(combined.listeners));
    } else if (events != NONE) {
      all.add(events);
    }
  }

  private void each(Consumer<ClientEvents> event) {
    for (ClientEvents listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException ignored) {
        // a listener's own failure: the others are still told, and the call goes on
      }
    }
  }

  @Override
  public void callStarted(CallStarted call) {
    each(l -> l.callStarted(call));
  }

  @Override
  public String traceparent(CallStarted call) {
    for (ClientEvents listener : listeners) {
      try {
        String traceparent = listener.traceparent(call);
        if (traceparent != null) {
          return traceparent;
        }
      } catch (RuntimeException ignored) {
        // as if it had given none
      }
    }
    return null;
  }

  @Override
  public void callEnded(CallEnded call) {
    each(l -> l.callEnded(call));
  }

  @Override
  public void quotaRemaining(String operationId, String account, long limit, long remaining) {
    each(l -> l.quotaRemaining(operationId, account, limit, remaining));
  }

  @Override
  public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
    each(l -> l.retrying(operationId, failedAttempt, reason, delay));
  }

  @Override
  public void rateLimitWait(String operationId, Duration wait) {
    each(l -> l.rateLimitWait(operationId, wait));
  }

  @Override
  public void deprecatedOperation(String operationId, String replacementOperationId, String shutdownDate) {
    each(l -> l.deprecatedOperation(operationId, replacementOperationId, shutdownDate));
  }

  @Override
  public void polled(String operationId, int attempt, boolean settled, Duration elapsed) {
    each(l -> l.polled(operationId, attempt, settled, elapsed));
  }

  @Override
  public void contractMismatch(ContractMismatch mismatch) {
    each(l -> l.contractMismatch(mismatch));
  }

  @Override
  public void rateLimited(String operationId, RateLimitKind kind, Optional<Instant> reset) {
    each(l -> l.rateLimited(operationId, kind, reset));
  }

  @Override
  public void unusableRateLimitHeader(String operationId, String header, String reason) {
    each(l -> l.unusableRateLimitHeader(operationId, header, reason));
  }

  @Override
  public void limiterStoreUnavailable(String store, String reason) {
    each(l -> l.limiterStoreUnavailable(store, reason));
  }

  @Override
  public String toString() {
    return "ClientEvents" + List.of(listeners);
  }
}
