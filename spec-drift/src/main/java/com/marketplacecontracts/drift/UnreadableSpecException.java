package com.marketplacecontracts.drift;

/** A spec could not be read: missing, not an OpenAPI 3 document, a {@code $ref} that does not resolve, or I/O. */
public final class UnreadableSpecException extends RuntimeException {

  public UnreadableSpecException(String message) {
    super(message);
  }

  UnreadableSpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
