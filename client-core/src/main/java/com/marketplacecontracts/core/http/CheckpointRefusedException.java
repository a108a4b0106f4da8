package com.marketplacecontracts.core.http;

/**
 * A checkpoint this job may not use, found when the store is opened, before anything of the job is sent: it was
 * written for another job ({@link #found()} is that job's header), it is larger than a store reads, another process
 * holds it, or it is no plain file. The records stay as they are.
 */
public final class CheckpointRefusedException extends IllegalStateException {

  private final String found;

  public CheckpointRefusedException(String message, String found) {
    super(message);
    this.found = found;
  }

  /** The header the store holds when it was written for another job (at most 200 characters), else null. */
  public String found() {
    return found;
  }
}
