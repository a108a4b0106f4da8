package com.marketplacecontracts.drift;

import com.marketplacecontracts.core.internal.error.UriMask;

/**
 * Text from a spec document or a URL made safe to show: control characters and bidirectional overrides as visible
 * escapes, cut to a length; a URL without its user info and query values; markdown and HTML written as literal text.
 */
public final class Text {

  private Text() {
  }

  /** {@code text} with control characters shown as {@code \x1b}/{@code \u202e}, at most {@code max} characters. */
  public static String visible(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F);
      boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
          || c == 0xFEFF;
      if (control || bidi) {
        out.append(c <= 0xFF ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return text.length() > max && out.length() >= max ? out + "..." : out.toString();
  }

  /** A URL fit for a message: the client's one masking ({@link UriMask}), control characters shown. */
  public static String uri(String url) {
    return url == null ? "" : visible(UriMask.mask(url), 500);
  }

  /** Text for a markdown table cell or paragraph: shown literally, never as markup, HTML or a link. */
  public static String markdown(String text) {
    String shown = visible(text, 500);
    StringBuilder out = new StringBuilder(shown.length() + 16);
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '|', '\\', '`', '*', '_', '[', ']', '(', ')', '#', '!', '~' -> out.append('\\').append(c);
        case '\t' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
