package com.marketplacecontracts.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * A loopback server that enforces Yandex Market's two limits on one account: a quota of {@code quota} requests per
 * fixed window of {@code window} (aligned to the epoch, counted on arrival; 5xx would not count), reported on every
 * answer in {@code X-RateLimit-Resource-Limit/-Remaining/-Until}; and at most {@code maxInFlight} requests in
 * flight. Beyond either it answers 420 with a message that says which, as the marketplace does. Each request takes
 * {@code latency} to process. {@link #unseenConsumer} lets another consumer use the same quota.
 */
final class MarketLikeServer implements AutoCloseable {

  static final byte[] OK = ("{\"status\":\"OK\",\"result\":{\"operations\":[{\"id\":\"op\",\"type\":"
      + "\"ORDER_STATUS_UPDATE\",\"status\":\"DONE\"}]}}").getBytes(StandardCharsets.UTF_8);
  static final byte[] QUOTA_420 = ("{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\",\"message\":"
      + "\"Request limit exceeded for the resource\"}]}").getBytes(StandardCharsets.UTF_8);
  static final byte[] PARALLEL_420 = ("{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\",\"message\":"
      + "\"Parallel requests limit exceeded\"}]}").getBytes(StandardCharsets.UTF_8);

  private final long quota;
  private final long windowMillis;
  private final int maxInFlight;
  private final Duration latency;
  private final boolean headers;
  private final LoopbackServer server;

  private long window = -1;
  private long used;
  private int inFlight;
  private long inFlightSince = System.nanoTime();
  private double inFlightIntegral;
  private final Map<Long, int[]> byWindow = new TreeMap<>(); // window -> {ok, quota 420, parallel 420}

  MarketLikeServer(long quota, Duration window, int maxInFlight, Duration latency, boolean headers) {
    this.quota = quota;
    this.windowMillis = window.toMillis();
    this.maxInFlight = maxInFlight;
    this.latency = latency;
    this.headers = headers;
    this.server = new LoopbackServer(exchange -> handle(), 64);
  }

  String url() {
    return server.url();
  }

  private LoopbackServer.Answer handle() {
    long index;
    synchronized (this) {
      index = current();
      int[] counts = byWindow.computeIfAbsent(index, k -> new int[3]);
      if (inFlight >= maxInFlight) {
        counts[2]++;
        return answer(420, PARALLEL_420, index);
      }
      if (used >= quota) {
        counts[1]++;
        return answer(420, QUOTA_420, index);
      }
      used++;
      counts[0]++;
      moveInFlight(+1);
    }
    try {
      if (!latency.isZero()) {
        Thread.sleep(latency.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      moveInFlight(-1); // done before the answer leaves: the client may send the next one at once
      return answer(200, OK, index);
    }
  }

  private long unseenFrom = Long.MAX_VALUE;
  private long unseenPerWindow;

  /**
   * From window {@code from} on, another consumer of the account (invisible to the client) spends {@code units} of
   * each window as it opens.
   */
  synchronized void unseenConsumer(long from, long units) {
    unseenFrom = from;
    unseenPerWindow = units;
  }

  private long current() {
    long index = System.currentTimeMillis() / windowMillis;
    if (index != window) {
      window = index;
      used = index >= unseenFrom ? unseenPerWindow : 0;
    }
    return index;
  }

  private void moveInFlight(int delta) {
    long now = System.nanoTime();
    inFlightIntegral += inFlight * (double) (now - inFlightSince);
    inFlightSince = now;
    inFlight += delta;
  }

  private LoopbackServer.Answer answer(int status, byte[] body, long index) {
    if (!headers) {
      return new LoopbackServer.Answer(status, body);
    }
    Instant until = Instant.ofEpochMilli((index + 1) * windowMillis);
    return new LoopbackServer.Answer(status, body, Map.of(
        "X-RateLimit-Resource-Limit", Long.toString(quota),
        "X-RateLimit-Resource-Remaining", Long.toString(Math.max(0, quota - used)),
        "X-RateLimit-Resource-Until", DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atZone(ZoneOffset.UTC))));
  }

  /** Counts per window: {ok, quota 420s, parallel 420s}. */
  synchronized Map<Long, int[]> byWindow() {
    Map<Long, int[]> copy = new TreeMap<>();
    byWindow.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  /** Average requests in flight since {@link #resetInFlight()}. */
  synchronized double averageInFlight() {
    moveInFlight(0);
    return inFlightIntegral / (System.nanoTime() - integralStart);
  }

  private long integralStart = System.nanoTime();

  synchronized void resetInFlight() {
    moveInFlight(0);
    inFlightIntegral = 0;
    integralStart = System.nanoTime();
  }

  /** Sleeps until the next window starts; returns its index. */
  long awaitWindowStart() throws InterruptedException {
    long now = System.currentTimeMillis();
    long next = now / windowMillis + 1;
    Thread.sleep(next * windowMillis - now);
    return next;
  }

  long windowMillis() {
    return windowMillis;
  }

  @Override
  public void close() {
    server.close();
  }
}
