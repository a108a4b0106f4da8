package com.marketplacecontracts.core.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what one answer may cost: a successful body larger than {@code maxBodyBytes} (counted after
 * decompression, while it is read) fails with {@code ResponseTooLargeException} and is not retried; of an error body
 * only the first {@code maxErrorBodyBytes} are read; and a body must arrive within {@code bodyTimeout} of its
 * headers (a server that trickles a byte at a time cannot hold a call past it).
 *
 * @param maxBodyBytes      largest successful body, in bytes
 * @param maxErrorBodyBytes prefix of an error body that is read, in bytes
 * @param bodyTimeout       time allowed to read one body, from its headers on
 */
public record ResponseLimits(long maxBodyBytes, long maxErrorBodyBytes, Duration bodyTimeout) {

  /** 32 MiB: the largest documented page (a few MiB of JSON) with a wide margin. */
  public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
  /** 64 KiB: far more than any documented error body. */
  public static final long DEFAULT_MAX_ERROR_BODY_BYTES = 64L * 1024;

  public ResponseLimits {
    Objects.requireNonNull(bodyTimeout, "bodyTimeout");
    if (maxBodyBytes < 1 || maxErrorBodyBytes < 1) {
      throw new IllegalArgumentException("body limits must be positive, were " + maxBodyBytes + " and "
          + maxErrorBodyBytes);
    }
    if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
      throw new IllegalArgumentException("bodyTimeout must be positive, was " + bodyTimeout);
    }
  }

  /** 32 MiB per successful body, 64 KiB of an error body, 20 s to read a body. */
  public static ResponseLimits defaults() {
    return new ResponseLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_ERROR_BODY_BYTES, Duration.ofSeconds(20));
  }

  public ResponseLimits withMaxBodyBytes(long bytes) {
    return new ResponseLimits(bytes, maxErrorBodyBytes, bodyTimeout);
  }

  public ResponseLimits withMaxErrorBodyBytes(long bytes) {
    return new ResponseLimits(maxBodyBytes, bytes, bodyTimeout);
  }

  public ResponseLimits withBodyTimeout(Duration timeout) {
    return new ResponseLimits(maxBodyBytes, maxErrorBodyBytes, timeout);
  }
}
