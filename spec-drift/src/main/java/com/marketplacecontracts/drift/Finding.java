package com.marketplacecontracts.drift;

/**
 * One difference of one operation.
 *
 * @param severity how it affects the client
 * @param change what changed
 * @param operationId the curated operation's id
 * @param operation the curated operation's method and path, e.g. {@code POST /v1/businesses/{businessId}/operations}
 * @param field where in the operation: {@code parameter limit}, {@code request body.offerIds},
 *     {@code response 200 result.items[].uin}; empty for the operation itself
 * @param detail what changed and why it matters, in one sentence
 * @param daysLeft for a scheduled shutdown, the days until it (negative once past); otherwise null
 */
public record Finding(Severity severity, Change change, String operationId, String operation, String field,
    String detail, Integer daysLeft) {

  /** One line: {@code BREAKING path-moved getX (POST /a) field: detail}. */
  @Override
  public String toString() {
    return severity + " " + change.id() + " " + operationId + " (" + operation + ")"
        + (field.isEmpty() ? "" : " " + field) + ": " + detail;
  }
}
