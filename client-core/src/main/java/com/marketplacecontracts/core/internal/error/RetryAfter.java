package com.marketplacecontracts.core.internal.error;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Headers;

/**
 * When a server asks to wait: {@code Retry-After} (seconds or an HTTP date), else Yandex's
 * {@code X-RateLimit-Resource-Until} (the quota's reset time, an RFC 822 date) when the quota is spent.
 */
public final class RetryAfter {

  /** Longest wait a header may ask for; absurd values (a year, 20 digits) are clamped to it. */
  public static final Duration MAX = Duration.ofDays(1);

  private RetryAfter() {
  }

  /** The wait the headers ask for, never negative; empty when they ask for none. */
  public static Optional<Duration> from(Headers headers, Clock clock) {
    String retryAfter = headers.get("Retry-After");
    if (retryAfter != null) {
      Optional<Duration> parsed = parse(retryAfter.trim(), clock);
      if (parsed.isPresent()) {
        return parsed;
      }
    }
    String remaining = headers.get("X-RateLimit-Resource-Remaining");
    String until = headers.get("X-RateLimit-Resource-Until");
    if (until != null && (remaining == null || remaining.trim().equals("0"))) {
      return date(until.trim(), clock);
    }
    return Optional.empty();
  }

  /**
   * The wait a quota 420 asks for: {@link #from}, else the time until the quota's reset
   * ({@code X-RateLimit-Resource-Until}) whatever the remaining count says.
   */
  public static Optional<Duration> quotaReset(Headers headers, Clock clock) {
    Optional<Duration> asked = from(headers, clock);
    String until = headers.get("X-RateLimit-Resource-Until");
    return asked.isPresent() || until == null ? asked : date(until.trim(), clock);
  }

  private static Optional<Duration> parse(String value, Clock clock) {
    if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // At most 18 digits fit a long; anything longer is certainly past the clamp.
      String digits = value.replaceFirst("^0+(?=.)", "");
      return Optional.of(digits.length() > 18 ? MAX : clamp(Duration.ofSeconds(Long.parseLong(digits))));
    }
    return date(value, clock);
  }

  private static Duration clamp(Duration wait) {
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }

  private static Optional<Duration> date(String value, Clock clock) {
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : clamp(wait));
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
