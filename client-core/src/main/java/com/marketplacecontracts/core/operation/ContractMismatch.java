package com.marketplacecontracts.core.operation;

import java.util.Locale;

/**
 * A difference between a live request or response and the spec the client was generated from, found by an opt-in
 * contract guard. Carries names and rules, never values (a body may hold credentials or personal data).
 *
 * @param operationId the spec's operationId
 * @param direction   whether the request or the response differs
 * @param kind        what kind of difference
 * @param location    where in the message, e.g. {@code $.result.items[0].status}, or {@code status 418}
 * @param message     the rule that failed, as the validator words it
 */
public record ContractMismatch(String operationId, Direction direction, Kind kind, String location,
    String message) {

  /** Which message differs. */
  public enum Direction { REQUEST, RESPONSE }

  /** What differs. */
  public enum Kind {
    /** A field the spec does not declare (the marketplace added one). */
    UNKNOWN_FIELD,
    /** A field the spec marks required is missing. */
    MISSING_REQUIRED,
    /** A value outside the spec's enum (the marketplace added one). */
    UNKNOWN_ENUM_VALUE,
    /** A value of another JSON type than the spec's. */
    WRONG_TYPE,
    /** A status code the operation does not document. */
    UNDOCUMENTED_STATUS,
    /** Any other rule (length, pattern, range, format, body not JSON). */
    CONSTRAINT,
    /**
     * The guard did not check the message, or not all of it: too large or too deeply nested to check at a bounded
     * cost, or more mismatches than are reported for one message.
     */
    NOT_CHECKED
  }

  @Override
  public String toString() {
    return operationId + " " + direction.name().toLowerCase(Locale.ROOT) + " " + kind + " at " + location
        + ": " + message;
  }
}
