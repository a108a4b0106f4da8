package com.marketplacecontracts.core.operation;

import java.time.Duration;
import java.util.Objects;

/**
 * A call that ended, with an answer or a typed failure; every {@link CallStarted} is followed by exactly one. Never
 * carries a credential.
 *
 * @param call        the call as it started
 * @param attempts    requests that went out for it, retries included (0 when the client's limiter held it back)
 * @param statusCode  the last answer's HTTP status, or 0 when no answer arrived
 * @param outcome     the answer, or which kind of failure
 * @param requestSent whether the request may have reached the marketplace (see
 *                    {@code MarketplaceException.requestSent()})
 * @param duration    from the start until the answer was decoded or the failure known, retries and waits included
 * @param requestId   the id the marketplace logs the request under (its own request id, else the
 *                    {@code traceparent} sent); empty when nothing was sent
 */
public record CallEnded(CallStarted call, int attempts, int statusCode, CallOutcome outcome, boolean requestSent,
    Duration duration, String requestId) {

  public CallEnded {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    requestId = requestId == null ? "" : requestId;
  }

  /** The spec's operationId. */
  public String operationId() {
    return call.operationId();
  }

  /** True for an answer. */
  public boolean succeeded() {
    return outcome == CallOutcome.SUCCESS;
  }
}
