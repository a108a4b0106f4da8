package com.marketplacecontracts.core.error;

/** HTTP 403: the credentials are valid but lack the access this operation needs. */
public class ForbiddenException extends MarketplaceException {

  public ForbiddenException(Details details, Throwable cause) {
    super(details, "forbidden: the credentials lack access to this resource", cause);
  }
}
