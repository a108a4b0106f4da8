package com.marketplacecontracts.core.internal.json;

/**
 * RFC 3339 {@code date-time}, {@code full-date} and {@code full-time}, as the schema validator checks them: an
 * offset is required ({@code -00:00}, "offset unknown", is not one), a leap second only at 23:59 in UTC itself.
 */
public final class Rfc3339 {

  /** No format this class checks: every text is valid. */
  public static final int NONE = 0;
  public static final int DATE_TIME = 1;
  public static final int DATE = 2;
  public static final int TIME = 3;

  private Rfc3339() {
  }

  /** The constant of a schema's {@code format}; {@link #NONE} for one it does not check (or null). */
  public static int format(String name) {
    return name == null ? NONE : switch (name) {
      case "date-time" -> DATE_TIME;
      case "date" -> DATE;
      case "time" -> TIME;
      default -> NONE;
    };
  }

  /** Whether {@code text} is of {@code format} (one of the constants). */
  public static boolean valid(int format, CharSequence text) {
    return switch (format) {
      case DATE -> text.length() == 10 && date(text, 0);
      case TIME -> time(text, 0);
      case DATE_TIME -> text.length() > 10 && date(text, 0)
          && "Tt ".indexOf(text.charAt(10)) >= 0 && time(text, 11);
      default -> true;
    };
  }

  private static boolean date(CharSequence text, int at) {
    if (text.length() < at + 10 || text.charAt(at + 4) != '-' || text.charAt(at + 7) != '-') {
      return false;
    }
    int year = digits(text, at, 4);
    int month = digits(text, at + 5, 2);
    int day = digits(text, at + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1) {
      return false;
    }
    boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    int days = switch (month) {
      case 2 -> leap ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
    return day <= days;
  }

  private static boolean time(CharSequence text, int at) {
    if (text.length() < at + 9 || text.charAt(at + 2) != ':' || text.charAt(at + 5) != ':') {
      return false;
    }
    int hour = digits(text, at, 2);
    int minute = digits(text, at + 3, 2);
    int second = digits(text, at + 6, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
      return false;
    }
    int i = at + 8;
    if (text.charAt(i) == '.') {
      int from = ++i;
      while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      if (i == from) {
        return false;
      }
    }
    if (i >= text.length()) {
      return false;
    }
    int offset; // minutes east of UTC
    char sign = text.charAt(i);
    if ((sign == 'Z' || sign == 'z') && i + 1 == text.length()) {
      offset = 0;
    } else if ((sign == '+' || sign == '-') && i + 6 == text.length() && text.charAt(i + 3) == ':') {
      int hours = digits(text, i + 1, 2);
      int minutes = digits(text, i + 4, 2);
      if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || sign == '-' && hours == 0 && minutes == 0) {
        return false;
      }
      offset = (sign == '+' ? 1 : -1) * (hours * 60 + minutes);
    } else {
      return false;
    }
    return second < 60 || hour == 23 && minute == 59 && offset == 0;
  }

  /** The number in {@code count} ASCII digits at {@code at}; -1 when they are not all digits. */
  private static int digits(CharSequence text, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
