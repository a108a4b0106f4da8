package com.marketplacecontracts.model;

import java.util.List;

/**
 * One returned offer of a return.
 *
 * @param offerId    the seller's SKU
 * @param marketSku  the marketplace's card id; null when not sent
 * @param count      units coming back
 * @param decisions  what was decided about them; empty when nothing yet
 * @param trackCodes the parcels they travel in; empty when none
 */
public record ReturnLine(String offerId, Long marketSku, long count, List<ReturnDecision> decisions,
    List<String> trackCodes) {

  public ReturnLine {
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
    trackCodes = trackCodes == null ? List.of() : List.copyOf(trackCodes);
  }
}
