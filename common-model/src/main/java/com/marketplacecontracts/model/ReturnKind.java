package com.marketplacecontracts.model;

/** Why goods come back. Open: a kind added later is {@link #OTHER}, with the raw value beside it. */
public enum ReturnKind {
  /** The buyer sent goods back. */
  RETURN,
  /** The buyer never collected the order. */
  NOT_COLLECTED,
  OTHER
}
