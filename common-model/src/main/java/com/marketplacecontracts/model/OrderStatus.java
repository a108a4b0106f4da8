package com.marketplacecontracts.model;

/**
 * Where an order is, across marketplaces. Open: a status a marketplace adds later is {@link #OTHER}, and the
 * record keeps the raw value beside it.
 */
public enum OrderStatus {
  /** Placed, not yet the seller's to handle (reserving, awaiting payment). */
  PLACED,
  /** The seller's to pack and ship. */
  PROCESSING,
  /** On its way or waiting at a pickup point. */
  IN_DELIVERY,
  DELIVERED,
  CANCELLED,
  /** Returned, wholly or in part. */
  RETURNED,
  /** A status this library does not know (the raw value says which). */
  OTHER
}
