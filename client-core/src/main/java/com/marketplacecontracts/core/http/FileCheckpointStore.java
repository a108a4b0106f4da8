package com.marketplacecontracts.core.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A checkpoint in a local file: the header line, then one line per record, appended and forced to disk
 * ({@code fsync}) before {@link #append} returns. An exclusive lock on the file keeps a second process out while
 * the first runs; the operating system drops it when the process ends, however it ends.
 *
 * <p>The file is read as untrusted: at most {@link #MAX_BYTES}, no symbolic link, lines longer than
 * {@link CheckpointStore#MAX_RECORD} or not valid UTF-8 (a torn write, garbage) skipped. A job refuses to grow it
 * past {@link #MAX_BYTES}.
 */
public final class FileCheckpointStore implements CheckpointStore {

  /**
   * The largest checkpoint file read or written. A bulk write keeps 8 characters an item in each record (a digest
   * tying it to its item): a 300,000-item job needs about 2.5 MB, twice that when its chunks are also recorded as
   * being sent (an operation that may not be sent twice).
   */
  public static final long MAX_BYTES = 64L * 1024 * 1024;

  private final Path path;
  private FileChannel channel;
  private FileLock lock;
  private long size;

  public FileCheckpointStore(Path path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  @Override
  public synchronized List<String> open(String header) {
    CheckpointRecordException.check(header);
    if (channel != null) {
      throw new IllegalStateException("checkpoint " + path + " is already open");
    }
    try {
      if (Files.isSymbolicLink(path)) {
        throw new CheckpointRefusedException("checkpoint " + path + " is a symbolic link: refused", null);
      }
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new CheckpointRefusedException("checkpoint " + path + " is not a regular file", null);
      }
      channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        closeQuietly();
        throw new CheckpointRefusedException("checkpoint " + path + " is held by another running job", null);
      }
      size = channel.size();
      if (size > MAX_BYTES) {
        closeQuietly();
        throw new CheckpointRefusedException("checkpoint " + path + " is larger than " + MAX_BYTES
            + " bytes: refused", null);
      }
      List<String> lines = lines();
      if (lines.isEmpty() && size > 0) {
        closeQuietly();
        throw new CheckpointRefusedException("checkpoint " + path + " holds no checkpoint (no complete line):"
            + " refused; remove it to start the job anew", null);
      }
      if (lines.isEmpty()) {
        write(List.of(header));
        return List.of();
      }
      if (!lines.get(0).equals(header)) {
        String found = lines.get(0).length() > 200 ? lines.get(0).substring(0, 200) + "..." : lines.get(0);
        closeQuietly();
        throw new CheckpointRefusedException("checkpoint " + path + " was written for another input (" + found
            + "), this one is " + header, found);
      }
      if (endsTorn()) {
        write(List.of("")); // the torn line stays unreadable; the next record starts on a line of its own
      }
      return List.copyOf(lines.subList(1, lines.size()));
    } catch (IOException e) {
      closeQuietly();
      throw new UncheckedIOException("cannot read checkpoint " + path, e);
    }
  }

  @Override
  public synchronized void append(List<String> records) {
    if (channel == null) {
      throw new IllegalStateException("checkpoint " + path + " is not open");
    }
    records.forEach(CheckpointRecordException::check);
    try {
      write(records);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + path, e);
    }
  }

  private void write(List<String> records) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String record : records) {
      text.append(record).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    if (size + bytes.length > MAX_BYTES) {
      throw new IOException("the checkpoint would grow past " + MAX_BYTES + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long at = size;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
    channel.force(false);
    size = at;
  }

  /** The file's complete lines (the last one only when it ends with a newline), unreadable ones skipped. */
  private List<String> lines() throws IOException {
    List<String> out = new ArrayList<>();
    ByteBuffer all = ByteBuffer.allocate((int) size);
    long at = 0;
    while (all.hasRemaining() && channel.read(all, at) > 0) {
      at = all.position();
    }
    byte[] bytes = all.array();
    int start = 0;
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      int length = i - start;
      if (length <= MAX_RECORD * 4) {
        try {
          String line = decoder.decode(ByteBuffer.wrap(bytes, start, length)).toString();
          if (line.length() <= MAX_RECORD && !line.isEmpty()) {
            out.add(line);
          }
        } catch (CharacterCodingException e) {
          // garbage or a torn multi-byte character: not a record
        }
      }
      start = i + 1;
    }
    return out;
  }

  private boolean endsTorn() throws IOException {
    if (size == 0) {
      return false;
    }
    ByteBuffer last = ByteBuffer.allocate(1);
    channel.read(last, size - 1);
    return last.get(0) != '\n';
  }

  @Override
  public String describe() {
    return path.toString();
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      // the channel's close releases it too
    }
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // nothing was pending: every append was forced
    }
    lock = null;
    channel = null;
  }

  @Override
  public String toString() {
    return "FileCheckpointStore(" + path + ")";
  }
}
