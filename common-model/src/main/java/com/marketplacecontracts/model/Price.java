package com.marketplacecontracts.model;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An offer's selling price: the amount is meaningless without its currency, so both are required.
 *
 * @param offerId  the seller's offer id (SKU)
 * @param value    the amount, positive
 * @param currency its currency
 */
public record Price(String offerId, BigDecimal value, Currency currency) {

  public Price {
    Objects.requireNonNull(offerId, "offerId");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(currency, "currency");
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("price of " + offerId + " must be positive, was " + value);
    }
  }
}
