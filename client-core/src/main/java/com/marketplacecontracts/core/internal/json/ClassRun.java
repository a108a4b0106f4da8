package com.marketplacecontracts.core.internal.json;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern of the form {@code ^[class]{m,n}$} ({@code {m}}, {@code {m,}}, {@code +} or {@code *} too), optionally
 * with {@code (?=.*\S.*)} after the {@code ^} (the specs' "not blank" ids): for an ASCII string it can say "matches"
 * from a table of the class's ASCII characters, which {@link Pattern} itself filled. It never says "does not
 * match": a string it does not accept goes to the pattern, so an unusual one (a line terminator before {@code $},
 * a character outside ASCII) gets the regular expression's own answer.
 */
public final class ClassRun {
  private static final String NOT_BLANK = "(?=.*\\S.*)";
  private static final Pattern QUANTIFIER = Pattern.compile("\\{(\\d{1,9})(,(\\d{0,9}))?}|[+*]");

  private final boolean[] inClass;
  private final int min;
  private final int max;
  private final boolean notBlank;

  private ClassRun(boolean[] inClass, int min, int max, boolean notBlank) {
    this.inClass = inClass;
    this.min = min;
    this.max = max;
    this.notBlank = notBlank;
  }

  /** The run a pattern is, or null when it is not one. */
  public static ClassRun of(String regex) {
    if (!regex.startsWith("^") || !regex.endsWith("$")) {
      return null;
    }
    String rest = regex.substring(1, regex.length() - 1);
    boolean notBlank = rest.startsWith(NOT_BLANK);
    if (notBlank) {
      rest = rest.substring(NOT_BLANK.length());
    }
    int end = classEnd(rest);
    if (end < 0) {
      return null;
    }
    java.util.regex.Matcher quantifier = QUANTIFIER.matcher(rest.substring(end + 1));
    if (!quantifier.matches()) {
      return null;
    }
    int min;
    int max;
    if (quantifier.group().equals("+")) {
      min = 1;
      max = Integer.MAX_VALUE;
    } else if (quantifier.group().equals("*")) {
      min = 0;
      max = Integer.MAX_VALUE;
    } else {
      min = Integer.parseInt(quantifier.group(1));
      max = quantifier.group(2) == null ? min
          : quantifier.group(3).isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(quantifier.group(3));
    }
    Pattern oneCharacter;
    try {
      oneCharacter = Pattern.compile(rest.substring(0, end + 1));
    } catch (PatternSyntaxException e) {
      return null;
    }
    boolean[] inClass = new boolean[128];
    for (char c = 0; c < 128; c++) {
      inClass[c] = oneCharacter.matcher(String.valueOf(c)).matches();
    }
    return new ClassRun(inClass, min, max, notBlank);
  }

  /**
   * The index of the {@code ]} closing the class that opens {@code text}, or -1 when it does not open with one
   * or uses what this reading does not follow ({@code \Q}, {@code \c}, a {@code ]} first in a class).
   */
  private static int classEnd(String text) {
    if (!text.startsWith("[") || text.contains("\\Q") || text.contains("\\c") || text.contains("[]")
        || text.contains("[^]")) {
      return -1;
    }
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** True when the pattern surely finds a match in {@code text}; false says nothing (ask the pattern). */
  public boolean accepts(CharSequence text) {
    int length = text.length();
    if (length < min || length > max) {
      return false;
    }
    boolean blank = true;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 128 || !inClass[c] || c == '\n' || c == '\r') {
        return false;
      }
      blank &= c == ' ' || c == '\t' || c == 0x0B || c == '\f';
    }
    return !notBlank || !blank;
  }
}
