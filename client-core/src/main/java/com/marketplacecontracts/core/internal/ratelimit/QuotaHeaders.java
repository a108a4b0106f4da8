package com.marketplacecontracts.core.internal.ratelimit;

import com.marketplacecontracts.core.internal.error.RetryAfter;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The quota state the marketplace reports on every answer: {@code X-RateLimit-Resource-Limit} (units per window),
 * {@code -Remaining} (left in the current window, after this request) and {@code -Until} (when the window resets, an
 * RFC 822 date).
 *
 * <p>These values come from the network and end up in buckets and in the shared store, so each is checked before
 * use: whole decimal numbers only (no sign, fraction or exponent), a limit of 1 to {@link #MAX_LIMIT}, a remaining
 * count of 0 to the limit, a date of at most {@link #MAX_DATE_LENGTH} characters, and one value per header. Anything
 * else makes the whole set unusable (the limiter then goes on as if the answer had said nothing) and is reported.
 */
record QuotaHeaders(long limit, long remaining, Instant until) {

  static final String LIMIT = "X-RateLimit-Resource-Limit";
  static final String REMAINING = "X-RateLimit-Resource-Remaining";
  static final String UNTIL = "X-RateLimit-Resource-Until";
  static final String RETRY_AFTER = "Retry-After";
  /** Far above any documented quota (100 000 an hour); a bucket of more would be of no use anyway. */
  static final long MAX_LIMIT = 10_000_000L;
  /** An RFC 1123 date is at most 31 characters; longer text is not parsed at all. */
  static final int MAX_DATE_LENGTH = 40;

  /** The last reset date parsed: answers within one window repeat it, and parsing an HTTP date is not cheap. */
  private static volatile Reset last = new Reset("", Instant.EPOCH);

  private record Reset(String text, Instant at) {
  }

  /** Where an unusable value is reported: the header and why it cannot be used (never the value itself). */
  @FunctionalInterface
  interface Unusable {
    void report(String header, String reason);
  }

  /** A header whose value cannot be used. */
  private static final class Refused extends Exception {
    final String header;

    Refused(String header, String reason) {
      super(reason, null, false, false); // no stack trace: a hostile server may send one on every answer
      this.header = header;
    }
  }

  /**
   * The headers' values, or {@code null} when any is missing or unusable; an unusable one is reported to
   * {@code unusable}.
   */
  static QuotaHeaders of(okhttp3.Headers headers, Unusable unusable) {
    try {
      String limit = single(headers, LIMIT);
      String remaining = single(headers, REMAINING);
      String until = single(headers, UNTIL);
      if (limit == null || remaining == null || until == null) {
        return null;
      }
      long parsedLimit = count(LIMIT, limit);
      if (parsedLimit < 1 || parsedLimit > MAX_LIMIT) {
        throw new Refused(LIMIT, "outside 1.." + MAX_LIMIT);
      }
      long parsedRemaining = count(REMAINING, remaining);
      if (parsedRemaining > parsedLimit) {
        throw new Refused(REMAINING, "more than the limit");
      }
      return new QuotaHeaders(parsedLimit, parsedRemaining, date(UNTIL, until));
    } catch (Refused e) {
      unusable.report(e.header, e.getMessage() + ": ignored");
      return null;
    }
  }

  /**
   * Why a {@code Retry-After} value cannot be used as sent ({@link RetryAfter} ignores it, or clamps it to
   * {@link RetryAfter#MAX}), or {@code null} when it can (or is absent).
   */
  static String retryAfterProblem(okhttp3.Headers headers, Instant now) {
    List<String> values = headers.values(RETRY_AFTER);
    if (values.isEmpty()) {
      return null;
    }
    if (values.stream().map(String::trim).distinct().count() > 1) {
      return "sent more than once with different values: the last is used";
    }
    String value = values.get(0).trim();
    String clamped = "more than " + RetryAfter.MAX.toHours() + " hours: clamped to that";
    if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      String digits = value.replaceFirst("^0+(?=.)", "");
      return digits.length() > 18 || Long.parseLong(digits) > RetryAfter.MAX.toSeconds() ? clamped : null;
    }
    try {
      return Duration.between(now, date(RETRY_AFTER, value)).compareTo(RetryAfter.MAX) > 0 ? clamped : null;
    } catch (Refused e) {
      return "neither whole seconds nor an HTTP date: ignored";
    }
  }

  /** The header's value, {@code null} when absent; refused when sent more than once with different values. */
  private static String single(okhttp3.Headers headers, String name) throws Refused {
    List<String> values = headers.values(name);
    if (values.isEmpty()) {
      return null;
    }
    String first = values.get(0).trim();
    for (int i = 1; i < values.size(); i++) {
      if (!values.get(i).trim().equals(first)) {
        throw new Refused(name, "sent more than once with different values");
      }
    }
    return first;
  }

  /** A count: decimal digits only, checked before parsing (no exponent is ever expanded). */
  private static long count(String header, String value) throws Refused {
    if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new Refused(header, "not a whole number of 0 or more");
    }
    String digits = value.replaceFirst("^0+(?=.)", "");
    if (digits.length() > 18) {
      throw new Refused(header, "more than " + MAX_LIMIT);
    }
    return Long.parseLong(digits);
  }

  private static Instant date(String header, String value) throws Refused {
    Reset cached = last;
    if (cached.text().equals(value)) {
      return cached.at();
    }
    if (value.length() > MAX_DATE_LENGTH) {
      throw new Refused(header, "not an HTTP date");
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      last = new Reset(value, at);
      return at;
    } catch (DateTimeException e) {
      throw new Refused(header, "not an HTTP date");
    }
  }
}
