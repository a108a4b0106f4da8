package com.marketplacecontracts.core.error;

/** HTTP 5xx, after the retries allowed for the operation. */
public class ServerErrorException extends MarketplaceException {

  public ServerErrorException(Details details, Throwable cause) {
    super(details, "marketplace server error", cause);
  }
}
