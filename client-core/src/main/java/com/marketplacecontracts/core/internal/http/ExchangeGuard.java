package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.internal.error.ErrorDecoder;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.operation.Operations;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * The innermost network interceptor: turns what OkHttp throws when an answer breaks the HTTP exchange itself into a
 * typed, final {@link UnreadableResponseException} (sending the request again would get the same answer):
 * <ul>
 *   <li>more interim {@code 1xx} responses than OkHttp reads before the final one, which it reports as an
 *       {@link IllegalStateException} of its exchange codec;</li>
 *   <li>response headers past OkHttp's 256 KiB limit (one huge header or very many), which it reports as the end of
 *       the stream — told apart from a real cut (a transport failure, retried) by the answer still going on;</li>
 *   <li>a {@code Content-Length} that is not one byte count (negative, past a long, several that differ): OkHttp
 *       would read a negative one with an {@link IllegalArgumentException} (on the async path, out of its
 *       dispatcher thread), take the last of several, and read an unparsable one to the end of the stream.</li>
 * </ul>
 * Thrown from a network interceptor, the failure makes OkHttp detach the exchange (its socket closed): the body is
 * never read or closed, which for a negative length would throw again.
 *
 * <p>It also keeps OkHttp from reusing a connection the server closes after its answer without a header saying so:
 * HTTP/1.0 closes by default unless the answer says {@code keep-alive}, which OkHttp does not follow. A retry sent on
 * such a connection would fail with "unexpected end of stream" and spend an attempt.
 */
final class ExchangeGuard implements Interceptor {

  /** How long to look for more of an answer whose headers OkHttp stopped reading. */
  private static final int PROBE_MILLIS = 200;
  /** A byte count OkHttp can hold: digits only (no sign), fewer than 19 of them so it fits a long. */
  private static final Pattern LENGTH = Pattern.compile("[0-9]{1,18}");

  private final ErrorDecoder failures;

  ExchangeGuard(ErrorDecoder failures) {
    this.failures = failures;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (IllegalStateException e) {
      throw unreadable(chain, 0, "unexpected interim responses (1xx) before the final answer", e);
    } catch (IOException e) {
      if (e.getCause() instanceof EOFException && answerGoesOn(chain.connection())) {
        throw unreadable(chain, 0, "response headers larger than the 256 KiB that are read", e);
      }
      throw e;
    }
    List<String> lengths = response.headers("Content-Length");
    if (!lengths.isEmpty() && (!LENGTH.matcher(lengths.get(0).trim()).matches()
        || lengths.stream().anyMatch(length -> !length.trim().equals(lengths.get(0).trim())))) {
      throw unreadable(chain, response.code(), "Content-Length is not one byte count: " + String.join(", ",
          lengths.subList(0, Math.min(lengths.size(), 3))), null);
    }
    if (response.protocol() == Protocol.HTTP_1_0 && !"keep-alive".equalsIgnoreCase(response.header("Connection"))) {
      notForReuse(chain.connection());
    }
    return response;
  }

  /**
   * Half-closes the connection's sending side once the request is out: the answer is still read, and OkHttp's pool
   * takes a connection whose output is shut down for unhealthy and never hands it to another request. A TLS socket
   * cannot be half-closed; a marketplace's TLS server speaks HTTP/1.1 or 2.
   */
  private static void notForReuse(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.socket().shutdownOutput();
    } catch (IOException | UnsupportedOperationException e) {
      // already closed, or TLS: OkHttp finds out on the next use as before
    }
  }

  private IOException unreadable(Chain chain, int status, String what, Exception cause) {
    return new UnreadableResponseException(failures.details(Operations.id(chain.request()), status, null, null,
        null, what), failures.redactor().cause(cause)).inTransit();
  }

  /** True when the server is still sending after OkHttp gave up on the headers: they were too large, not cut. */
  private static boolean answerGoesOn(Connection connection) {
    if (connection == null) {
      return false;
    }
    try {
      Socket socket = connection.socket();
      socket.setSoTimeout(PROBE_MILLIS);
      InputStream in = socket.getInputStream();
      return in.read() >= 0;
    } catch (IOException e) {
      return false;
    }
  }
}
