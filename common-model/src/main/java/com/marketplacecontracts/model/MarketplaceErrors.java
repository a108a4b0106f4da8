package com.marketplacecontracts.model;

import com.marketplacecontracts.core.error.ApiError;
import com.marketplacecontracts.core.error.MarketplaceException;
import java.util.ArrayList;
import java.util.List;

/** A failed call as a domain error, whichever client raised it. */
public final class MarketplaceErrors {

  private MarketplaceErrors() {
  }

  /** The marketplace's errors carried by a client exception. */
  public static MarketplaceError from(MarketplaceException exception) {
    Marketplace marketplace = "teez".equals(exception.marketplace()) ? Marketplace.TEEZ : Marketplace.YANDEX_MARKET;
    List<Issue> issues = new ArrayList<>();
    for (ApiError error : exception.errors()) {
      issues.add(new Issue(error.code(), error.message(), error.field()));
    }
    return new MarketplaceError(marketplace, exception.statusCode(), issues);
  }
}
