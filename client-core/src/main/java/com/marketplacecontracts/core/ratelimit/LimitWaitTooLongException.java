package com.marketplacecontracts.core.ratelimit;

import com.marketplacecontracts.core.error.RateLimitKind;
import java.io.IOException;
import java.time.Duration;

/**
 * Thrown inside the OkHttp chain when the client-side limiter would hold a call longer than allowed (its quota is
 * spent, or all the account's parallel slots stay busy); the client turns it into a {@code RateLimitedException}
 * with status 0: nothing was sent. An {@link IOException} because that is what OkHttp interceptors may throw.
 */
public final class LimitWaitTooLongException extends IOException {

  private final transient Duration wait;
  private final RateLimitKind kind;

  public LimitWaitTooLongException(String operationId, RateLimitKind kind, Duration wait) {
    super(kind == RateLimitKind.QUOTA
        ? "client-side quota for " + operationId + " is spent; next slot in " + wait
        : "all parallel slots of the account stayed busy for " + wait + " (" + operationId + ")");
    this.kind = kind;
    this.wait = wait;
  }

  /** How long until the limiter would allow the call (the quota), or how long it waited (parallel slots). */
  public Duration waitNeeded() {
    return wait;
  }

  /** Which limit held the call. */
  public RateLimitKind kind() {
    return kind;
  }
}
