package com.marketplacecontracts.core.internal.error;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The one way a URI is shown (in messages, warnings, exceptions, events): its user information — where a password
 * goes — and the values of its query and fragment — where tokens go — are replaced by {@code ***}. Works on text,
 * not on a parsed {@link java.net.URI}, so that a URI the parser refuses (an underscore in the host, a bad port) is
 * masked as well.
 */
public final class UriMask {

  private static final String MASK = "***";
  /** Shorter pieces of a password are not searched for alone: they would garble every message. */
  private static final int MIN_SECRET = 4;

  private UriMask() {
  }

  /**
   * {@code text} with every URI in it masked: what stands between {@code ://} and the last {@code @}, and each value
   * after {@code ?} or {@code #}; a word with an {@code @} but no {@code ://} is taken for a URI without a scheme.
   * Null stays null.
   */
  public static String mask(String text) {
    if (text == null || (text.indexOf('@') < 0 && text.indexOf('?') < 0 && text.indexOf('#') < 0)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int end = i;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      out.append(word(text.substring(i, end)));
      int next = end;
      while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
        next++;
      }
      out.append(text, end, next);
      i = next;
    }
    return out.toString();
  }

  /**
   * As {@link #mask(String)}, and also every occurrence of {@code uri}'s user information and of its password alone
   * (as written and percent-decoded), wherever it appears in {@code text} — e.g. in a library's error message that
   * quotes the URI in its own way. {@code uri} may be unparseable.
   */
  public static String mask(String text, String uri) {
    String userInfo = text == null || uri == null ? null : userInfo(uri);
    if (userInfo == null) {
      return mask(text);
    }
    // the literal pieces first: a password with a space in it spans two words of text
    int colon = userInfo.indexOf(':');
    String password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
    String masked = text;
    for (String secret : new String[] {userInfo, decoded(userInfo), password, decoded(password)}) {
      if (secret.length() >= MIN_SECRET) {
        masked = masked.replace(secret, MASK);
      }
    }
    return mask(masked);
  }

  /** One word of text (no whitespace): masked if it is, or holds, a URI. */
  private static String word(String word) {
    int scheme = word.indexOf("://");
    int at = word.lastIndexOf('@');
    if (scheme < 0 && at < 0) {
      return word; // neither a URI nor user@host: plain prose, even with a '?' in it
    }
    int start = scheme < 0 ? 0 : scheme + 3;
    StringBuilder out = new StringBuilder(word.length());
    out.append(word, 0, start);
    // Everything up to the last '@' may be user information: a careless password holds '@', '/', '?' or '#' as is,
    // and showing too little of a URI is better than showing a piece of its password.
    int rest = start;
    if (at >= start) {
      out.append(MASK);
      rest = at;
    }
    int tail = rest;
    while (tail < word.length() && word.charAt(tail) != '?' && word.charAt(tail) != '#') {
      tail++;
    }
    out.append(word, rest, tail);
    if (tail < word.length()) {
      out.append(values(word.substring(tail)));
    }
    return out.toString();
  }

  /** {@code ?a=1&b=2#frag} as {@code ?a=***&b=***#***}. */
  private static String values(String tail) {
    StringBuilder out = new StringBuilder(tail.length());
    int i = 0;
    while (i < tail.length()) {
      char separator = tail.charAt(i);
      int end = i + 1;
      while (end < tail.length() && "&;?#".indexOf(tail.charAt(end)) < 0) {
        end++;
      }
      String parameter = tail.substring(i + 1, end);
      out.append(separator);
      int equals = parameter.indexOf('=');
      if (separator == '#' || equals < 0) {
        out.append(parameter.isEmpty() ? "" : MASK);
      } else {
        out.append(parameter, 0, equals + 1).append(equals + 1 < parameter.length() ? MASK : "");
      }
      i = end;
    }
    return out.toString();
  }

  /** What stands between {@code ://} (or the start) and the last {@code @}, or {@code null}. */
  private static String userInfo(String uri) {
    int scheme = uri.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int at = uri.lastIndexOf('@');
    return at > start ? uri.substring(start, at) : null;
  }

  private static String decoded(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
