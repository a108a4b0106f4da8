package com.marketplacecontracts.cli;

/**
 * Makes text from a server safe to print: control characters (C0 but tab, DEL, C1 — so no ANSI escape sequence) and Unicode
 * bidirectional overrides are shown as visible escapes instead of being written to the terminal. Everything the CLI
 * prints goes through here.
 */
final class Terminal {

  private Terminal() {
  }

  /** {@code text} with every control character written as {@code \x1b} / {@code \u202e}; null becomes "". */
  static String safe(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = escape(c, false);
      if (escape != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        out.append(escape != null ? escape : String.valueOf(c));
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * A JSON document with the characters a terminal acts on (DEL, C1, bidi overrides) written as JSON escapes; Moshi
   * already escapes C0. The result is the same JSON value.
   */
  static String safeJson(String json) {
    StringBuilder out = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      String escape = escape(c, true);
      out.append(escape != null ? escape : String.valueOf(c));
    }
    return out.toString();
  }

  private static String escape(char c, boolean json) {
    boolean control = (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F);
    boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
    if (!control && !bidi) {
      return null;
    }
    if (json) {
      return c < 0x20 ? null : String.format("\\u%04x", (int) c);
    }
    return c <= 0xFF ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
  }
}
