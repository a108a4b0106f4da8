package com.marketplacecontracts.core.error;

/**
 * A job the marketplace accepted (a report, an asynchronous write) ended in a failure state: its status answer
 * said so. {@link #state()} is that state and {@link #detail()} what the answer added (a report's sub-status such
 * as {@code TOO_LARGE}: split the period).
 */
public final class JobFailedException extends MarketplaceException {

  private final String state;
  private final String detail;

  public JobFailedException(Details details, String state, String detail) {
    super(details, "the job ended " + state + (detail == null ? "" : " (" + detail + ")"), null);
    this.state = state;
    this.detail = detail;
  }

  /** The failure state the status answer gave, e.g. {@code FAILED}. */
  public String state() {
    return state;
  }

  /** What the answer added about the failure, or null. */
  public String detail() {
    return detail;
  }
}
