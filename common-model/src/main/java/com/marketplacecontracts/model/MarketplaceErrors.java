package com.marketplacecontracts.model;

import com.marketplacecontracts.core.error.MarketplaceException;

/** A failed call as a domain error, whichever client raised it. */
public final class MarketplaceErrors {

  private MarketplaceErrors() {
  }

  /** The marketplace's errors carried by a client exception. */
  public static MarketplaceError from(MarketplaceException exception) {
    Marketplace marketplace = "teez".equals(exception.marketplace()) ? Marketplace.TEEZ : Marketplace.YANDEX_MARKET;
    return new MarketplaceError(marketplace, exception.statusCode(),
        exception.errors().stream().map(Issue::of).toList());
  }
}
