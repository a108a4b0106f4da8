package com.marketplacecontracts.cli;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Network failures in words a user reads, not the Java exception that carried them. */
final class Humane {

  /** OkHttp's "Failed to connect to host/1.2.3.4:443" (the host part may be empty). */
  private static final Pattern CONNECT = Pattern.compile(
      "(?:network failure \\()?ConnectException: Failed to connect to ([^/\\s)]*)/([^\\s)]+?):([0-9]{1,5})\\)?");
  private static final Pattern UNKNOWN_HOST = Pattern.compile(
      "(?:network failure \\()?UnknownHostException: ([^\\s:)]+)[^)]*\\)?");
  private static final int MAX_CAUSES = 10;

  private Humane() {
  }

  /** {@code text} with a connect failure said as "cannot connect to HOST:PORT (why)"; {@code failure} tells why. */
  static String network(String text, Throwable failure) {
    if (text == null) {
      return null;
    }
    Matcher connect = CONNECT.matcher(text);
    if (connect.find()) {
      String host = connect.group(1).isEmpty() ? connect.group(2) : connect.group(1);
      text = connect.replaceFirst(Matcher.quoteReplacement("cannot connect to " + host + ":" + connect.group(3)
          + why(failure)));
    }
    Matcher unknown = UNKNOWN_HOST.matcher(text);
    if (unknown.find()) {
      text = unknown.replaceFirst(Matcher.quoteReplacement("cannot resolve the host name " + unknown.group(1)));
    }
    return text;
  }

  /** " (connection refused)" when the chain says so; the innermost connect failure's words otherwise. */
  private static String why(Throwable failure) {
    String deepest = null;
    Throwable at = failure;
    for (int i = 0; at != null && i < MAX_CAUSES; i++, at = at.getCause()) {
      if ((at instanceof ConnectException || at instanceof UnknownHostException) && at.getMessage() != null) {
        deepest = at.getMessage();
      }
    }
    if (deepest == null || deepest.startsWith("Failed to connect")) {
      return "";
    }
    String lower = deepest.toLowerCase(Locale.ROOT);
    return lower.contains("refused") ? " (connection refused)" : " (" + (lower.length() > 80
        ? lower.substring(0, 80) : lower) + ")";
  }
}
