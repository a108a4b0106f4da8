package com.marketplacecontracts.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server for the measured runs (JDK HttpServer with TCP_NODELAY: without it each exchange waits
 * about 40 ms for a delayed ACK, which would swamp what is being measured).
 */
final class LoopbackServer implements AutoCloseable {

  /** Answers one exchange. */
  interface Handler {
    Answer answer(HttpExchange exchange) throws IOException;
  }

  /** An answer: status, body, optional Retry-After. */
  record Answer(int status, byte[] body) {
  }

  private final HttpServer server;

  LoopbackServer(Handler handler) {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        Answer answer = handler.answer(exchange);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
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
