package com.marketplacecontracts.core.error;

/** No HTTP answer: connection refused or reset, timeout, TLS failure; after the retries allowed. */
public class TransportException extends MarketplaceException {

  public TransportException(Details details, Throwable cause) {
    super(details, "network failure", cause);
  }
}
