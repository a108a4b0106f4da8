package com.marketplacecontracts.core.error;

/**
 * A successful answer whose body (after decompression) exceeded the configured maximum; reading stopped at the
 * limit, nothing was decoded, and the call is not retried (the same answer would come again).
 */
public class ResponseTooLargeException extends UnreadableResponseException {

  private final long limitBytes;

  public ResponseTooLargeException(Details details, long limitBytes) {
    super(details, null);
    this.limitBytes = limitBytes;
  }

  /** The limit that was exceeded, in bytes. */
  public long limitBytes() {
    return limitBytes;
  }
}
