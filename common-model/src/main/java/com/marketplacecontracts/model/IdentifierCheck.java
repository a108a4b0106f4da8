package com.marketplacecontracts.model;

import com.marketplacecontracts.core.operation.Marketplace;
import java.time.OffsetDateTime;

/**
 * The check of one item identifier: a Yandex Market jewellery UIN or a Chestny ZNAK marking code.
 *
 * @param marketplace  where it was checked
 * @param orderId      the order (as {@link Order#orderId()})
 * @param lineId       the order line it belongs to (as {@link OrderLine#lineId()})
 * @param kind         what the identifier is
 * @param identifier   the identifier's value
 * @param state        normalised state
 * @param rawState     the state as the marketplace sent it
 * @param rawSubstatus why it failed, as the marketplace sent it; null when not sent
 * @param checkId      the id of the check at the marking operator (CRPT, LaaS only); null when not sent
 * @param checkedAt    when the marking operator checked it (LaaS only); null when not sent
 */
public record IdentifierCheck(Marketplace marketplace, String orderId, String lineId, Kind kind, String identifier,
    CheckState state, String rawState, String rawSubstatus, String checkId, OffsetDateTime checkedAt) {

  /** What kind of identifier is checked. */
  public enum Kind {
    /** A jewellery UIN (ГИИС ДМДК). */
    UIN,
    /** A Chestny ZNAK marking code (CIS). */
    MARKING_CODE
  }
}
