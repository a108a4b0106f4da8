package com.marketplacecontracts.model;

import java.util.Objects;

/**
 * One line of an order.
 *
 * @param lineId   the marketplace's id of the line (boxes and labels name it)
 * @param offerId  the seller's SKU
 * @param name     the offer's name as ordered
 * @param count    units ordered
 * @param payment  what the buyer pays for one unit; null when not sent
 * @param subsidy  what the marketplace adds for one unit (its discounts); null when not sent
 * @param cashback the points the buyer paid with for one unit; null when not sent
 * @param rawVat   the VAT rate as the marketplace names it; null when not sent
 */
public record OrderLine(String lineId, String offerId, String name, int count, Money payment, Money subsidy,
    Money cashback, String rawVat) {

  public OrderLine {
    Objects.requireNonNull(lineId, "lineId");
  }
}
