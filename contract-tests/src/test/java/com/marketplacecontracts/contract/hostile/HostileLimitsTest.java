package com.marketplacecontracts.contract.hostile;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.ratelimit.InvalidLimitsStoreException;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.limits.redis.RedisLimiterStore;
import com.marketplacecontracts.yandex.YandexMarketClient;
import io.lettuce.core.RedisException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile-server suite for the client-side limits, library level: the Yandex client against a marketplace that
 * sends rate-limit headers none would, and against a shared limits store ({@code redis://}) that hangs or sends
 * absurd replies. Every case asserts what the caller sees, a generous bound on time, that no secret (the API key, the
 * store's password) reaches a message or an event, and that the limiter keeps working. The table is written to
 * {@code target/hostile-limits-matrix.md}.
 */
class HostileLimitsTest {

  private static final String API_KEY = "hostile-limits-key-0001";
  private static final String STORE_PASSWORD = "hostile-store-pw-0002";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
  private static final String UIN_OK = "{\"status\":\"OK\",\"result\":{\"items\":[]}}";
  private static final HostileMatrix MATRIX = new HostileMatrix("hostile-limits-matrix.md",
      "| item | case | what the caller sees | warnings | time |");

  @RegisterExtension
  final MockServer home = new MockServer();
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private volatile String[] firstAnswerHeaders = {};
  private final AtomicInteger answers = new AtomicInteger();

  @AfterAll
  static void writeMatrix() throws IOException {
    MATRIX.write();
  }

  @BeforeAll
  static void loadTheStoresClasses() throws IOException {
    // Lettuce and Netty load their classes on a process's first connection: not what a case should measure
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (RedisLimiterStore store = new RedisLimiterStore("redis://127.0.0.1:" + closed, Duration.ofSeconds(30))) {
      throw new AssertionError("connected to a closed port: " + store);
    } catch (RedisException expected) {
      // refused, as it should be
    }
  }

  @BeforeEach
  void marketplace() {
    // the first answer carries the case's headers; then a sane marketplace: 100 a minute, windows on the minute
    home.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = json(200, UIN_OK);
        if (answers.getAndIncrement() == 0) {
          for (int i = 0; i < firstAnswerHeaders.length; i += 2) {
            response.addHeader(firstAnswerHeaders[i], firstAnswerHeaders[i + 1]);
          }
          return response;
        }
        Instant until = Instant.ofEpochMilli((System.currentTimeMillis() / 60_000 + 1) * 60_000);
        return response.setHeader("X-RateLimit-Resource-Limit", "100")
            .setHeader("X-RateLimit-Resource-Remaining", "90")
            .setHeader("X-RateLimit-Resource-Until", httpDate(until));
      }
    });
  }

  private static String httpDate(Instant at) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ZoneOffset.UTC));
  }

  private YandexMarketClient.Builder yandex() {
    return YandexMarketClient.builder().baseUrl(home.url("/").toString()).apiKey(API_KEY)
        .retry(RetryConfig.none()).callTimeout(CALL_TIMEOUT)
        .events(new ClientEvents() {
          @Override
          public void unusableRateLimitHeader(String operationId, String header, String reason) {
            events.add(header + ": " + reason);
          }

          @Override
          public void limiterStoreUnavailable(String store, String reason) {
            events.add(store + ": " + reason);
          }
        });
  }

  private void assertNoSecret(Throwable failure) {
    List<String> texts = new ArrayList<>(events);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t.getMessage()));
      texts.add(t.toString());
    }
    for (String text : texts) {
      assertThat(text).doesNotContain(API_KEY, STORE_PASSWORD);
    }
  }

  private static String seconds(long nanos) {
    return HostileMatrix.seconds(Duration.ofNanos(nanos));
  }

  // --- 1. rate-limit headers -------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"X-RateLimit-Resource-Limit=1000000000000000", "X-RateLimit-Resource-Limit=1e15",
      "x-ratelimit-resource-limit=99999999999999999999", "X-RateLimit-Resource-Limit=Infinity",
      "X-RateLimit-Resource-Limit=-100", "X-RateLimit-Resource-Limit= 0 ",
      "X-RateLimit-Resource-Remaining=1000000000000000", "X-RateLimit-Resource-Remaining=NaN",
      "X-RateLimit-Resource-Until=Fri, 31 Dec 9999 23:59:59 GMT",
      "X-RateLimit-Resource-Until=Thu, 1 Jan 1970 00:00:00 GMT", "X-RateLimit-Resource-Until=in a minute"})
  void aRateLimitHeaderNoMarketplaceWouldSendLeavesTheLimiterWorking(String header) {
    String name = header.substring(0, header.indexOf('='));
    String value = header.substring(header.indexOf('=') + 1);
    List<String> sent = new ArrayList<>(List.of("X-RateLimit-Resource-Limit", "100",
        "X-RateLimit-Resource-Remaining", "90", "X-RateLimit-Resource-Until",
        httpDate(Instant.ofEpochMilli((System.currentTimeMillis() / 60_000 + 1) * 60_000))));
    for (int i = 0; i < sent.size(); i += 2) {
      if (sent.get(i).equalsIgnoreCase(name)) {
        sent.set(i, name);
        sent.set(i + 1, value);
      }
    }
    firstAnswerHeaders = sent.toArray(String[]::new);
    YandexMarketClient client = yandex().build();

    long started = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      client.uinStatus(1L, 2L); // the hostile answer, then 19 sane ones: none may throw
    }
    long took = System.nanoTime() - started;

    assertThat(events).singleElement().asString().startsWithIgnoringCase(name + ": ");
    assertThat(home.getRequestCount()).isEqualTo(20);
    assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(20));
    assertNoSecret(null);
    MATRIX.row("1 " + header, "1", name + ": " + value, "value, 19 more calls limited as usual", events.get(0),
        seconds(took));
  }

  @Test
  void anAbsurdRetryAfterOnAQuota420IsClampedAndReported() {
    home.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return json(420, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\"}]}")
            .setHeader("Retry-After", "1e15");
      }
    });

    long started = System.nanoTime();
    assertThatThrownBy(() -> yandex().build().uinStatus(1L, 2L)).isInstanceOfSatisfying(RateLimitedException.class,
        e -> assertNoSecret(e));
    long took = System.nanoTime() - started;

    assertThat(events).containsExactly("Retry-After: neither whole seconds nor an HTTP date: ignored");
    MATRIX.row("1 Retry-After", "1", "420 with Retry-After: 1e15", "RateLimitedException", events.get(0),
        seconds(took));
  }

  // --- 2. a limits store that hangs ------------------------------------------------------------------------------

  /** A "Redis" on loopback that accepts connections and never reads or answers. */
  private static final class Silent implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final List<Socket> open = new CopyOnWriteArrayList<>();

    Silent() throws IOException {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            open.add(socket.accept());
          }
        } catch (IOException e) {
          // closed
        }
      }, "silent-redis");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket connection : open) {
        connection.close();
      }
    }
  }

  @Test
  void aLimitsStoreThatAcceptsAndNeverAnswersCostsEachCallWellUnderItsTimeout() throws Exception {
    try (Silent redis = new Silent()) {
      YandexMarketClient client = yandex()
          .rateLimit(RateLimitConfig.fromSpec().withQuota("getOrderIdentifiersStatus",
              RateLimitConfig.Quota.requests(1_000_000, Duration.ofMinutes(1))))
          .limitsStore("redis://:" + STORE_PASSWORD + "@127.0.0.1:" + redis.socket.getLocalPort()).build();

      long slowest = 0;
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          calls.add(pool.submit(() -> {
            long started = System.nanoTime();
            client.uinStatus(1L, 2L);
            return System.nanoTime() - started;
          }));
        }
        for (Future<Long> call : calls) {
          slowest = Math.max(slowest, call.get(60, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(2));
      assertThat(events).singleElement().asString().startsWith("redis://***@127.0.0.1:");
      assertNoSecret(null);
      MATRIX.row("2 silent", "2", "limits store accepts and never answers, 8 calls at once (3 s call timeout)",
          "values (local limiter)", Integer.toString(events.size()), seconds(slowest));
    }
  }

  // --- 3. a limits store that sends an absurd reply --------------------------------------------------------------

  /**
   * A "Redis" that answers the handshake (HELLO refused, the rest +OK) and every other command with
   * {@code reply}'s header followed by up to 256 MiB; counts what it could write.
   */
  private static final class Absurd implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicLong written = new AtomicLong();
    final List<Socket> open = new CopyOnWriteArrayList<>();

    Absurd(String header) throws IOException {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            Socket connection = socket.accept();
            open.add(connection);
            Thread worker = new Thread(() -> serve(connection, header), "absurd-redis-connection");
            worker.setDaemon(true);
            worker.start();
          }
        } catch (IOException e) {
          // closed
        }
      }, "absurd-redis");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private void serve(Socket connection, String header) {
      try (connection) {
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream();
        while (true) {
          String command = command(in);
          if (command == null) {
            return;
          }
          if (command.equals("HELLO")) {
            write(out, "-ERR unknown command 'HELLO'\r\n".getBytes(StandardCharsets.US_ASCII));
          } else if (List.of("CLIENT", "PING", "SELECT", "AUTH").contains(command)) {
            write(out, "+OK\r\n".getBytes(StandardCharsets.US_ASCII));
          } else {
            write(out, (header + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 256; i++) {
              write(out, chunk);
            }
          }
        }
      } catch (IOException e) {
        // the client closed the connection: what a refused reply looks like from here
      }
    }

    private void write(OutputStream out, byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
      written.addAndGet(bytes.length);
    }

    /** The name of the next RESP command (an array of bulk strings), or null at the end. */
    private static String command(InputStream in) throws IOException {
      String header = line(in);
      if (header == null || !header.startsWith("*")) {
        return null;
      }
      String name = null;
      for (int i = Integer.parseInt(header.substring(1)); i > 0; i--) {
        String length = line(in);
        if (length == null) {
          return null;
        }
        String part = new String(in.readNBytes(Integer.parseInt(length.substring(1))), StandardCharsets.UTF_8);
        in.readNBytes(2);
        name = name == null ? part.toUpperCase(java.util.Locale.ROOT) : name;
      }
      return name;
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b == '\n') {
          return line.toString(StandardCharsets.US_ASCII).trim();
        }
        line.write(b);
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket connection : open) {
        connection.close();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"$200000000", "*2000000000", ">1000000000"})
  void anAbsurdReplyFromTheLimitsStoreIsRefusedAndLittleOfItRead(String header) throws Exception {
    try (Absurd redis = new Absurd(header)) {
      YandexMarketClient client = yandex()
          .limitsStore("redis://:" + STORE_PASSWORD + "@127.0.0.1:" + redis.socket.getLocalPort()).build();

      long started = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        client.uinStatus(1L, 2L);
      }
      long took = System.nanoTime() - started;

      assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(5));
      assertThat(redis.written.get()).as("bytes the store could send before the client hung up")
          .isLessThan(32L << 20);
      assertThat(events).hasSize(1);
      assertNoSecret(null);
      MATRIX.row("3 " + header, "3", "limits store replies " + header + " and 256 MiB", "values (local limiter); "
          + (redis.written.get() >> 20) + " MiB sent before the client hung up", Integer.toString(events.size()),
          seconds(took));
    }
  }

  // --- 4, 5. limits store URIs -----------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"redis://:" + STORE_PASSWORD + "@127.0.0.1:6379?lease=0",
      "redis://:" + STORE_PASSWORD + "@127.0.0.1:6379?lease=-30",
      "redis://:" + STORE_PASSWORD + "@my_redis:6379", "redis://:" + STORE_PASSWORD + "@redis:99999",
      "redis://:" + STORE_PASSWORD + "@-redis:6379", "redis://:" + STORE_PASSWORD + "@redis:port"})
  void aLimitsStoreUriTheStoreCouldNotUseIsRefusedWhenTheClientIsBuilt(String uri) {
    assertThatThrownBy(() -> yandex().limitsStore(uri))
        .isInstanceOfSatisfying(InvalidLimitsStoreException.class, e -> {
          assertNoSecret(e);
          MATRIX.row("4 " + uri, uri.contains("lease") ? "4" : "5", uri.replace(STORE_PASSWORD, "PASSWORD"),
              "InvalidLimitsStoreException (" + e.part() + ")", "0", "-");
        });
    assertThat(home.getRequestCount()).isZero();
  }

  @Test
  void aFailureNeverCarriesTheStorePassword() {
    home.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return json(503, "{}");
      }
    });
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }

    assertThatThrownBy(() -> yandex().limitsStore("redis://:" + STORE_PASSWORD + "@127.0.0.1:" + closed).build()
        .uinStatus(1L, 2L)).isInstanceOfSatisfying(MarketplaceException.class, this::assertNoSecret);
    assertThat(events).singleElement().asString().startsWith("redis://***@127.0.0.1:" + closed);
  }
}
