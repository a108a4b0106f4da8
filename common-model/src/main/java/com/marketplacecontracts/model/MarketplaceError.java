package com.marketplacecontracts.model;

import com.marketplacecontracts.core.operation.Marketplace;
import java.util.List;

/**
 * An error answer from a marketplace (Teez problem details, Yandex {@code ApiErrorResponse}).
 *
 * @param marketplace where it came from
 * @param httpStatus  the HTTP status (0 when unknown)
 * @param issues      the errors: request-level ones with a null field, then field errors
 */
public record MarketplaceError(Marketplace marketplace, int httpStatus, List<Issue> issues) {

  public MarketplaceError {
    issues = List.copyOf(issues);
  }

  /** The error codes, in order. */
  public List<String> codes() {
    return issues.stream().map(Issue::code).toList();
  }
}
