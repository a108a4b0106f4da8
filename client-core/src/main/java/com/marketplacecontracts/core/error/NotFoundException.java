package com.marketplacecontracts.core.error;

/** HTTP 404: the resource (order, campaign, job...) does not exist. */
public class NotFoundException extends MarketplaceException {

  public NotFoundException(Details details, Throwable cause) {
    super(details, "not found", cause);
  }
}
