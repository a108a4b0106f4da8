package com.marketplacecontracts.core.json;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the one shape the marketplaces send ({@code 2026-07-17T10:15:30[.fff]+03:00} or {@code ...Z};
 * {@code 2026-07-17}) straight from the characters. {@code DateTimeFormatter.parse} builds a field map and resolves
 * it for every value, which made it a sixth of a catalog page's decoding. Any other text returns {@code null} and
 * is read by the ISO formatter, so what is accepted, and how, does not change.
 */
final class IsoText {

  private IsoText() {
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}, or {@code null} for any other text or an impossible value. */
  static OffsetDateTime dateTime(String text) {
    int length = text.length();
    if (length < 20 || length > 35 || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int hour = digits(text, 11);
    int minute = digits(text, 14);
    int second = digits(text, 17);
    int at = 19;
    int nanos = 0;
    if (text.charAt(at) == '.') {
      int start = ++at;
      while (at < length && isDigit(text.charAt(at))) {
        nanos = nanos * 10 + (text.charAt(at++) - '0');
      }
      int count = at - start;
      if (count == 0 || count > 9) {
        return null;
      }
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset = offset(text, at);
    LocalDate date = date(text, 0);
    if (hour < 0 || minute < 0 || second < 0 || offset == null || date == null) {
      return null;
    }
    try {
      return OffsetDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour, minute, second,
          nanos, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** {@code yyyy-MM-dd}, or {@code null} for any other text or an impossible date. */
  static LocalDate date(String text) {
    return text.length() == 10 ? date(text, 0) : null;
  }

  private static LocalDate date(String text, int at) {
    if (text.charAt(at + 4) != '-' || text.charAt(at + 7) != '-') {
      return null;
    }
    int high = digits(text, at);
    int low = digits(text, at + 2);
    int month = digits(text, at + 5);
    int day = digits(text, at + 8);
    if (high < 0 || low < 0 || month < 0 || day < 0) {
      return null;
    }
    try {
      return LocalDate.of(high * 100 + low, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static ZoneOffset offset(String text, int at) {
    int rest = text.length() - at;
    if (rest == 1 && text.charAt(at) == 'Z') {
      return ZoneOffset.UTC;
    }
    if (rest != 6 || text.charAt(at + 3) != ':') {
      return null;
    }
    char sign = text.charAt(at);
    int hours = digits(text, at + 1);
    int minutes = digits(text, at + 4);
    if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
      return null;
    }
    int seconds = hours * 3600 + minutes * 60;
    try {
      return ZoneOffset.ofTotalSeconds(sign == '-' ? -seconds : seconds);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Two decimal digits at {@code at} as a number, or -1. */
  private static int digits(String text, int at) {
    char tens = text.charAt(at);
    char ones = text.charAt(at + 1);
    return isDigit(tens) && isDigit(ones) ? (tens - '0') * 10 + (ones - '0') : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
