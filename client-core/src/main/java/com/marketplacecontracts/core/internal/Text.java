package com.marketplacecontracts.core.internal;

/**
 * Hostile text (a server's answer, a file's content) made fit for messages, logs and span attributes: cut short, and
 * without the characters that forge lines or move a terminal's cursor. Typed by the JDK's classes only, like the
 * rest of this package.
 */
public final class Text {

  /** What marks a cut in a message. */
  public static final String MORE = "...";

  private Text() {
  }

  /**
   * {@code text} cut to at most {@code max} characters (never between the two halves of a surrogate pair), with
   * {@code marker} after it when it was cut; {@code null} stays {@code null}.
   */
  public static String cut(String text, int max, String marker) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + marker;
  }

  /**
   * {@code text} cut to {@code max} characters ({@link #MORE} after it when cut), each unsafe character (see
   * {@link #unsafe}) replaced by {@code ?}; {@code null} stays {@code null}.
   */
  public static String printable(String text, int max) {
    return clean(text, max, "?", MORE);
  }

  /**
   * {@code text} without its unsafe characters (see {@link #unsafe}), then cut to {@code max} characters without a
   * marker: for an identifier that is passed on, where a marker would read as part of it.
   */
  public static String stripped(String text, int max) {
    return clean(text, max, "", "");
  }

  /**
   * Whether the code point may forge a line or move a terminal's cursor: a control character (C0 and C1: CR, LF, ESC,
   * CSI...), a format character (bidi overrides, zero-width ones), a line or paragraph separator, a lone surrogate.
   */
  public static boolean unsafe(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
  }

  /**
   * One pass: each unsafe code point replaced by {@code replacement} (empty: dropped), at most {@code max}
   * characters of the result kept (whole code points), {@code marker} appended when some of {@code text} is left.
   */
  private static String clean(String text, int max, String replacement, String marker) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + marker.length());
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      boolean drop = unsafe(c);
      int size = drop ? replacement.length() : Character.charCount(c);
      if (out.length() + size > max) {
        break;
      }
      i += Character.charCount(c);
      if (drop) {
        out.append(replacement);
      } else {
        out.appendCodePoint(c);
      }
    }
    return i < text.length() ? out.append(marker).toString() : out.toString();
  }

  /**
   * A JSON decoder's message without its advice to read leniently (no one's to take where the JSON came from a
   * server): {@code plain} and where it was ({@code at path $...}); any other message as it is.
   */
  public static String withoutLenientAdvice(String message, String plain) {
    if (message == null || !message.contains("setLenient")) {
      return message;
    }
    int at = message.lastIndexOf(" at path ");
    return plain + (at < 0 ? "" : message.substring(at));
  }
}
