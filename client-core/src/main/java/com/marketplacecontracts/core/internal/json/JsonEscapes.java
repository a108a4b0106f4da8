package com.marketplacecontracts.core.internal.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import okio.Buffer;

/**
 * What a decoder lets through of a JSON text's strings that JSON does not: Moshi's reader takes a raw control
 * character in a string, and the escapes {@code \'} and a backslash before a line break, as text. Their decoded
 * value cannot tell them from a conforming one, so the bytes are looked at: eight at a time, for a byte below 0x20 or
 * a backslash.
 */
public final class JsonEscapes {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long SPACES = 0x2020202020202020L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private JsonEscapes() {
  }

  /**
   * True when {@code body} has no byte below 0x20 (a raw tab, line feed or carriage return either: only reading its
   * strings could tell those from whitespace between values, and compact answers have none) and every backslash
   * starts one of JSON's escapes ({@code \" \\ \/ \b \f \n \r \t \}u). False says only "look closer".
   */
  public static boolean plain(Buffer body) {
    boolean escape = false; // the last byte of the previous segment was a backslash
    try (Buffer.UnsafeCursor cursor = body.readUnsafe()) {
      for (int available = cursor.seek(0); available > 0; available = cursor.next()) {
        byte[] data = cursor.data;
        int i = cursor.start;
        int end = cursor.end;
        if (escape) {
          if (!escaped(data[i])) {
            return false;
          }
          escape = false;
          i++;
        }
        while (i < end) {
          if (end - i >= 8) {
            long word = (long) LONGS.get(data, i);
            long backslash = word ^ BACKSLASHES;
            // Any byte below 0x20, or any zero byte of the XOR (a backslash): exact for "any", not for "which".
            if (((((word - SPACES) & ~word) | ((backslash - ONES) & ~backslash)) & HIGH_BITS) == 0) {
              i += 8;
              continue;
            }
          }
          byte b = data[i];
          if (b == '\\') {
            if (i + 1 == end) {
              escape = true;
              break;
            }
            if (!escaped(data[i + 1])) {
              return false;
            }
            i += 2;
          } else if (b >= 0 && b < 0x20) {
            return false;
          } else {
            i++;
          }
        }
      }
    }
    return !escape;
  }

  private static boolean escaped(byte b) {
    return switch (b) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u' -> true;
      default -> false;
    };
  }
}
