package com.marketplacecontracts.core.error;

import com.marketplacecontracts.core.operation.RateLimitKind;
import java.time.Duration;
import java.util.Optional;

/**
 * HTTP 420 (Yandex's "rate limit exceeded") or 429, still failing after the retries allowed; or (status 0) a call the
 * client-side limiter would have had to hold longer than allowed.
 */
public class RateLimitedException extends MarketplaceException {

  private final Duration retryAfter;
  private final RateLimitKind kind;

  public RateLimitedException(Details details, RateLimitKind kind, Duration retryAfter, Throwable cause) {
    super(details, "rate limit exceeded (" + (kind == RateLimitKind.PARALLEL ? "parallel requests" : "quota") + ")"
        + (retryAfter == null ? "" : ", try again in " + inWords(retryAfter)), cause);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  /**
   * Which limit: the quota per period, or the cap on parallel requests per account. With {@link #statusCode()} 0
   * the client's own limiter held the call back (nothing was sent).
   */
  public RateLimitKind kind() {
    return kind;
  }

  /** Always: the quota renews and parallel slots free up. */
  @Override
  public boolean isRetryable() {
    return true;
  }

  /** A wait as a person reads it: seconds, minutes or hours, rounded up. */
  private static String inWords(Duration wait) {
    long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    return seconds < 120 ? seconds + " s" : seconds < 7200 ? (seconds + 59) / 60 + " min"
        : (seconds + 3599) / 3600 + " h";
  }

  /** When the server said to try again ({@code Retry-After} or Yandex's reset header), if it did. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
