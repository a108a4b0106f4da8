package com.marketplacecontracts.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for the marketplace's {@code updatePrices} ({@code POST v2/campaigns/{id}/offer-prices/updates})
 * that enforces its item-counted quota as the marketplace does: {@code quota} offers a window aligned to whole
 * multiples of the window's length, counted on arrival; a request the window cannot take whole is answered 420; every
 * answer reports the window's limit, remaining and end in {@code X-RateLimit-Resource-*}. Requests of more than 2,000
 * offers are refused (400). It keeps its own count: how often each offer {@code O-<n>} was applied, and the offers
 * applied in each window.
 */
final class PriceQuotaServer implements AutoCloseable {

  private static final Pattern PATH = Pattern.compile("/v2/campaigns/\\d+/offer-prices/updates");
  private static final Pattern OFFER = Pattern.compile("\"offerId\":\"O-(\\d{1,9})\"");
  private static final byte[] OK = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] LIMITED = ("{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\","
      + "\"message\":\"the quota of offers is spent\"}]}").getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService pool;
  private final long quota;
  private final long windowMillis;
  private final Object lock = new Object();
  private long windowStart;
  private long windowUsed;

  /** Times each offer was applied (by its number). */
  final AtomicIntegerArray applied;
  final AtomicLong itemsApplied = new AtomicLong();
  final AtomicLong quota420 = new AtomicLong();
  final AtomicLong tooLarge = new AtomicLong();
  /** Offers applied per window (by the window's start, epoch millis). */
  final Map<Long, AtomicLong> perWindow = new ConcurrentHashMap<>();

  PriceQuotaServer(int offers, long quota, long windowMillis) {
    this.applied = new AtomicIntegerArray(offers);
    this.quota = quota;
    this.windowMillis = windowMillis;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pool = Executors.newFixedThreadPool(16);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readNBytes(8 * 1024 * 1024), StandardCharsets.UTF_8);
      }
      if (!PATH.matcher(exchange.getRequestURI().getPath()).matches()) {
        answer(exchange, 404, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"NOT_FOUND\"}]}"
            .getBytes(StandardCharsets.UTF_8), null);
        return;
      }
      Matcher m = OFFER.matcher(body);
      int[] offers = new int[2001];
      int n = 0;
      while (m.find() && n < offers.length) {
        offers[n++] = Integer.parseInt(m.group(1));
      }
      if (n > 2000) {
        tooLarge.incrementAndGet();
        answer(exchange, 400, ("{\"status\":\"ERROR\",\"errors\":[{\"code\":\"BAD_REQUEST\",\"message\":\"offers"
            + " has more than 2000 items\"}]}").getBytes(StandardCharsets.UTF_8), null);
        return;
      }
      long now = System.currentTimeMillis();
      long start = now - Math.floorMod(now, windowMillis);
      long remaining;
      boolean taken;
      synchronized (lock) {
        if (start != windowStart) {
          windowStart = start;
          windowUsed = 0;
        }
        taken = windowUsed + n <= quota;
        if (taken) {
          windowUsed += n;
        }
        remaining = quota - windowUsed;
      }
      String[] headers = {Long.toString(quota), Long.toString(remaining), DateTimeFormatter.RFC_1123_DATE_TIME
          .format(Instant.ofEpochMilli(start + windowMillis).atZone(ZoneOffset.UTC))};
      if (!taken) {
        quota420.incrementAndGet();
        answer(exchange, 420, LIMITED, headers);
        return;
      }
      for (int i = 0; i < n; i++) {
        if (offers[i] < applied.length()) {
          applied.incrementAndGet(offers[i]);
        }
      }
      itemsApplied.addAndGet(n);
      perWindow.computeIfAbsent(start, k -> new AtomicLong()).addAndGet(n);
      answer(exchange, 200, OK, headers);
    }
  }

  private static void answer(HttpExchange exchange, int status, byte[] body, String[] quota) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (quota != null) {
      exchange.getResponseHeaders().set("X-RateLimit-Resource-Limit", quota[0]);
      exchange.getResponseHeaders().set("X-RateLimit-Resource-Remaining", quota[1]);
      exchange.getResponseHeaders().set("X-RateLimit-Resource-Until", quota[2]);
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
