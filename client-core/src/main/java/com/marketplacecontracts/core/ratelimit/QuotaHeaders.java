package com.marketplacecontracts.core.ratelimit;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;

/**
 * The quota state the marketplace reports on every answer: {@code X-RateLimit-Resource-Limit} (units per window),
 * {@code -Remaining} (left in the current window, after this request) and {@code -Until} (when the window resets, an
 * RFC 822 date).
 */
record QuotaHeaders(long limit, long remaining, Instant until) {

  /** The last reset date parsed: answers within one window repeat it, and parsing an HTTP date is not cheap. */
  private static volatile Reset last = new Reset("", Instant.EPOCH);

  private record Reset(String text, Instant at) {
  }

  /** The headers' values, or {@code null} when any is missing or malformed. */
  static QuotaHeaders of(Headers headers) {
    String limit = headers.get("X-RateLimit-Resource-Limit");
    String remaining = headers.get("X-RateLimit-Resource-Remaining");
    String until = headers.get("X-RateLimit-Resource-Until");
    if (limit == null || remaining == null || until == null) {
      return null;
    }
    try {
      long parsedLimit = Long.parseLong(limit.trim());
      long parsedRemaining = Long.parseLong(remaining.trim());
      Reset cached = last;
      Instant reset;
      if (cached.text().equals(until)) {
        reset = cached.at();
      } else {
        reset = ZonedDateTime.parse(until.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        last = new Reset(until, reset);
      }
      if (parsedLimit < 1 || parsedRemaining < 0 || parsedRemaining > parsedLimit) {
        return null;
      }
      return new QuotaHeaders(parsedLimit, parsedRemaining, reset);
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }
}
