package com.marketplacecontracts.model;

/** Normalised result of an item identifier check (e.g. a jewellery UIN). */
public enum CheckState {
  PASSED,
  IN_PROGRESS,
  FAILED,
  /** Not sent for checking yet, or not all identifiers of the order were given. */
  NOT_SUBMITTED,
  /** A state this library does not know; see the raw value. */
  UNKNOWN
}
