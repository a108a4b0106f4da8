package com.marketplacecontracts.cli;

/**
 * Makes text from a server safe to print: control characters (C0 but tab, DEL, C1 — so no ANSI escape sequence),
 * Unicode bidirectional overrides and lone surrogates (which an encoder would silently turn into {@code ?}) are shown
 * as visible escapes instead of being written to the terminal. Everything the CLI prints goes through here.
 */
final class Terminal {

  private Terminal() {
  }

  /** {@code text} with every control character written as {@code \x1b} / {@code \u202e}; null becomes "". */
  static String safe(String text) {
    return text == null ? "" : escaped(text, false);
  }

  /**
   * A JSON document with the characters a terminal acts on (DEL, C1, bidi overrides) and lone surrogates written as
   * JSON escapes; Moshi already escapes C0. The result is the same JSON value.
   */
  static String safeJson(String json) {
    return escaped(json, true);
  }

  private static String escaped(String text, boolean json) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      String escape = pair ? null : escape(c, json);
      if (escape != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escape != null) {
          out.append(escape);
        } else {
          out.append(c);
          if (pair) {
            out.append(text.charAt(i + 1));
          }
        }
      }
      if (pair) {
        i++;
      }
    }
    return out == null ? text : out.toString();
  }

  private static String escape(char c, boolean json) {
    boolean control = (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F);
    boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
    if (!control && !bidi && !Character.isSurrogate(c)) {
      return null;
    }
    if (json) {
      return c < 0x20 ? null : String.format("\\u%04x", (int) c);
    }
    return c <= 0xFF ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
  }
}
