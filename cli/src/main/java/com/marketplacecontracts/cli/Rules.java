package com.marketplacecontracts.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validation rules in words for people: the spec's patterns are regular expressions, which a terminal user
 * should not have to read. */
final class Rules {

  private static final Pattern MUST_MATCH = Pattern.compile("must match \"(.*)\"", Pattern.DOTALL);
  /** The specs' patterns, described. A pattern not listed here is shown as it is. */
  private static final Map<String, String> PATTERNS = Map.of(
      "^(?=.*\\S.*)[^\\x00-\\x08\\x0A-\\x1f\\x7f]{1,255}$",
      "must be 1 to 255 characters, not only spaces, without control characters");

  private Rules() {
  }

  static String forHumans(String rule) {
    Matcher matcher = MUST_MATCH.matcher(rule);
    if (!matcher.matches()) {
      return rule;
    }
    String described = PATTERNS.get(matcher.group(1));
    return described != null ? described : "must match the pattern " + matcher.group(1);
  }
}
