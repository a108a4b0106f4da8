package com.marketplacecontracts.spring;

import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.RateLimitKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The client's events in the application's log (Spring's commons-logging, so whatever backend Boot set up). What
 * needs a person's attention is WARN; what happens in normal operation is DEBUG. Events carry no credentials.
 */
final class LoggingEvents implements ClientEvents {

  private final Log log;

  LoggingEvents(String marketplace) {
    this.log = LogFactory.getLog("com.marketplacecontracts." + marketplace);
  }

  @Override
  public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
    if (log.isDebugEnabled()) {
      log.debug(operationId + ": attempt " + failedAttempt + " failed (" + reason + "), retrying in " + delay);
    }
  }

  @Override
  public void rateLimitWait(String operationId, Duration wait) {
    if (log.isDebugEnabled()) {
      log.debug(operationId + ": held " + wait + " by the client-side quota");
    }
  }

  @Override
  public void deprecatedOperation(String operationId, String replacementOperationId, String shutdownDate) {
    log.warn(operationId + " is deprecated by the marketplace"
        + (replacementOperationId.isEmpty() ? "" : "; use " + replacementOperationId)
        + (shutdownDate.isEmpty() ? "" : "; removed on " + shutdownDate));
  }

  @Override
  public void polled(String operationId, int attempt, boolean settled, Duration elapsed) {
    if (log.isDebugEnabled()) {
      log.debug(operationId + ": poll " + attempt + (settled ? " settled" : " pending") + " after " + elapsed);
    }
  }

  @Override
  public void contractMismatch(ContractMismatch mismatch) {
    log.warn("contract mismatch: " + mismatch);
  }

  @Override
  public void rateLimited(String operationId, RateLimitKind kind, Optional<Instant> reset) {
    log.warn(operationId + ": rate limited by the server (" + kind + ")" + reset.map(r -> ", quota renews " + r)
        .orElse(""));
  }

  @Override
  public void unusableRateLimitHeader(String operationId, String header, String reason) {
    log.warn(operationId + ": rate-limit header " + header + " not used: " + reason);
  }

  @Override
  public void limiterStoreUnavailable(String store, String reason) {
    log.warn("limits store " + store + " unavailable (" + reason + "): limiting in this process meanwhile");
  }

  @Override
  public String toString() {
    return "LoggingEvents(" + log + ")";
  }
}
