package com.marketplacecontracts.core.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what one answer may cost: a successful body larger than {@code maxBodyBytes} (counted after
 * decompression, while it is read) fails with {@code ResponseTooLargeException} and is not retried; of an error body
 * only the first {@code maxErrorBodyBytes} are read; a body must arrive within {@code bodyTimeout} of its headers (a
 * server that trickles a byte at a time cannot hold a call past it); and a successful body holding more than
 * {@code maxJsonValues} JSON values (every object, array, string, number, boolean and null, at any depth) is
 * {@code UnreadableResponseException}, refused while it is read, before its values are decoded.
 */
public final class ResponseLimits {

  /** 32 MiB: the largest documented page (a few MiB of JSON) with a wide margin. */
  public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
  /** 64 KiB: far more than any documented error body. */
  public static final long DEFAULT_MAX_ERROR_BODY_BYTES = 64L * 1024;
  /**
   * 1 000 000: a full documented page has tens of thousands. Each value decodes to an object (tens to hundreds of
   * bytes of heap), so 32 MiB of {@code [{},{},...]} — 11 million of them — would need gigabytes.
   */
  public static final long DEFAULT_MAX_JSON_VALUES = 1_000_000;

  private final long maxBodyBytes;
  private final long maxErrorBodyBytes;
  private final Duration bodyTimeout;
  private final long maxJsonValues;

  private ResponseLimits(long maxBodyBytes, long maxErrorBodyBytes, Duration bodyTimeout, long maxJsonValues) {
    Objects.requireNonNull(bodyTimeout, "bodyTimeout");
    if (maxBodyBytes < 1 || maxErrorBodyBytes < 1 || maxJsonValues < 1) {
      throw new IllegalArgumentException("limits must be positive, were " + maxBodyBytes + ", "
          + maxErrorBodyBytes + " and " + maxJsonValues);
    }
    if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
      throw new IllegalArgumentException("bodyTimeout must be positive, was " + bodyTimeout);
    }
    this.maxBodyBytes = maxBodyBytes;
    this.maxErrorBodyBytes = maxErrorBodyBytes;
    this.bodyTimeout = bodyTimeout;
    this.maxJsonValues = maxJsonValues;
  }


  /** 32 MiB per successful body, 64 KiB of an error body, 20 s to read a body, a million JSON values a body. */
  public static ResponseLimits defaults() {
    return new ResponseLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_ERROR_BODY_BYTES, Duration.ofSeconds(20),
        DEFAULT_MAX_JSON_VALUES);
  }

  public ResponseLimits withMaxBodyBytes(long bytes) {
    return new ResponseLimits(bytes, maxErrorBodyBytes, bodyTimeout, maxJsonValues);
  }

  public ResponseLimits withMaxErrorBodyBytes(long bytes) {
    return new ResponseLimits(maxBodyBytes, bytes, bodyTimeout, maxJsonValues);
  }

  public ResponseLimits withBodyTimeout(Duration timeout) {
    return new ResponseLimits(maxBodyBytes, maxErrorBodyBytes, timeout, maxJsonValues);
  }

  public ResponseLimits withMaxJsonValues(long values) {
    return new ResponseLimits(maxBodyBytes, maxErrorBodyBytes, bodyTimeout, values);
  }

  /** Largest successful body, in bytes. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Prefix of an error body that is read, in bytes. */
  public long maxErrorBodyBytes() {
    return maxErrorBodyBytes;
  }

  /** Time allowed to read one body, from its headers on. */
  public Duration bodyTimeout() {
    return bodyTimeout;
  }

  /** Most JSON values decoded from one successful body. */
  public long maxJsonValues() {
    return maxJsonValues;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof ResponseLimits other
        && maxBodyBytes == other.maxBodyBytes
        && maxErrorBodyBytes == other.maxErrorBodyBytes
        && Objects.equals(bodyTimeout, other.bodyTimeout)
        && maxJsonValues == other.maxJsonValues;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxBodyBytes, maxErrorBodyBytes, bodyTimeout, maxJsonValues);
  }

  @Override
  public String toString() {
    return "ResponseLimits[maxBodyBytes=" + maxBodyBytes + ", maxErrorBodyBytes=" + maxErrorBodyBytes
        + ", bodyTimeout=" + bodyTimeout + ", maxJsonValues=" + maxJsonValues + "]";
  }
}
