package com.marketplacecontracts.core.error;

/**
 * No HTTP answer: connection refused or reset, timeout, TLS failure; after the retries allowed. Retryable;
 * {@link #requestSent()} tells whether the request went out before the failure (a read timeout) or not (the
 * connection could not be opened).
 */
public class TransportException extends MarketplaceException {

  /** A failure about which it is not known whether the request went out: taken as sent. */
  public TransportException(Details details, Throwable cause) {
    this(details, true, cause);
  }

  public TransportException(Details details, boolean requestSent, Throwable cause) {
    super(details, requestSent, "network failure", cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
