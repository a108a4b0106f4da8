package com.marketplacecontracts.core.http;

/**
 * A record a checkpoint store does not take: not one line of at most {@link CheckpointStore#MAX_RECORD} characters.
 * Refused before any record of the same append is written; the records written before stay.
 */
public final class CheckpointRecordException extends IllegalArgumentException {

  public CheckpointRecordException(String message) {
    super(message);
  }

  /**
   * Refuses {@code record} unless it is one line of at most {@link CheckpointStore#MAX_RECORD} characters: the check
   * every store makes of every record of an append before it writes any of them.
   */
  public static void check(String record) {
    if (record == null) {
      throw new CheckpointRecordException("a checkpoint record may not be null");
    }
    if (record.length() > CheckpointStore.MAX_RECORD) {
      throw new CheckpointRecordException("a checkpoint record is at most " + CheckpointStore.MAX_RECORD
          + " characters, this one has " + record.length());
    }
    if (record.indexOf('\n') >= 0 || record.indexOf('\r') >= 0) {
      throw new CheckpointRecordException("a checkpoint record is one line: this one holds a line break");
    }
  }
}
