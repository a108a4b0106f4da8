package com.marketplacecontracts.model;

import com.marketplacecontracts.core.operation.Marketplace;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * An order as a seller's back-end tracks it.
 *
 * @param marketplace      where it was placed
 * @param orderId          the marketplace's order id
 * @param shopId           the shop (Yandex campaign) it belongs to; null when not sent
 * @param externalOrderId  the seller's own number for it; null when none
 * @param status           where it is; {@link OrderStatus#OTHER} for a status this library does not know
 * @param rawStatus        the status as the marketplace sent it; null when not sent
 * @param rawSubstatus     why it got there (the marketplace's substatus); null when not sent
 * @param open             whether the order may still change hands or money: false only for a status known to be
 *                         final (delivered, cancelled, returned); a status this library does not know counts as
 *                         open, so it is looked at rather than forgotten
 * @param cancelRequested  whether the buyer asked to cancel and the seller has not answered
 * @param test             a test order the marketplace made, not a sale
 * @param createdAt        when it was placed; null when not sent
 * @param updatedAt        when it last changed; null when not sent
 * @param rawProgram       the fulfilment model as the marketplace names it (FBS, FBY, DBS...); null when not sent
 * @param rawPaymentType   prepaid or on delivery, as the marketplace names it; null when not sent
 * @param rawPaymentMethod card, cash... as the marketplace names it; null when not sent
 * @param lines            what was ordered
 * @param money            what it costs, as the marketplace totals it
 */
public record Order(Marketplace marketplace, String orderId, String shopId, String externalOrderId,
    OrderStatus status, String rawStatus, String rawSubstatus, boolean open, boolean cancelRequested, boolean test,
    OffsetDateTime createdAt, OffsetDateTime updatedAt, String rawProgram, String rawPaymentType,
    String rawPaymentMethod, List<OrderLine> lines, OrderMoney money) {

  public Order {
    Objects.requireNonNull(marketplace, "marketplace");
    Objects.requireNonNull(orderId, "orderId");
    status = status == null ? OrderStatus.OTHER : status;
    lines = lines == null ? List.of() : List.copyOf(lines);
    money = money == null ? OrderMoney.NONE : money;
  }

  /** The order's state alone, without contents (the shape of earlier versions). */
  public Order(Marketplace marketplace, String orderId, String rawStatus, boolean open, OffsetDateTime createdAt) {
    this(marketplace, orderId, null, null, OrderStatus.OTHER, rawStatus, null, open, false, false, createdAt, null,
        null, null, null, List.of(), OrderMoney.NONE);
  }
}
