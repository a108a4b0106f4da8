package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.ClientErrorException;
import com.marketplacecontracts.core.error.ForbiddenException;
import com.marketplacecontracts.core.error.NotFoundException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.UnauthorizedException;

/** The CLI's exit codes, documented in {@code --help} and the README. */
final class ExitCodes {

  static final int OK = 0;
  /** Bad input: the field-level message; nothing was sent. */
  static final int BAD_INPUT = 2;
  /** The marketplace rejected the request (4xx other than rate limits). */
  static final int REJECTED = 3;
  /** Still rate limited after retries. */
  static final int RATE_LIMITED = 4;
  /**
   * Server error, network failure, unreadable or oversized response, refused redirect, stopped listing; also items
   * (bulk updates) or orders ({@code order-status}) left NOT_SENT, whatever stopped them: the run did not finish.
   */
  static final int FAILURE = 5;
  /** {@code --wait} ran out of time: the output is the last state seen, still pending. */
  static final int WAIT_TIMED_OUT = 6;
  /** A local setup problem: the embedded mock cannot start (Prism not installed). */
  static final int SETUP = 7;


  private ExitCodes() {
  }

  static int of(Throwable failure) {
    if (failure instanceof com.marketplacecontracts.mock.PrismUnavailableException) {
      return SETUP;
    }
    if (failure instanceof RequestValidationException) {
      return BAD_INPUT;
    }
    if (failure instanceof RateLimitedException) {
      return RATE_LIMITED;
    }
    // Only the marketplace's own 4xx answers are "rejected"; anything else that went wrong is a failure.
    if (failure instanceof BadRequestException || failure instanceof UnauthorizedException
        || failure instanceof ForbiddenException || failure instanceof NotFoundException
        || failure instanceof ClientErrorException) {
      return REJECTED;
    }
    return FAILURE;
  }
}
