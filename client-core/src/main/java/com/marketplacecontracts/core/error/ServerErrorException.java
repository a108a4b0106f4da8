package com.marketplacecontracts.core.error;

/** HTTP 5xx, after the retries allowed for the operation. Retryable, but for 501 and 505 (never supported). */
public class ServerErrorException extends MarketplaceException {

  public ServerErrorException(Details details, Throwable cause) {
    super(details, "marketplace server error", cause);
  }

  @Override
  public boolean isRetryable() {
    return statusCode() != 501 && statusCode() != 505;
  }
}
