package com.marketplacecontracts.drift.curation;

/** The curation does not fit the document: an action selecting nothing, an operation without a decision, bad data. */
public final class CurationException extends RuntimeException {

  public CurationException(String message) {
    super(message);
  }
}
