package com.marketplacecontracts.core.http;

import java.util.List;

/**
 * Where a resumable job keeps what it has done: a header naming the job's input, then records appended one after
 * another, each durable before {@link #append} returns. A job that opens a store with records continues from them.
 * Records are single lines of text of at most {@link #MAX_RECORD} characters; what they mean is the job's business.
 *
 * <p>A store is held by one process at a time: {@link #open} takes it (a lock, or a lease that another process may
 * take over once its holder stopped renewing it), {@link #close} lets it go.
 */
public interface CheckpointStore extends AutoCloseable {

  /** The longest record (and header), in characters. */
  int MAX_RECORD = 4096;

  /**
   * Takes the store for this process and returns the records written so far (empty for a new job, whose header is
   * then written). Records that cannot be read whole (a torn last line, garbage) are left out.
   *
   * @throws IllegalStateException when the store holds another job's records (another header), or another process
   *     holds it
   */
  List<String> open(String header);

  /** Appends {@code records} (each one line), durable when this returns. */
  void append(List<String> records);

  /** What the store is, for messages; never credentials. */
  String describe();

  /** Lets the store go (the records stay, for a later run). */
  @Override
  void close();
}
