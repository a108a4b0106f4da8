package com.marketplacecontracts.core.ratelimit;

import java.io.IOException;
import java.time.Duration;

/**
 * Thrown inside the OkHttp chain when the client-side quota would hold a call longer than allowed; the client turns
 * it into a {@code RateLimitedException}. An {@link IOException} because that is what OkHttp interceptors may throw.
 */
public final class QuotaWaitTooLongException extends IOException {

  private final transient Duration wait;

  public QuotaWaitTooLongException(String operationId, Duration wait) {
    super("client-side quota for " + operationId + " is spent; next slot in " + wait);
    this.wait = wait;
  }

  /** How long until the quota would allow the call. */
  public Duration waitNeeded() {
    return wait;
  }
}
