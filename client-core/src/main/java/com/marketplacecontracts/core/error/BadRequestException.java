package com.marketplacecontracts.core.error;

/** HTTP 400 (or 422): the marketplace rejected the request's data; {@link #errors()} names the fields. */
public class BadRequestException extends MarketplaceException {

  public BadRequestException(Details details, Throwable cause) {
    super(details, "bad request", cause);
  }
}
