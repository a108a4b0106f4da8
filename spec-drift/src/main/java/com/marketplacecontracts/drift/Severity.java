package com.marketplacecontracts.drift;

/** How a change affects the client, most severe first. */
public enum Severity {
  /** Our calls fail or lose data. */
  BREAKING,
  /** The marketplace announced the operation's end (deprecated, dates, replacement). */
  SCHEDULED,
  /** Calls work, but less: a lower limit, values that decode as unknown, data the domain model does not keep. */
  DEGRADED,
  /** Additions the client tolerates. */
  COMPATIBLE;

  /** Whether this is at least as severe as {@code other}. */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }
}
