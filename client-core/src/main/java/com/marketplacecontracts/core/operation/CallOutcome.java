package com.marketplacecontracts.core.operation;

import java.util.Locale;

/**
 * How a call ended: its answer, or which kind of typed failure it threw. A closed, small set, fit for a metric tag.
 */
public enum CallOutcome {
  /** A decoded answer. */
  SUCCESS,
  /** HTTP 400 or 422. */
  BAD_REQUEST,
  /** HTTP 401. */
  UNAUTHORIZED,
  /** HTTP 403. */
  FORBIDDEN,
  /** HTTP 404. */
  NOT_FOUND,
  /** HTTP 420 or 429, or the client's own limiter held the call longer than allowed. */
  RATE_LIMITED,
  /** Another HTTP 4xx. */
  CLIENT_ERROR,
  /** HTTP 5xx. */
  SERVER_ERROR,
  /** No HTTP answer: refused, reset, timed out. */
  TRANSPORT,
  /** An answer that is not the documented JSON (or too large). */
  UNREADABLE_RESPONSE,
  /** A redirect the client does not follow. */
  REDIRECT_REFUSED,
  /** Refused before sending (a limit the request breaks). */
  INVALID_REQUEST,
  /** Cancelled by the caller. */
  CANCELLED,
  /** Any other failure: an error of the calling code or of an interceptor it added. */
  OTHER;

  /** The name as a tag value: {@code success}, {@code rate_limited}... */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
