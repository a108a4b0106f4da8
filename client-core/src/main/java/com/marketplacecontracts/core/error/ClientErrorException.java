package com.marketplacecontracts.core.error;

/** Any other HTTP 4xx the marketplace answered with. Retryable only for 408 (request timeout) and 425 (too early). */
public class ClientErrorException extends MarketplaceException {

  public ClientErrorException(Details details, Throwable cause) {
    super(details, "rejected by the marketplace", cause);
  }

  @Override
  public boolean isRetryable() {
    return statusCode() == 408 || statusCode() == 425;
  }
}
