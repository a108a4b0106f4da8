package com.marketplacecontracts.core.error;

/** HTTP 401: credentials missing, expired or invalid (a refreshable token was already refreshed once). */
public class UnauthorizedException extends MarketplaceException {

  public UnauthorizedException(Details details, Throwable cause) {
    super(details, "unauthorized: missing or invalid credentials", cause);
  }
}
