package com.marketplacecontracts.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that closes each connection after its answer without saying so in a header (an HTTP/1.0 server: Python's
 * {@code http.server}, many test stubs) must not cost the call its retries: a retry sent on the closed connection
 * fails with "unexpected end of stream", and the call would end as a network failure instead of the server's own
 * answer.
 */
class ClosingServerTest {

  private ServerSocket listener;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (!listener.isClosed()) {
        try (Socket socket = listener.accept()) {
          connections.incrementAndGet();
          answerOnceAndClose(socket);
        } catch (IOException e) {
          // the next connection
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Reads one request and answers it in HTTP/1.0, with a length and no Connection header, then closes. */
  private void answerOnceAndClose(Socket socket) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
        StandardCharsets.ISO_8859_1));
    String line = in.readLine();
    if (line == null) {
      return;
    }
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      // headers
    }
    requests.incrementAndGet();
    String body = "{\"code\":\"INTERNAL_ERROR\",\"message\":\"try later\"}";
    socket.getOutputStream().write(("HTTP/1.0 500 Internal Server Error\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  @AfterEach
  void stop() throws IOException {
    listener.close();
  }

  @Test
  void everyRetryReachesTheServerAndTheCallEndsWithItsAnswer() {
    try (TestClient client = TestClient.builder("http://127.0.0.1:" + listener.getLocalPort() + "/")
        .rateLimit(RateLimitConfig.disabled())
        .retry(RetryConfig.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))).build()) {
      assertThatThrownBy(() -> client.api.read(1L).execute())
          .isInstanceOfSatisfying(ServerErrorException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    }
    assertThat(requests).hasValue(4);
    assertThat(connections).hasValue(4);
  }
}
