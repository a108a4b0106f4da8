package com.marketplacecontracts.cli;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Failures in words a user reads, not the Java exception that carried them: what failed is told by the exception's
 * type, where by the URL the requests went to ({@link Target#destination()}), never read out of an exception's text.
 * The retry lines and the final error say a failure in the same words.
 */
final class Humane {

  private static final int MAX_CAUSES = 10;
  /** The summary the client gives a failure with no HTTP answer, which the words below replace. */
  private static final String NETWORK_FAILURE = "network failure";

  private Humane() {
  }

  /**
   * The error {@code text} of {@code failure}, a connect failure said as "cannot connect to HOST:PORT (why)", an
   * unknown host as "cannot resolve the host name HOST", a timeout as "no answer from HOST:PORT in time", a
   * connection closed mid-answer as "HOST:PORT closed the connection before its answer was complete" and an answer
   * that broke HTTP as "the answer from HOST:PORT was cut or is not HTTP"; {@code destination} is the HOST:PORT the
   * requests went to (null: unknown, the text is left as it is).
   */
  static String network(String text, Throwable failure, String destination) {
    if (text == null || destination == null) {
      return text;
    }
    Class<? extends Throwable> kind = null;
    Throwable at = failure;
    for (int i = 0; at != null && i < MAX_CAUSES && kind == null; i++, at = at.getCause()) {
      kind = at instanceof ConnectException ? ConnectException.class
          : at instanceof UnknownHostException ? UnknownHostException.class
          : at instanceof InterruptedIOException ? InterruptedIOException.class // timeouts (a socket's too)
          : at instanceof EOFException ? EOFException.class
          : at instanceof ProtocolException ? ProtocolException.class : null;
    }
    int summary = text.indexOf(NETWORK_FAILURE);
    if (kind == null || summary < 0) {
      return text;
    }
    // "yandex getOrders: network failure (...)": the operation stays, the failure is said in words
    return text.substring(0, summary) + words(kind, destination) + (kind == ConnectException.class ? why(failure)
        : "");
  }

  /**
   * A failed attempt's {@code reason} as the client reports it to a retry listener ("HTTP 503", "HTTP 420 (quota)",
   * or the I/O failure's type and message), in the words the final error would use.
   */
  static String attempt(String reason, String destination) {
    if (reason == null) {
      return null;
    }
    if (reason.matches("HTTP 5[0-9][0-9]")) {
      return reason + ": marketplace server error";
    }
    if (reason.equals("HTTP 420 (parallel limit)")) {
      return "HTTP 420: rate limit exceeded (parallel requests)";
    }
    if (reason.equals("HTTP 420 (quota)") || reason.equals("HTTP 429")) {
      return reason.substring(0, 8) + ": rate limit exceeded (quota)";
    }
    // the client names the failure by its type's simple name, first
    if (destination != null) {
      for (Class<? extends Throwable> kind : List.of(ConnectException.class, UnknownHostException.class,
          SocketTimeoutException.class, InterruptedIOException.class, ProtocolException.class)) {
        if (reason.startsWith(kind.getSimpleName() + ":")) {
          return words(kind, destination);
        }
      }
      // OkHttp's words for a connection closed before the answer's headers ended (an EOFException below)
      if (reason.startsWith("IOException: unexpected end of stream")) {
        return words(EOFException.class, destination);
      }
    }
    return reason;
  }

  /**
   * A library's "no answer: ConnectException" (a failure told only by its type's simple name, as the notification
   * sender does) in the words of the rest of the CLI; any other text is returned as it is.
   */
  static String noAnswer(String problem, String destination) {
    String prefix = "no answer: ";
    if (problem == null || destination == null || !problem.startsWith(prefix)) {
      return problem;
    }
    String type = problem.substring(prefix.length());
    return type.equals(ConnectException.class.getSimpleName()) ? words(ConnectException.class, destination)
        : type.equals(UnknownHostException.class.getSimpleName()) ? words(UnknownHostException.class, destination)
        : problem;
  }

  private static String words(Class<? extends Throwable> kind, String destination) {
    if (kind == ConnectException.class) {
      return "cannot connect to " + destination;
    } else if (kind == UnknownHostException.class) {
      return "cannot resolve the host name " + host(destination);
    } else if (InterruptedIOException.class.isAssignableFrom(kind)) {
      return "no answer from " + destination + " in time";
    } else if (kind == EOFException.class) {
      return destination + " closed the connection before its answer was complete";
    }
    return "the answer from " + destination + " was cut or is not HTTP";
  }

  /** HOST:PORT of {@code url} (an IPv6 host in brackets), where a failure to connect failed; null when not a URL. */
  static String hostAndPort(String url) {
    okhttp3.HttpUrl parsed = url == null ? null : okhttp3.HttpUrl.parse(url);
    return parsed == null ? null : (parsed.host().contains(":") ? "[" + parsed.host() + "]" : parsed.host()) + ":"
        + parsed.port();
  }

  /** The host of HOST:PORT (an IPv6 host keeps its brackets). */
  private static String host(String destination) {
    int colon = destination.lastIndexOf(':');
    return colon > 0 && !destination.endsWith("]") ? destination.substring(0, colon) : destination;
  }

  /**
   * The innermost connect failure's words, in parentheses; none for a refused connection, which is what "cannot
   * connect" says (and all a retry line, told only the failure's type, can say).
   */
  private static String why(Throwable failure) {
    String deepest = null;
    Throwable at = failure;
    for (int i = 0; at != null && i < MAX_CAUSES; i++, at = at.getCause()) {
      if (at instanceof ConnectException && at.getMessage() != null) {
        deepest = at.getMessage();
      }
    }
    if (deepest == null || deepest.startsWith("Failed to connect")) {
      return "";
    }
    String lower = deepest.toLowerCase(Locale.ROOT);
    return lower.contains("refused") ? "" : " (" + (lower.length() > 80 ? lower.substring(0, 80) : lower) + ")";
  }
}
