package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.http.ResponseLimits;
import com.squareup.moshi.JsonEncodingException;
import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/**
 * Counts the JSON values of a body as the decoder reads it and fails the read past {@code max}
 * ({@link ResponseLimits#maxJsonValues()}), before they are decoded: the bytes are bounded already, but 32 MiB of
 * {@code [{},{},...]} are 11 million objects. Counts every value at any depth (objects, arrays, strings, numbers,
 * literals; not keys), also those the decoder skips. The failure is a {@link JsonEncodingException}, which the
 * call reports as an unreadable response with the answer's status. Also refuses nesting deeper than Moshi reads,
 * so the scan needs no more than a fixed stack.
 */
final class JsonValueLimit extends ForwardingSource {

  /** Containers Moshi opens at most (it refuses the 256th). */
  static final int MAX_DEPTH = 255;

  private final long max;
  /** Reads the bytes where they landed in the reader's buffer: no copy. */
  private final Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();
  /** Per open container, whether it is an array (where a comma is followed by a value, not a key). */
  private final boolean[] arrays = new boolean[MAX_DEPTH + 1];
  private int depth;
  private long values;
  private boolean expectValue = true;
  private boolean inString;
  private boolean escaped;

  JsonValueLimit(Source delegate, long max) {
    super(delegate);
    this.max = max;
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    long start = sink.size();
    long n = super.read(sink, byteCount);
    if (n <= 0) {
      return n;
    }
    try (Buffer.UnsafeCursor segments = sink.readUnsafe(cursor)) {
      for (int available = segments.seek(start); available > 0; available = segments.next()) {
        scan(segments.data, segments.start, segments.end);
      }
    }
    return n;
  }

  private void scan(byte[] data, int from, int to) throws JsonEncodingException {
    for (int i = from; i < to; i++) {
      byte b = data[i];
      if (inString) {
        if (escaped) {
          escaped = false;
          continue;
        }
        // Most of a body is string content: run through it to the next quote or backslash.
        while (b != '"' && b != '\\' && ++i < to) {
          b = data[i];
        }
        if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
        continue;
      }
      switch (b) {
        case ' ', '\t', '\n', '\r' -> {
        }
        case '{', '[' -> {
          count();
          if (depth == MAX_DEPTH) {
            throw new JsonEncodingException("JSON nested deeper than " + MAX_DEPTH + " levels");
          }
          arrays[depth++] = b == '[';
          expectValue = b == '[';
        }
        case '}', ']' -> {
          depth = Math.max(0, depth - 1);
          expectValue = false;
        }
        case ',' -> expectValue = depth > 0 && arrays[depth - 1];
        case ':' -> expectValue = true;
        case '"' -> {
          if (expectValue) {
            count();
          }
          inString = true;
          expectValue = false;
        }
        default -> {
          if (expectValue) {
            count(); // the first character of a number, true, false or null
            expectValue = false;
          }
        }
      }
    }
  }

  private void count() throws JsonEncodingException {
    if (++values > max) {
      throw new JsonEncodingException("more than " + max + " JSON values in one body, the bound of"
          + " ResponseLimits.maxJsonValues");
    }
  }
}
