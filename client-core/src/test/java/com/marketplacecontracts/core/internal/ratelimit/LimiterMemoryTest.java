package com.marketplacecontracts.core.internal.ratelimit;

import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.ratelimit.LimiterStore;
import com.marketplacecontracts.core.internal.ratelimit.IdleMap;
import com.marketplacecontracts.core.internal.ratelimit.LocalLimiterStore;
import com.marketplacecontracts.core.internal.ratelimit.RateLimitInterceptor;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.http.TestApi;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.time.FakeTimeSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import retrofit2.Invocation;

/**
 * The limiter's memory over time, on a simulated clock and without a network (the interceptor is driven with a chain
 * that answers at once): state per account goes once idle, its count is bounded meanwhile, and a server whose resets
 * slide on every answer leaves no history behind.
 */
class LimiterMemoryTest {

  private static final MediaType JSON = MediaType.get("application/json");
  private final FakeTimeSource time = new FakeTimeSource();
  private final OkHttpClient http = new OkHttpClient();
  private final RateLimitInterceptor limiter = new RateLimitInterceptor(RateLimitConfig.fromSpec(),
      Marketplace.YANDEX_MARKET, time, time.clock(), ClientEvents.NONE, null);
  private final Method read;

  LimiterMemoryTest() throws NoSuchMethodException {
    read = TestApi.class.getMethod("read", Long.class);
  }

  /** One call of {@code read} for {@code account}, answered with {@code headers}' quota headers. */
  @SuppressWarnings("deprecation") // a request tagged as Retrofit tags it; the newer Invocation.of needs a service instance a test does not have
  private void call(long account, Function<Instant, String[]> headers) throws IOException {
    Request request = new Request.Builder().url("http://127.0.0.1/items/" + account)
        .tag(Invocation.class, Invocation.of(read, List.of(account))).build();
    Call call = http.newCall(request);
    limiter.intercept(new Interceptor.Chain() {
      @Override
      public Request request() {
        return request;
      }

      @Override
      public Response proceed(Request sent) {
        Response.Builder response = new Response.Builder().request(sent).protocol(Protocol.HTTP_1_1).code(200)
            .message("OK").body(ResponseBody.create("{}", JSON));
        String[] pairs = headers.apply(time.clock().instant());
        for (int i = 0; i < pairs.length; i += 2) {
          response.header(pairs[i], pairs[i + 1]);
        }
        return response.build();
      }

      @Override
      public Connection connection() {
        return null;
      }

      @Override
      public Call call() {
        return call;
      }

      @Override
      public int connectTimeoutMillis() {
        return 0;
      }

      @Override
      public Interceptor.Chain withConnectTimeout(int timeout, TimeUnit unit) {
        return this;
      }

      @Override
      public int readTimeoutMillis() {
        return 0;
      }

      @Override
      public Interceptor.Chain withReadTimeout(int timeout, TimeUnit unit) {
        return this;
      }

      @Override
      public int writeTimeoutMillis() {
        return 0;
      }

      @Override
      public Interceptor.Chain withWriteTimeout(int timeout, TimeUnit unit) {
        return this;
      }
    }).close();
  }

  /** Marketplace-like headers whose reset slides: always 59 s after the answer, as a rolling window would report. */
  private static String[] sliding(Instant now) {
    return new String[] {"X-RateLimit-Resource-Limit", "100", "X-RateLimit-Resource-Remaining", "99",
        "X-RateLimit-Resource-Until", DateTimeFormatter.RFC_1123_DATE_TIME.format(
            now.plusSeconds(59).atZone(ZoneOffset.UTC))};
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  void aHundredThousandAccountsLeaveNothingBehindOnceIdle() throws IOException {
    long heapBefore = usedHeap();
    int mostRetained = 0;

    for (long account = 1; account <= 100_000; account++) {
      call(account, LimiterMemoryTest::sliding);
      if (account % 1_000 == 0) {
        mostRetained = Math.max(mostRetained, limiter.retained());
        time.advance(Duration.ofMillis(100)); // 100 000 accounts in 10 simulated seconds
      }
    }
    long heapBusy = usedHeap();
    // every account used within the last minute: still held, but never more than the bound per kind of state
    assertThat(mostRetained).isLessThanOrEqualTo(5 * (IdleMap.MAX_ENTRIES + IdleMap.MAX_ENTRIES / 10));

    time.advance(Duration.ofMinutes(3)); // longer than the longest quota period (1 minute) plus the margin
    call(1, LimiterMemoryTest::sliding);
    long heapIdle = usedHeap();

    System.out.printf("limiter memory: %d accounts, most entries held %d, heap +%d KB while busy, +%d KB once idle;"
        + " entries held once idle: %d%n", 100_000, mostRetained, (heapBusy - heapBefore) / 1024,
        (heapIdle - heapBefore) / 1024, limiter.retained());
    assertThat(limiter.retained()).as("entries held after the idle time").isLessThanOrEqualTo(8);
    // 100 000 accounts at ~760 bytes each would be 76 MB; what is left is one account's and the JVM's noise
    assertThat(heapIdle - heapBefore).isLessThan(20L << 20);
  }

  @Test
  void slidingResetsLeaveNoHistoryPerCall() throws IOException {
    int mostRetained = 0;

    for (int i = 0; i < 20_000; i++) {
      call(7, LimiterMemoryTest::sliding);
      time.advance(Duration.ofSeconds(1)); // each answer a new reset time (dates have whole seconds): a new window
      mostRetained = Math.max(mostRetained, limiter.retained());
    }

    assertThat(mostRetained).as("entries held for one account at any time").isLessThanOrEqualTo(8);
  }

  @Test
  void valuesGoAtTheEndOfTheirTimeToLive() {
    LocalLimiterStore store = new LocalLimiterStore(RateLimitInterceptor.wallClockMeter(time.clock(), time));
    store.put("a", "1", Duration.ofSeconds(30));
    store.raise("b", 5, Duration.ofSeconds(90));

    time.advance(Duration.ofSeconds(31));
    assertThat(store.get("a")).isNull();
    assertThat(store.get("b")).isEqualTo("5");
    time.advance(Duration.ofSeconds(60));
    assertThat(store.get("b")).isNull();
    assertThat(store.raise("b", 3, Duration.ofSeconds(90))).as("counted afresh").isEqualTo(3);
  }

  @Test
  void aSemaphoreWithAPermitOutIsNeverDroppedHoweverIdle() throws InterruptedException {
    LocalLimiterStore store = new LocalLimiterStore(RateLimitInterceptor.wallClockMeter(time.clock(), time));
    LimiterStore.Permit held = store.acquire("campaignId=1", 1, Duration.ZERO);
    assertThat(held).isNotNull();

    for (int i = 0; i < 5; i++) {
      time.advance(Duration.ofMinutes(10));
      store.acquire("campaignId=" + (100 + i), 1, Duration.ZERO).release(); // other accounts: sweeps run
    }

    assertThat(store.acquire("campaignId=1", 1, Duration.ZERO)).as("the cap still holds").isNull();
    held.release();
    assertThat(store.acquire("campaignId=1", 1, Duration.ZERO)).isNotNull();
  }

  @Test
  void pastTheBoundTheLeastRecentlyUsedGoFirst() {
    IdleMap<String> map = new IdleMap<>(RateLimitInterceptor.wallClockMeter(time.clock(), time), true, v -> false,
        1_000);
    for (int i = 0; i < 5_000; i++) {
      map.computeIfAbsent("k" + i, k -> "v", Long.MAX_VALUE); // nothing ever idles out: only the bound applies
      map.get("k0"); // one key in constant use
    }

    assertThat(map.size()).isLessThanOrEqualTo(1_000);
    assertThat(map.get("k0")).isEqualTo("v");
    assertThat(map.get("k4999")).isEqualTo("v");
    assertThat(map.get("k1")).isNull();
  }
}
