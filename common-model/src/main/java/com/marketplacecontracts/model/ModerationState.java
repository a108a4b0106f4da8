package com.marketplacecontracts.model;

/** Normalised moderation state of a catalog listing. */
public enum ModerationState {
  /** The marketplace is still checking it. */
  PENDING,
  /** Accepted: can be sold. */
  ACCEPTED,
  /** The seller has to fix or add something (see the issues). */
  NEEDS_ACTION,
  /** Refused by the marketplace. */
  REJECTED,
  /** A state this library does not know; see the raw value. */
  UNKNOWN
}
