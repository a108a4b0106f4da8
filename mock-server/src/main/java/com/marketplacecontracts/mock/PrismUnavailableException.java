package com.marketplacecontracts.mock;

/** Prism cannot run in the requested mode on this machine (no Docker engine, npm package not installed). */
public class PrismUnavailableException extends RuntimeException {

  public PrismUnavailableException(String message) {
    super(message);
  }

  public PrismUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
