package com.marketplacecontracts.model;

import java.util.List;

/**
 * A variant of a listing with its own state (a Teez SKU in an import).
 *
 * @param requestIndex position in the seller's request, to match results to what was sent
 * @param variantId    the marketplace's id for it, null until created
 * @param state        normalised state
 * @param rawState     the state exactly as the marketplace sent it
 * @param issues       what is wrong with it
 */
public record ListingVariant(Integer requestIndex, Long variantId, ModerationState state, String rawState,
    List<Issue> issues) {

  public ListingVariant {
    issues = List.copyOf(issues);
  }
}
