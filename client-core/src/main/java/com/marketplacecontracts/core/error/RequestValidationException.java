package com.marketplacecontracts.core.error;

import com.marketplacecontracts.core.operation.Marketplace;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The request broke the spec's constraints; it was not sent. Lists every violation: the field, its value (unless
 * secret) and the rule.
 */
public class RequestValidationException extends MarketplaceException {

  private final List<Violation> violations;

  public RequestValidationException(Marketplace marketplace, String operationId, List<Violation> violations) {
    super(new Details(marketplace, operationId, 0, List.of(), null, null),
        "invalid request, nothing sent: " + violations.stream().map(Violation::toString)
            .collect(Collectors.joining("; ")), null);
    this.violations = List.copyOf(violations);
  }

  /** Every violated constraint, sorted by field. */
  public List<Violation> violations() {
    return violations;
  }

  /**
   * One violated constraint.
   *
   * @param field the parameter or property path, e.g. {@code getOperationsRequest.operationIds[0]}
   * @param value the rejected value as text, {@code "***"} for a secret
   * @param rule  the constraint's message, e.g. {@code size must be between 1 and 1000}
   */
  public record Violation(String field, String value, String rule) {

    @Override
    public String toString() {
      return field + " = " + value + ": " + rule;
    }
  }
}
