package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.error.ErrorDecoder;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.operation.Operations;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The innermost network interceptor: turns what OkHttp throws when an answer breaks the HTTP exchange itself into a
 * typed, final {@link UnreadableResponseException} (sending the request again would get the same answer):
 * <ul>
 *   <li>more interim {@code 1xx} responses than OkHttp reads before the final one, which it reports as an
 *       {@link IllegalStateException} of its exchange codec;</li>
 *   <li>response headers past OkHttp's 256 KiB limit (one huge header or very many), which it reports as the end of
 *       the stream — told apart from a real cut (a transport failure, retried) by the answer still going on.</li>
 * </ul>
 */
final class ExchangeGuard implements Interceptor {

  /** How long to look for more of an answer whose headers OkHttp stopped reading. */
  private static final int PROBE_MILLIS = 200;

  private final ErrorDecoder failures;

  ExchangeGuard(ErrorDecoder failures) {
    this.failures = failures;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    try {
      return chain.proceed(chain.request());
    } catch (IllegalStateException e) {
      throw unreadable(chain, "unexpected interim responses (1xx) before the final answer", e);
    } catch (IOException e) {
      if (e.getCause() instanceof EOFException && answerGoesOn(chain.connection())) {
        throw unreadable(chain, "response headers larger than the 256 KiB that are read", e);
      }
      throw e;
    }
  }

  private IOException unreadable(Chain chain, String what, Exception cause) {
    return new UnreadableResponseException(failures.noResponse(Operations.id(chain.request()), what), cause)
        .inTransit();
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
