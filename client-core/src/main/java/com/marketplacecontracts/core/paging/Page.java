package com.marketplacecontracts.core.paging;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing and the token of the next one.
 *
 * @param items     the page's items
 * @param nextToken the next page's token; {@code null} or blank on the last page
 * @param requestId the id the server logged the page's request under, or {@code null} when not known: a
 *                  {@link PagingStoppedException} names the last page's
 */
public record Page<T>(List<T> items, String nextToken, String requestId) {

  public Page {
    items = items == null ? List.of() : items;
  }

  /** A page whose request id is not known. */
  public Page(List<T> items, String nextToken) {
    this(items, nextToken, null);
  }

  /** The next page's token, absent on the last page. */
  public Optional<String> next() {
    return nextToken == null || nextToken.isBlank() ? Optional.empty() : Optional.of(nextToken);
  }
}
