package com.marketplacecontracts.core.error;

/** A 2xx answer whose body is not the documented JSON (empty, cut, malformed or of the wrong type). */
public class UnreadableResponseException extends MarketplaceException {

  public UnreadableResponseException(Details details, Throwable cause) {
    super(details, "unreadable response", cause);
  }
}
