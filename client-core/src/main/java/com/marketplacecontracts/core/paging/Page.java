package com.marketplacecontracts.core.paging;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing and the token of the next one.
 *
 * @param items     the page's items
 * @param nextToken the next page's token; {@code null} or blank on the last page
 */
public record Page<T>(List<T> items, String nextToken) {

  public Page {
    items = items == null ? List.of() : items;
  }

  /** The next page's token, absent on the last page. */
  public Optional<String> next() {
    return nextToken == null || nextToken.isBlank() ? Optional.empty() : Optional.of(nextToken);
  }
}
