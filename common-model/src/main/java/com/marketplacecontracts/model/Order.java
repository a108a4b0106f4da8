package com.marketplacecontracts.model;

import com.marketplacecontracts.core.operation.Marketplace;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * An order as a seller's back-end tracks it.
 *
 * @param marketplace where it was placed
 * @param orderId     the marketplace's order id
 * @param rawStatus   the status as the marketplace sent it; null when not sent
 * @param open        whether the order may still change hands or money: false only for a status known to be final
 *                    (delivered, cancelled, returned); a status this library does not know counts as open, so it
 *                    is looked at rather than forgotten
 * @param createdAt   when it was placed; null when not sent
 */
public record Order(Marketplace marketplace, String orderId, String rawStatus, boolean open, OffsetDateTime createdAt) {

  public Order {
    Objects.requireNonNull(marketplace, "marketplace");
    Objects.requireNonNull(orderId, "orderId");
  }
}
