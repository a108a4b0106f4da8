package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.error.TransportException;
import com.marketplacecontracts.core.error.UnreadableResponseException;

/** The CLI's exit codes, documented in {@code --help} and the README. */
final class ExitCodes {

  static final int OK = 0;
  /** Bad input: the field-level message; nothing was sent. */
  static final int BAD_INPUT = 2;
  /** The marketplace rejected the request (4xx other than rate limits). */
  static final int REJECTED = 3;
  /** Still rate limited after retries. */
  static final int RATE_LIMITED = 4;
  /** Server error, network failure, unreadable response, or the mock could not start. */
  static final int FAILURE = 5;


  private ExitCodes() {
  }

  static int of(Throwable failure) {
    if (failure instanceof RequestValidationException) {
      return BAD_INPUT;
    }
    if (failure instanceof RateLimitedException) {
      return RATE_LIMITED;
    }
    if (failure instanceof ServerErrorException || failure instanceof TransportException
        || failure instanceof UnreadableResponseException) {
      return FAILURE;
    }
    if (failure instanceof MarketplaceException) {
      return REJECTED;
    }
    return FAILURE;
  }
}
