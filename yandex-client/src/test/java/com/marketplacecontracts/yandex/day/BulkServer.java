package com.marketplacecontracts.yandex.day;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for the marketplace's bulk writes, enforcing what the real one does: each operation's batch size
 * (400 beyond it), its item-counted quota in windows aligned to whole seconds (a request the window cannot take is
 * answered 420, and every answer says the window's limit, remaining and reset in {@code X-RateLimit-Resource-*}),
 * per-offer refusals (a 400 with an error per refused item, whose message begins with the item's path in the request,
 * {@code offers[3]: ...}, or — {@link #pathsInErrors} off — only quotes it in words; nothing of that request
 * applied), and failures on demand.
 * It keeps its own count: what each item was set to, how often it was received, and how often it changed.
 *
 * <p>Serves updatePrices, updateBusinessPrices, updateStocks, updateStocksOnPartnerWarehouses, deleteCampaignOffers,
 * getBusinessSettings, getPagedWarehouses, getDefaultPrices and getStocks.
 */
final class BulkServer implements AutoCloseable {

  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<Map<String, Object>> JSON = MOSHI.adapter(Types.newParameterizedType(Map.class,
      String.class, Object.class));
  private static final Pattern CAMPAIGN_PRICES = Pattern.compile("/v2/campaigns/\\d+/offer-prices/updates");
  private static final Pattern BUSINESS_PRICES = Pattern.compile("/v2/businesses/\\d+/offer-prices/updates");
  private static final Pattern STOCKS_V2 = Pattern.compile("/v2/campaigns/\\d+/offers/stocks");
  private static final Pattern STOCKS_V3 = Pattern.compile("/v3/businesses/\\d+/offers/stocks/update");
  private static final Pattern DELETE = Pattern.compile("/v2/campaigns/\\d+/offers/delete");
  private static final Pattern SETTINGS = Pattern.compile("/v2/businesses/\\d+/settings");
  private static final Pattern WAREHOUSES = Pattern.compile("/v2/businesses/\\d+/warehouses");
  private static final Pattern DEFAULT_PRICES = Pattern.compile("/v2/businesses/\\d+/offer-prices");

  private final HttpServer server;
  private final ExecutorService pool;
  /** Items a window takes, and the window's length. */
  private volatile long quota = Long.MAX_VALUE;
  private volatile long windowMillis = 1000;
  private final Object window = new Object();
  private long windowStart;
  private long windowUsed;

  /** The last value each item was set to, and how often each was received and changed: the server's own count. */
  final Map<String, Object> values = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> changed = new ConcurrentHashMap<>();
  /** Items refused (a 400 naming them; {@code sku@warehouse} for v3 stocks), and the requests failed on purpose. */
  final Set<String> refused = ConcurrentHashMap.newKeySet();
  /** Whether a refusal's message begins with the item's path; else it names the item in words only. */
  volatile boolean pathsInErrors = true;
  /** What a refusal's message says after the item (JSON string content, inserted as is). */
  volatile String refusalText = "the price is below the allowed minimum; 17 offers checked";
  /** How long each write is held before it is answered. */
  volatile long delayMillis;
  /** When each write arrived and when its answer began (System.nanoTime), in arrival order. */
  final List<long[]> spans = java.util.Collections.synchronizedList(new ArrayList<>());
  volatile IntPredicate failing = n -> false;
  volatile int failStatus = 500;
  volatile boolean onlyDefaultPrice = true;
  volatile boolean warehouseGroups;
  final AtomicInteger requests = new AtomicInteger();
  final AtomicLong itemsApplied = new AtomicLong();
  final AtomicInteger quota420 = new AtomicInteger();
  final AtomicInteger tooLarge = new AtomicInteger();
  final List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
  volatile boolean keepBodies = true;

  BulkServer() {
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

  /** {@code items} a window of {@code millis}, windows starting at whole multiples of it. */
  BulkServer quota(long items, long millis) {
    this.quota = items;
    this.windowMillis = millis;
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  int receivedTimes(String id) {
    AtomicInteger n = received.get(id);
    return n == null ? 0 : n.get();
  }

  int changedTimes(String id) {
    AtomicInteger n = changed.get(id);
    return n == null ? 0 : n.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = in.readNBytes(32 * 1024 * 1024);
      }
      String body = new String(raw, StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath();
      int n = requests.getAndIncrement();
      if (failing.test(n)) {
        answer(exchange, failStatus, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\",\"message\":"
            + "\"failed on purpose\"}]}", null);
        return;
      }
      if (SETTINGS.matcher(path).matches()) {
        answer(exchange, 200, "{\"status\":\"OK\",\"result\":{\"settings\":{\"onlyDefaultPrice\":" + onlyDefaultPrice
            + ",\"currency\":\"RUR\"}}}", null);
        return;
      }
      if (WAREHOUSES.matcher(path).matches()) {
        answer(exchange, 200, "{\"status\":\"OK\",\"result\":{\"warehouses\":[{\"id\":11,\"name\":\"main\","
            + "\"campaignId\":9,\"express\":false" + (warehouseGroups ? ",\"groupInfo\":{\"id\":5,\"name\":\"g\"}" : "")
            + "}]}}", null);
        return;
      }
      if (DEFAULT_PRICES.matcher(path).matches()) {
        answer(exchange, 200, defaultPrices(body), null);
        return;
      }
      if (STOCKS_V2.matcher(path).matches() && exchange.getRequestMethod().equals("POST")) {
        answer(exchange, 200, stocks(body), null);
        return;
      }
      String field;
      int max;
      if (CAMPAIGN_PRICES.matcher(path).matches()) {
        field = "offers";
        max = 2000;
      } else if (BUSINESS_PRICES.matcher(path).matches()) {
        field = "offers";
        max = 500;
      } else if (STOCKS_V2.matcher(path).matches()) {
        field = "skus";
        max = 2000;
      } else if (STOCKS_V3.matcher(path).matches()) {
        field = "skuItems";
        max = 2000;
      } else if (DELETE.matcher(path).matches()) {
        field = "offerIds";
        max = 500;
      } else {
        answer(exchange, 404, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"NOT_FOUND\"}]}", null);
        return;
      }
      write(exchange, body, field, max);
    }
  }

  private void write(HttpExchange exchange, String body, String field, int max) throws IOException {
    long[] span = {System.nanoTime(), 0};
    spans.add(span);
    try {
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    span[1] = System.nanoTime(); // before the answer goes out: a request sent after it arrives later
    writeNow(exchange, body, field, max);
  }

  private void writeNow(HttpExchange exchange, String body, String field, int max) throws IOException {
    List<?> items = (List<?>) JSON.fromJson(body).get(field);
    if (items.size() > max) {
      tooLarge.incrementAndGet();
      answer(exchange, 400, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"BAD_REQUEST\",\"message\":\"" + field
          + " has more than " + max + " items\"}]}", null);
      return;
    }
    long now = System.currentTimeMillis();
    long start;
    long remaining;
    synchronized (window) {
      start = now - Math.floorMod(now, windowMillis);
      if (start != windowStart) {
        windowStart = start;
        windowUsed = 0;
      }
      if (quota != Long.MAX_VALUE && windowUsed + items.size() > quota) {
        quota420.incrementAndGet();
        String until = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(start + windowMillis)
            .atZone(ZoneOffset.UTC));
        answer(exchange, 420, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\",\"message\":"
            + "\"quota exceeded\"}]}", new String[] {Long.toString(quota), Long.toString(quota - windowUsed), until});
        return;
      }
      windowUsed += items.size();
      remaining = quota == Long.MAX_VALUE ? 0 : quota - windowUsed;
    }
    String[] headers = quota == Long.MAX_VALUE ? null : new String[] {Long.toString(quota), Long.toString(remaining),
        DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(start + windowMillis).atZone(ZoneOffset.UTC))};
    StringBuilder errors = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      String id = id(items.get(i));
      if (refused.contains(id)) {
        errors.append(errors.length() == 0 ? "" : ",").append("{\"code\":\"INVALID_PRICE\",\"message\":\"")
            .append(pathsInErrors ? field + "[" + i + "].price: offer " : "Offer ").append(id).append(": ")
            .append(refusalText).append("\"}");
      }
    }
    if (errors.length() > 0) {
      answer(exchange, 400, "{\"status\":\"ERROR\",\"errors\":[" + errors + "]}", headers);
      return;
    }
    if (keepBodies) {
      bodies.add(body);
    }
    for (Object item : items) {
      String id = id(item);
      Object value = item instanceof Map<?, ?> map ? value(map) : Boolean.TRUE;
      received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      Object before = values.put(id, value);
      if (!value.equals(before)) {
        changed.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      }
      itemsApplied.incrementAndGet();
    }
    answer(exchange, 200, "{\"status\":\"OK\"}", headers);
  }

  private static String id(Object item) {
    if (item instanceof Map<?, ?> map) {
      Object id = map.containsKey("offerId") ? map.get("offerId") : map.get("sku");
      Object warehouse = map.get("partnerWarehouseId");
      return warehouse == null ? String.valueOf(id) : id + "@" + warehouse;
    }
    return String.valueOf(item);
  }

  /** What an item sets: its price value, or its count (as a whole number). */
  private static Object value(Map<?, ?> item) {
    if (item.get("price") instanceof Map<?, ?> price) {
      return String.valueOf(price.get("value"));
    }
    if (item.get("items") instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
      return ((Number) first.get("count")).longValue();
    }
    if (item.get("count") instanceof Number count) {
      return count.longValue();
    }
    return Boolean.TRUE;
  }

  private String defaultPrices(String body) throws IOException {
    List<?> ids = (List<?>) JSON.fromJson(body).get("offerIds");
    StringBuilder offers = new StringBuilder();
    for (Object id : ids) {
      Object value = values.get(String.valueOf(id));
      if (value != null) {
        offers.append(offers.length() == 0 ? "" : ",").append("{\"offerId\":\"").append(id)
            .append("\",\"price\":{\"value\":").append(value).append(",\"currencyId\":\"RUR\"}}");
      }
    }
    return "{\"status\":\"OK\",\"result\":{\"offers\":[" + offers + "]}}";
  }

  private String stocks(String body) throws IOException {
    List<?> ids = (List<?>) JSON.fromJson(body).get("offerIds");
    StringBuilder offers = new StringBuilder();
    for (Object id : ids) {
      Object value = values.get(String.valueOf(id));
      if (value != null) {
        offers.append(offers.length() == 0 ? "" : ",").append("{\"offerId\":\"").append(id)
            .append("\",\"stocks\":[{\"type\":\"FIT\",\"count\":").append(value).append("}]}");
      }
    }
    return "{\"status\":\"OK\",\"result\":{\"warehouses\":[{\"warehouseId\":11,\"offers\":[" + offers + "]}]}}";
  }

  private static void answer(HttpExchange exchange, int status, String body, String[] quota) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (quota != null) {
      exchange.getResponseHeaders().set("X-RateLimit-Resource-Limit", quota[0]);
      exchange.getResponseHeaders().set("X-RateLimit-Resource-Remaining", quota[1]);
      exchange.getResponseHeaders().set("X-RateLimit-Resource-Until", quota[2]);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
