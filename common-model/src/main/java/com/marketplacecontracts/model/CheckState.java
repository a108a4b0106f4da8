package com.marketplacecontracts.model;

/** Normalised result of an item identifier check (a jewellery UIN or a marking code). */
public enum CheckState {
  PASSED,
  IN_PROGRESS,
  /** The identifier failed the check (for a marking code: the item may not be sold with it). */
  FAILED,
  /** The marketplace could not check it (a marking code): retry later or remove the code. */
  CHECK_ERROR,
  /** Not sent for checking yet, or not all identifiers of the order were given. */
  NOT_SUBMITTED,
  /** A state this library does not know; see the raw value. */
  UNKNOWN
}
