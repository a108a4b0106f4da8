package com.marketplacecontracts.model;

import java.util.Objects;

/**
 * How many units of an offer are available; 0 is a real level (sold out), not "unknown".
 *
 * @param sku   the seller's offer id (SKU)
 * @param count units available, 0 or more
 */
public record StockLevel(String sku, long count) {

  public StockLevel {
    Objects.requireNonNull(sku, "sku");
    if (count < 0) {
      throw new IllegalArgumentException("stock of " + sku + " must be 0 or more, was " + count);
    }
  }
}
