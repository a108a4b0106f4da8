package com.marketplacecontracts.core.error;

/** Any other HTTP 4xx the marketplace answered with. */
public class ClientErrorException extends MarketplaceException {

  public ClientErrorException(Details details, Throwable cause) {
    super(details, "rejected by the marketplace", cause);
  }
}
