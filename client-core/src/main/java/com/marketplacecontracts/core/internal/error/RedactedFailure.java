package com.marketplacecontracts.core.internal.error;

/**
 * Stands in a cause chain for an exception that {@link Redactor#cause} could not rebuild as its own class: named
 * after it, with its redacted message, so a stack trace reads as the original would.
 */
final class RedactedFailure extends Exception {

  private final String type;

  RedactedFailure(String type, String message) {
    super(message);
    this.type = type;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? type : type + ": " + message;
  }
}
