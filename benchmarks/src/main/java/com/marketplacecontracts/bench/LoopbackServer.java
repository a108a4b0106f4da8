package com.marketplacecontracts.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Map;

/**
 * A loopback HTTP server for the measured runs (JDK HttpServer with TCP_NODELAY: without it each exchange waits
 * about 40 ms for a delayed ACK, which would swamp what is being measured).
 */
final class LoopbackServer implements AutoCloseable {

  /** Answers one exchange. */
  interface Handler {
    Answer answer(HttpExchange exchange) throws IOException;
  }

  /** An answer: status, body and extra headers. */
  record Answer(int status, byte[] body, Map<String, String> headers) {
    Answer(int status, byte[] body) {
      this(status, body, Map.of());
    }
  }

  private final HttpServer server;

  LoopbackServer(Handler handler) {
    this(handler, 4);
  }

  /** With {@code threads} exchanges served at once (a server that enforces a parallel cap must see the excess). */
  LoopbackServer(Handler handler, int threads) {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(threads));
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        Answer answer = handler.answer(exchange);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        exchange.getResponseBody().write(answer.body());
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
