package com.marketplacecontracts.core.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test helper: a MockWebServer started before each test and shut down after it, the one way the tests stand up an
 * HTTP server. Register it with {@code @RegisterExtension final MockServer server = new MockServer();} and use
 * {@code enqueue}/{@code takeRequest} as on MockWebServer. Its sockets set TCP_NODELAY: without it every exchange
 * on loopback costs about 40 ms (the server's second small write waits for a delayed ACK).
 */
public final class MockServer implements BeforeEachCallback, AfterEachCallback {

  private final MockWebServer server = new MockWebServer();

  public MockServer() {
    server.setServerSocketFactory(new NoDelaySockets());
  }

  /** A JSON answer with {@code status}. */
  public static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    server.shutdown();
  }

  public void enqueue(MockResponse response) {
    server.enqueue(response);
  }

  public void setDispatcher(Dispatcher dispatcher) {
    server.setDispatcher(dispatcher);
  }

  public HttpUrl url(String path) {
    return server.url(path);
  }

  /** The next request received, waiting at most 10 s (a test that expects one more request fails, not hangs). */
  public RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request arrived within 10 s");
    }
    return request;
  }

  public int getRequestCount() {
    return server.getRequestCount();
  }

  /** Stops the server in the middle of a test (e.g. to see a connection refused); the extension does it after. */
  public void shutdown() throws IOException {
    server.shutdown();
  }

  private static final class NoDelaySockets extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
      throw new UnsupportedOperationException();
    }
  }
}
