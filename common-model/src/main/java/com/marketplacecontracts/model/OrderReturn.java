package com.marketplacecontracts.model;

import com.marketplacecontracts.core.operation.Marketplace;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Goods of an order coming back to the seller: a return or an order never collected.
 *
 * @param marketplace        where
 * @param returnId           the marketplace's id of the return
 * @param orderId            the order
 * @param kind               why; {@link ReturnKind#OTHER} for a kind this library does not know
 * @param rawKind            the kind as sent
 * @param rawRefundStatus    where the buyer's refund is, as sent; null when not sent
 * @param rawShipmentStatus  where the goods are on their way back, as sent; null when not sent
 * @param rawRecipientType   who receives them (a warehouse, the shop...), as sent; null when not sent
 * @param fast               a return refunded before the goods arrive
 * @param createdAt          when it was opened; null when not sent
 * @param updatedAt          when it last changed; null when not sent
 * @param pickupTill         until when the seller may collect the goods; null when not sent
 * @param amount             the refund; null when not sent
 * @param lines              what comes back
 */
public record OrderReturn(Marketplace marketplace, String returnId, String orderId, ReturnKind kind,
    String rawKind, String rawRefundStatus, String rawShipmentStatus, String rawRecipientType, boolean fast,
    OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime pickupTill, Money amount,
    List<ReturnLine> lines) {

  public OrderReturn {
    Objects.requireNonNull(marketplace, "marketplace");
    Objects.requireNonNull(returnId, "returnId");
    kind = kind == null ? ReturnKind.OTHER : kind;
    lines = lines == null ? List.of() : List.copyOf(lines);
  }
}
