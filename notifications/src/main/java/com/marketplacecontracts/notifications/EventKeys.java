package com.marketplacecontracts.notifications;

import com.marketplacecontracts.core.internal.Digests;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A notification carries no event id: its key is derived from the type and every top-level scalar field (the ids,
 * the statuses, the event time), in name order, hashed to a fixed length. Lists (items) and objects are left out.
 * Date-times count as the instant they name, whatever offset they are written in. PING gets no key: the receiver
 * answers it before deriving one, so it is never recognised as a repeat.
 */
final class EventKeys {

  /** The event-time field of each type, as the spec's {@code x-event-time} names it, in the order tried. */
  static final List<String> EVENT_TIME_FIELDS = List.of("updatedAt", "cancelledAt", "requestedAt", "sentAt",
      "startedAt", "finishedAt", "createdAt", "time");

  private EventKeys() {
  }

  static String key(String type, Map<String, Object> fields) {
    TreeMap<String, String> parts = new TreeMap<>();
    fields.forEach((name, value) -> {
      if (value instanceof String text) {
        OffsetDateTime time = time(text);
        parts.put(name, time != null ? "t" + time.toInstant() : "s" + text);
      } else if (value instanceof BigDecimal number) {
        parts.put(name, "n" + canonical(number));
      } else if (value instanceof Boolean flag) {
        parts.put(name, "b" + flag);
      }
    });
    parts.remove("notificationType");
    StringBuilder text = new StringBuilder(type);
    parts.forEach((name, value) -> text.append('\u0000').append(name).append('=').append(value));
    byte[] hash = Digests.sha256(text.toString());
    return type.length() <= 64 && type.matches("[A-Z0-9_]+")
        ? type + ":" + HexFormat.of().formatHex(hash, 0, 16)
        : "other:" + HexFormat.of().formatHex(hash, 0, 16);
  }

  /** Digits written out at most (the plain form of every id, count and price is far shorter). */
  static final int MAX_PLAIN_DIGITS = 100;

  /**
   * One text per number value ({@code 1.50} and {@code 1.5}, {@code 1e2} and {@code 100} share one): the plain
   * form, as keys have always been, when it is short; else the digits and the exponent ({@code 1e200000000} is
   * never written out as 200 million digits). The second form holds an {@code e}, the first never does.
   */
  static String canonical(BigDecimal number) {
    BigDecimal stripped = number.stripTrailingZeros();
    long written = (long) stripped.precision() + Math.abs((long) stripped.scale());
    return written <= MAX_PLAIN_DIGITS ? stripped.toPlainString()
        : stripped.unscaledValue() + "e" + (-(long) stripped.scale());
  }

  /** The event time: the first of {@link #EVENT_TIME_FIELDS} present as a date-time. */
  static OffsetDateTime eventTime(Map<String, Object> fields) {
    for (String name : EVENT_TIME_FIELDS) {
      if (fields.get(name) instanceof String text) {
        OffsetDateTime time = time(text);
        if (time != null) {
          return time;
        }
      }
    }
    return null;
  }

  private static OffsetDateTime time(String text) {
    if (text.length() < 20 || text.length() > 40 || text.charAt(10) != 'T') {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
