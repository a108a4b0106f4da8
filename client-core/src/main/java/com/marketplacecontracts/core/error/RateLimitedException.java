package com.marketplacecontracts.core.error;

import java.time.Duration;
import java.util.Optional;

/** HTTP 420 (Yandex's "rate limit exceeded") or 429, still failing after the retries allowed. */
public class RateLimitedException extends MarketplaceException {

  private final Duration retryAfter;

  public RateLimitedException(Details details, Duration retryAfter, Throwable cause) {
    super(details, "rate limit exceeded", cause);
    this.retryAfter = retryAfter;
  }

  /** When the server said to try again ({@code Retry-After} or Yandex's reset header), if it did. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
