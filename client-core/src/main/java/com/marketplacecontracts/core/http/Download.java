package com.marketplacecontracts.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * A binary answer (a PDF label, an XLS act, a photo): streamed to a temporary file as it arrives, within the
 * response size bound, never held whole in memory. Move it where it belongs with {@link #saveTo(Path)}, or read it
 * with {@link #open()}; {@link #delete()} when it is not kept.
 */
public final class Download {

  private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};

  private final Path file;
  private final String contentType;
  private final long size;

  /** A download saved to {@code file}; the client makes these (a test may, to stand in for one). */
  public Download(Path file, String contentType, long size) {
    this.file = file;
    this.contentType = contentType;
    this.size = size;
  }

  /** The media type the marketplace sent, e.g. {@code application/pdf}; empty when it sent none. */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** Bytes received. */
  public long size() {
    return size;
  }

  /** The temporary file holding the answer. */
  public Path file() {
    return file;
  }

  /** The answer's bytes, read from the temporary file. */
  public InputStream open() {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException("download unreadable: " + file, e);
    }
  }

  /**
   * Whether the answer is a PDF by its first bytes ({@code %PDF-}), whatever its media type says: a label that is
   * an error page sent as {@code application/pdf} is not one.
   */
  public boolean isPdf() {
    byte[] head = new byte[PDF_MAGIC.length];
    try (InputStream in = open()) {
      return in.readNBytes(head, 0, head.length) == head.length && Arrays.equals(head, PDF_MAGIC);
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** Moves the answer to {@code target} (replacing it) and returns {@code target}. */
  public Path saveTo(Path target) {
    try {
      return Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(file);
        return target;
      } catch (IOException again) {
        throw new UncheckedIOException("download could not be saved to " + target, again);
      }
    }
  }

  /** Removes the temporary file. */
  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A temporary file left behind is harmless; the platform cleans its temporary folder.
    }
  }

  @Override
  public String toString() {
    return "Download[" + (contentType == null ? "?" : contentType) + ", " + size + " bytes]";
  }
}
