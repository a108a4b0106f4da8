package com.marketplacecontracts.model;

/** Normalised state of an asynchronous job. */
public enum JobState {
  /** Still being processed: ask again later. */
  IN_PROGRESS,
  /** Finished successfully. */
  DONE,
  /** Finished with an error. */
  FAILED,
  /** A state this library does not know; see the raw value. */
  UNKNOWN
}
