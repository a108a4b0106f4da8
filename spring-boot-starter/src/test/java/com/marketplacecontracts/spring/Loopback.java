package com.marketplacecontracts.spring;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test helper: a JDK HTTP server on a free loopback port answering queued JSON replies and recording requests. */
final class Loopback implements AutoCloseable {

  record Reply(int status, String json) {
  }

  record Received(String method, String path, String body, String apiKey, String authorization, String userAgent) {
  }

  private final HttpServer server;
  private final Deque<Reply> replies = new ArrayDeque<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private Reply fallback = new Reply(500, "{}");

  Loopback() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body,
          exchange.getRequestHeaders().getFirst("Api-Key"), exchange.getRequestHeaders().getFirst("Authorization"),
          exchange.getRequestHeaders().getFirst("User-Agent")));
      Reply reply;
      synchronized (replies) {
        reply = replies.isEmpty() ? fallback : replies.poll();
      }
      byte[] bytes = reply.json().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  /** Replies in order; after them, {@code always}. */
  Loopback answer(int status, String json) {
    synchronized (replies) {
      replies.add(new Reply(status, json));
    }
    return this;
  }

  Loopback always(int status, String json) {
    fallback = new Reply(status, json);
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  List<Received> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
