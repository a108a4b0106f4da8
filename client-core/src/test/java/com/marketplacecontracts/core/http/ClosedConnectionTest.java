package com.marketplacecontracts.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request must not go out on a connection the server has closed: it fails with "unexpected end of stream" after it
 * may have been sent, so a write cannot be retried and a retry is spent.
 * <ul>
 *   <li>Servers close idle connections after as little as 5 s (Node's default, the mock's too); the client's pool
 *       must let them go sooner.</li>
 *   <li>An HTTP/1.0 server (Python's {@code http.server}, many test stubs) closes each connection after its answer
 *       without a header saying so: a retry goes out on a new connection, and the call ends with the server's own
 *       answer, not a network failure.</li>
 * </ul>
 */
class ClosedConnectionTest {

  private ServerSocket listener;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  /** Answer each request as an HTTP/1.0 server whose answer is a 500, and close the connection after it. */
  private volatile boolean http10ServerError;

  @BeforeEach
  void start() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (!listener.isClosed()) {
        try {
          Socket socket = listener.accept();
          connections.incrementAndGet();
          Thread serving = new Thread(() -> serve(socket));
          serving.setDaemon(true);
          serving.start();
        } catch (IOException e) {
          return;
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers requests on one connection and closes it after 5 s without one, as Node's HTTP server does. */
  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(5_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1));
      OutputStream out = socket.getOutputStream();
      while (true) {
        int length = 0;
        String line = in.readLine();
        if (line == null) {
          return;
        }
        while (!(line = in.readLine()).isEmpty()) {
          if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        for (int i = 0; i < length; i++) {
          in.read();
        }
        requests.incrementAndGet();
        if (http10ServerError) {
          String body = "{\"code\":\"INTERNAL_ERROR\",\"message\":\"try later\"}";
          out.write(("HTTP/1.0 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          return;
        }
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
    } catch (SocketTimeoutException idle) {
      // closed for idleness: the point of this server
    } catch (IOException e) {
      // the client went away
    }
  }

  @AfterEach
  void stop() throws IOException {
    listener.close();
  }

  @Test
  void aWriteAfterTheServersIdleTimeoutGoesOutOnAFreshConnection() throws Exception {
    try (TestClient client = TestClient.builder("http://127.0.0.1:" + listener.getLocalPort() + "/")
        .rateLimit(RateLimitConfig.disabled()).build()) {
      client.api.write(Map.of("n", 1)).execute();
      Thread.sleep(5_300); // past the server's 5 s: it has closed the first connection

      assertThat(client.api.write(Map.of("n", 2)).execute()).isEmpty();
    }
    assertThat(requests).hasValue(2);
    assertThat(connections).hasValue(2);
  }

  @Test
  void anOwnOkHttpClientWithTheBuildersPoolLetsIdleConnectionsGoAsTheClientsOwnDoes() throws Exception {
    OkHttpClient own = new OkHttpClient.Builder().connectionPool(ClientBuilder.connectionPool()).build();
    try (TestClient client = TestClient.builder("http://127.0.0.1:" + listener.getLocalPort() + "/")
        .okHttpClient(own).rateLimit(RateLimitConfig.disabled()).build()) {
      client.api.write(Map.of("n", 1)).execute();
      assertThat(own.connectionPool().idleConnectionCount()).isEqualTo(1);
      Thread.sleep(5_300); // past the server's 5 s, and so past the pool's 4 s

      assertThat(own.connectionPool().idleConnectionCount()).isZero();
      assertThat(client.api.write(Map.of("n", 2)).execute()).isEmpty();
    }
    assertThat(requests).hasValue(2);
    assertThat(connections).hasValue(2);
    assertThat(ClientBuilder.IDLE_CONNECTION_KEPT).isLessThan(java.time.Duration.ofSeconds(5));
  }

  @Test
  void eachRetryOfAnHttp10ServerGoesOutOnAFreshConnectionAndTheCallEndsWithItsAnswer() {
    http10ServerError = true;
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
