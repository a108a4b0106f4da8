package com.marketplacecontracts.core.internal.ratelimit;

import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.TestApi;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.RateLimitKind;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitInterceptorTest {

  private static final String QUOTA_420 =
      "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\",\"message\":\"Quota exceeded\"}]}";
  private static final String PARALLEL_420 = "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\","
      + "\"message\":\"Parallel requests limit exceeded\"}]}";

  @RegisterExtension
  final MockServer server = new MockServer();
  private final FakeTimeSource time = new FakeTimeSource();
  private final List<Long> requestTimes = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger waits = new AtomicInteger();
  private final List<RateLimitKind> rateLimited = Collections.synchronizedList(new ArrayList<>());
  private Function<RecordedRequest, MockResponse> answer = request -> ok();

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        requestTimes.add(time.nanoTime());
        return answer.apply(request);
      }
    });
  }

  private static MockResponse ok() {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody("{}");
  }

  private TestClient.Builder builder(RateLimitConfig config) {
    return TestClient.builder(server.url("/").toString())
        .retry(RetryConfig.none())
        .rateLimit(config)
        .timeSource(time)
        .clock(time.clock())
        .events(new ClientEvents() {
          @Override
          public void rateLimitWait(String operationId, Duration wait) {
            waits.incrementAndGet();
          }

          @Override
          public void rateLimited(String operationId, RateLimitKind kind, Optional<Instant> reset) {
            rateLimited.add(kind);
          }
        });
  }

  private TestClient client(RateLimitConfig config) {
    return builder(config).build();
  }

  private TestClient.Builder builder() {
    return builder(RateLimitConfig.fromSpec());
  }

  /** Sends {@code calls} reads and returns how long they took on the simulated clock. */
  private Duration timeOf(int calls, Runnable call) {
    long start = time.nanoTime();
    for (int i = 0; i < calls; i++) {
      call.run();
    }
    return Duration.ofNanos(time.nanoTime() - start);
  }

  private static String httpDate(Instant instant) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
  }

  /**
   * A marketplace-like quota on the simulated clock: {@code limit} requests per fixed window aligned to the epoch,
   * reported in the X-RateLimit-Resource-* headers; beyond it, a quota 420. {@code unseen} is spent by another
   * consumer of the account just before each of this client's requests.
   */
  private final class QuotaServer implements Function<RecordedRequest, MockResponse> {
    final long limit;
    final Duration window;
    final int unseen;
    long currentWindow = -1;
    long used;
    final Map<Long, Integer> rejectedByWindow = new TreeMap<>();

    QuotaServer(long limit, Duration window, int unseen) {
      this.limit = limit;
      this.window = window;
      this.unseen = unseen;
    }

    @Override
    public synchronized MockResponse apply(RecordedRequest request) {
      Instant now = time.clock().instant();
      long index = now.toEpochMilli() / window.toMillis();
      if (index != currentWindow) {
        currentWindow = index;
        used = 0;
      }
      used = Math.min(limit, used + unseen);
      Instant until = Instant.ofEpochMilli((index + 1) * window.toMillis());
      boolean allowed = used < limit;
      if (allowed) {
        used++;
      } else {
        rejectedByWindow.merge(index, 1, Integer::sum);
      }
      MockResponse response = allowed ? ok() : new MockResponse().setResponseCode(420).setBody(QUOTA_420);
      return response.setHeader("X-RateLimit-Resource-Limit", limit)
          .setHeader("X-RateLimit-Resource-Remaining", limit - used)
          .setHeader("X-RateLimit-Resource-Until", httpDate(until));
    }
  }

  @Test
  void theSpecQuotaIsNeverExceededInAnyWindowOfOnePeriod() {
    TestClient client = client(RateLimitConfig.fromSpec()); // read: 100 requests per minute; no headers

    for (int i = 0; i < 220; i++) {
      client.api.read(7L).execute();
    }

    long window = Duration.ofMinutes(1).toNanos();
    for (int start = 0; start < requestTimes.size(); start++) {
      int inWindow = 0;
      for (int j = start; j < requestTimes.size() && requestTimes.get(j) - requestTimes.get(start) < window; j++) {
        inWindow++;
      }
      assertThat(inWindow).as("requests in the minute starting at request %d", start).isLessThanOrEqualTo(100);
    }
    // and it still uses the quota: after the burst of 5, 215 requests at 95 per minute take about 136 s
    Duration elapsed = Duration.ofNanos(requestTimes.get(requestTimes.size() - 1) - requestTimes.get(0));
    assertThat(elapsed).isBetween(Duration.ofSeconds(130), Duration.ofSeconds(140));
    assertThat(waits.get()).isGreaterThan(0);
  }

  @Test
  void theServersResetTimeLetsTheClientUseTheWholeQuotaOfEachWindow() {
    QuotaServer quota = new QuotaServer(100, Duration.ofMinutes(1), 0);
    answer = quota;
    TestClient client = client(RateLimitConfig.fromSpec());

    for (int i = 0; i < 400; i++) {
      client.api.read(7L).execute();
    }

    assertThat(quota.rejectedByWindow).isEmpty();
    // 400 requests fill four whole windows: the first window's start to the fourth's, not the 4.2 minutes of 95 %
    Duration elapsed = Duration.ofNanos(requestTimes.get(requestTimes.size() - 1) - requestTimes.get(0));
    assertThat(elapsed).isLessThanOrEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void aFirstAnswerReadAfterItsWindowEndedStillAlignsTheClientAndItsCountStaysWithThatWindow() {
    // list: 1,000 items a minute; the server counts them in windows aligned to the minute
    long[] window = {-1, 0};
    answer = request -> {
      long now = time.clock().instant().toEpochMilli();
      long index = now / 60_000;
      if (index != window[0]) {
        window[0] = index;
        window[1] = 0;
      }
      window[1] += Long.parseLong(request.getRequestUrl().queryParameter("limit"));
      MockResponse response = ok().setHeader("X-RateLimit-Resource-Limit", 1000)
          .setHeader("X-RateLimit-Resource-Remaining", 1000 - window[1])
          .setHeader("X-RateLimit-Resource-Until", httpDate(Instant.ofEpochMilli((index + 1) * 60_000)));
      if (requestTimes.size() == 1) {
        // the first answer reaches the client 1 s after its window ended (a slow answer, a loaded machine)
        time.advance(Duration.ofMillis((index + 1) * 60_000 + 1000 - now));
      }
      return response;
    };
    TestClient client = client(RateLimitConfig.fromSpec());

    client.api.list(500).execute(); // cautious until the windows are known: 450 of it waited for (about 28 s)
    Duration cautious = time.slept();
    client.api.list(500).execute();
    client.api.list(500).execute();

    // aligned by the late answer, and the next window whole: its 1,000 go at once, neither at the cautious pace (950
    // a minute) nor held back by the first window's count taken for the second's
    assertThat(cautious).isGreaterThan(Duration.ofSeconds(20));
    assertThat(time.slept()).isEqualTo(cautious);
  }

  @Test
  void quotasAreKeptPerAccount() {
    TestClient client = client(RateLimitConfig.fromSpec());

    for (int i = 0; i < 5; i++) {
      client.api.read(1L).execute();
      client.api.read(2L).execute();
    }

    assertThat(time.sleeps()).isEmpty(); // each account has its own burst of 5
    client.api.read(1L).execute();
    assertThat(time.slept()).isBetween(Duration.ofMillis(600), Duration.ofMillis(700)); // one token at 95 per minute
  }

  @Test
  void itemQuotasChargeTheWholeRequestedLimit() {
    TestClient client = client(RateLimitConfig.fromSpec()); // list: 1000 items per minute, burst 50

    client.api.list(50).execute();
    assertThat(time.sleeps()).isEmpty();
    client.api.list(500).execute();

    // all 500 items are charged (not only the burst of 50): at 950 per minute they take about 31.6 s to come back
    assertThat(time.slept()).isBetween(Duration.ofMillis(31_000), Duration.ofMillis(32_000));
  }

  @Test
  void itemQuotasCountTheItemsOfTheNamedBodyField() {
    TestClient client = client(RateLimitConfig.fromSpec()
        .withQuota("batch", RateLimitConfig.Quota.items(100, Duration.ofMinutes(1), "ids")));

    client.api.batch(1L, Map.of("ids", List.of(1, 2, 3, 4, 5))).execute();
    assertThat(time.sleeps()).isEmpty(); // burst 5
    client.api.batch(1L, Map.of("ids", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))).execute();

    // 10 more items at 95 per minute
    assertThat(time.slept()).isBetween(Duration.ofMillis(6_000), Duration.ofMillis(6_500));
  }

  @Test
  void aRequestCostingMoreThanTheQuotaAllowsPerPeriodIsRefusedBeforeSending() {
    TestClient client = client(RateLimitConfig.fromSpec()); // list: 1000 items per minute

    assertThatThrownBy(() -> client.api.list(2000).execute())
        .isInstanceOfSatisfying(RequestValidationException.class, e -> {
          assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("limit");
            assertThat(v.value()).isEqualTo("2000");
            assertThat(v.rule()).contains("at most 1000 items of limit per 1m");
          });
        });
    assertThat(server.getRequestCount()).isZero();
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aWaitLongerThanAllowedFailsFastWithoutSending() {
    TestClient client = client(RateLimitConfig.fromSpec().withMaxWait(Duration.ofMillis(100)));
    for (int i = 0; i < 5; i++) {
      client.api.read(1L).execute();
    }

    assertThatThrownBy(() -> client.api.read(1L).execute())
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.statusCode()).isZero();
          assertThat(e.kind()).isEqualTo(RateLimitKind.QUOTA);
          assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
        });
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void anOperationsOwnParallelLimitHoldsBelowTheAccountsCap() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    OkHttpClient counting = new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        return chain.proceed(chain.request());
      } finally {
        inFlight.decrementAndGet();
      }
    }).build();
    answer = request -> ok().setHeadersDelay(5, TimeUnit.MILLISECONDS);
    TestClient client = builder(RateLimitConfig.fromSpec()).okHttpClient(counting).build();

    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        calls.add(pool.submit(() -> client.api.batch(3L, Map.of()).execute()));
      }
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(server.getRequestCount()).isEqualTo(64);
    assertThat(maxInFlight.get()).as("the operation's parallel-limit-value of 2, under the account's 4").isBetween(1, 2);
  }

  @Test
  void noMoreThanTheCapAreInFlightPerAccountUnder64Threads() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    // counted where requests leave the client, after every application interceptor
    OkHttpClient counting = new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        return chain.proceed(chain.request());
      } finally {
        inFlight.decrementAndGet();
      }
    }).build();
    answer = request -> ok().setHeadersDelay(2, TimeUnit.MILLISECONDS);
    TestClient client = builder(RateLimitConfig.fromSpec()
        .withQuota("read", RateLimitConfig.Quota.requests(1_000_000, Duration.ofMinutes(1))))
        .okHttpClient(counting).build();

    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 256; i++) {
        calls.add(pool.submit(() -> client.api.read(3L).execute()));
      }
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(server.getRequestCount()).isEqualTo(256);
    assertThat(maxInFlight.get()).isBetween(2, RateLimitConfig.DEFAULT_MAX_IN_FLIGHT);
  }

  @Test
  void aCallWaitingForAParallelSlotGivesUpAtItsDeadlineWithoutSending() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    answer = request -> {
      try {
        if (request.getPath().endsWith("/4")) {
          hold.await(10, TimeUnit.SECONDS); // account 4's first call stays in flight until released
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ok();
    };
    TestClient client = client(RateLimitConfig.fromSpec().withMaxInFlight(1).withMaxWait(Duration.ofMillis(50)));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> first = pool.submit(() -> client.api.read(4L).execute());
      while (server.getRequestCount() == 0) {
        Thread.onSpinWait();
      }

      assertThatThrownBy(() -> client.api.read(4L).execute())
          .isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.statusCode()).isZero();
            assertThat(e.kind()).isEqualTo(RateLimitKind.PARALLEL);
          });
      client.api.read(5L).execute(); // another account has its own slots
      hold.countDown();
      first.get(10, TimeUnit.SECONDS);
    } finally {
      hold.countDown();
      pool.shutdownNow();
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aWindowWithFewerRemainingThanBelievedCausesAtMostOne420() {
    // another consumer spends one unit before each of this client's requests: the client's count is always behind
    QuotaServer quota = new QuotaServer(20, Duration.ofMinutes(1), 1);
    answer = quota;
    TestClient client = builder(RateLimitConfig.fromSpec()).retry(RetryConfig.defaults().withJitter(0)).build();

    for (int i = 0; i < 60; i++) {
      client.api.read(9L).execute();
    }

    assertThat(quota.rejectedByWindow.values()).allSatisfy(rejected -> assertThat(rejected).isLessThanOrEqualTo(1));
    assertThat(rateLimited).doesNotContain(RateLimitKind.PARALLEL);
    // the other consumer takes about half of each window: 60 calls need about six windows, not three
    assertThat(time.slept()).isGreaterThan(Duration.ofMinutes(4));
  }

  @Test
  void headersOfA5xxDoNotConsumeQuota() {
    QuotaServer quota = new QuotaServer(10, Duration.ofMinutes(1), 0);
    AtomicInteger calls = new AtomicInteger();
    answer = request -> {
      if (calls.incrementAndGet() % 2 == 0) {
        // the marketplace does not count a 5xx: its headers repeat the last count
        MockResponse counted = quota.apply(request);
        quota.used--;
        return counted.setResponseCode(503).setBody("{}")
            .setHeader("X-RateLimit-Resource-Remaining", quota.limit - quota.used);
      }
      return quota.apply(request);
    };
    TestClient client = client(RateLimitConfig.fromSpec());

    int ok = 0;
    int failed = 0;
    for (int i = 0; i < 19; i++) {
      try {
        client.api.read(6L).execute();
        ok++;
      } catch (ServerErrorException e) {
        failed++;
      }
    }

    // ten counted answers and nine 503s fit in one window of ten: no wait, no 420
    assertThat(ok).isEqualTo(10);
    assertThat(failed).isEqualTo(9);
    assertThat(time.sleeps()).isEmpty();
    assertThat(quota.rejectedByWindow).isEmpty();
  }

  @Test
  void aParallelLimit420IsRetriedAtOnceAndAQuota420AtTheServersReset() {
    Instant reset = time.clock().instant().plusSeconds(30);
    server.setDispatcher(new QueueDispatcher());
    server.enqueue(new MockResponse().setResponseCode(420).setBody(PARALLEL_420)
        .setHeader("X-RateLimit-Resource-Remaining", "50"));
    server.enqueue(ok());
    TestClient client = builder(RateLimitConfig.disabled()).retry(RetryConfig.defaults().withJitter(0)).build();

    client.api.read(1L).execute();
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(100));

    server.enqueue(new MockResponse().setResponseCode(420).setBody(QUOTA_420)
        .setHeader("X-RateLimit-Resource-Remaining", "0")
        .setHeader("X-RateLimit-Resource-Until", httpDate(reset)));
    server.enqueue(ok());
    client.api.read(1L).execute();
    assertThat(time.sleeps().get(1)).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
  }

  @Test
  void theFinalExceptionAndTheEventsTellTheTwoKindsOf420Apart() {
    server.setDispatcher(new QueueDispatcher());
    TestClient client = builder(RateLimitConfig.fromSpec()).retry(RetryConfig.defaults().withJitter(0)).build();
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setResponseCode(420).setBody(PARALLEL_420));
    }
    server.enqueue(new MockResponse().setResponseCode(420).setBody(QUOTA_420)
        .setHeader("X-RateLimit-Resource-Limit", "100").setHeader("X-RateLimit-Resource-Remaining", "0")
        .setHeader("X-RateLimit-Resource-Until", httpDate(time.clock().instant().plusSeconds(3600))));

    assertThatThrownBy(() -> client.api.read(1L).execute())
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.kind()).isEqualTo(RateLimitKind.PARALLEL);
          assertThat(e.statusCode()).isEqualTo(420);
          assertThat(e.getMessage()).contains("parallel");
        });
    assertThatThrownBy(() -> client.api.read(1L).execute())
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.kind()).isEqualTo(RateLimitKind.QUOTA);
          assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofMinutes(59)));
        });
    assertThat(rateLimited).containsExactly(RateLimitKind.PARALLEL, RateLimitKind.PARALLEL, RateLimitKind.PARALLEL,
        RateLimitKind.PARALLEL, RateLimitKind.QUOTA);
  }

  @Test
  void overridesReplaceTheSpecQuota() {
    TestClient client = client(RateLimitConfig.fromSpec()
        .withQuota("read", RateLimitConfig.Quota.requests(20, Duration.ofMinutes(1))));

    client.api.read(1L).execute();
    client.api.read(1L).execute();

    assertThat(time.sleeps()).hasSize(1); // burst of 1 (20 / 20)
  }

  @Test
  void withoutATierTheStricterDeclaredQuotaApplies() {
    TestClient client = client(RateLimitConfig.fromSpec()); // read: none 100/min, medium 600/min

    // burst 5, then 95 a minute: the 100/min tier, not the 600/min one
    Duration elapsed = timeOf(100, () -> client.api.read(1L).execute());

    assertThat(elapsed).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(61));
  }

  @Test
  void theBuildersTierSelectsThatTiersQuota() {
    TestClient client = builder().tier("medium").build();

    // medium: 600 a minute, burst 30, then 570 a minute
    Duration elapsed = timeOf(600, () -> client.api.read(1L).execute());

    assertThat(elapsed).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(61));
  }

  @Test
  void theStricterTierIsChosenByRateNotByAmount() {
    // hourly: none 1000 an hour (~16.7/min) is stricter than medium 60 a minute; 100 calls take ~3.2 vs ~1.7 min
    TestClient stricter = client(RateLimitConfig.fromSpec());
    TestClient medium = builder().tier("medium").build();

    assertThat(timeOf(100, () -> stricter.api.hourly().execute()))
        .isGreaterThan(Duration.ofMinutes(3));
    assertThat(timeOf(100, () -> medium.api.hourly().execute()))
        .isLessThan(Duration.ofMinutes(2));
  }

  @Test
  void aTierTheOperationDoesNotDeclareFallsBackToTheStricter() {
    TestClient client = builder().tier("enterprise").build();

    Duration elapsed = timeOf(100, () -> client.api.read(1L).execute());

    assertThat(elapsed).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(61));
  }

  @Test
  void aUsersOverrideWinsOverTheTier() {
    TestClient client = builder().tier("medium")
        .rateLimit(RateLimitConfig.fromSpec().withQuota("read", RateLimitConfig.Quota.requests(20, Duration.ofMinutes(1))))
        .build();

    client.api.read(1L).execute();
    client.api.read(1L).execute();

    assertThat(time.sleeps()).hasSize(1); // burst of 1 (20 / 20), not medium's 30
  }

  @Test
  void aConfigWithoutATierKeepsTheBuildersTier() {
    TestClient client = builder().tier("medium").rateLimit(RateLimitConfig.fromSpec().withMaxWait(Duration.ofMinutes(5)))
        .build();

    for (int i = 0; i < 30; i++) {
      client.api.read(1L).execute();
    }

    assertThat(time.sleeps()).isEmpty(); // medium's burst of 30
  }

  @Test
  void theUnitDecidesWhetherItemsOrRequestsAreCounted() {
    // read's unit is resp; list's unit is req.limit (items)
    ApiOperationQuotas quotas = new ApiOperationQuotas();
    assertThat(quotas.of("read").countsItems()).isFalse();
    assertThat(quotas.of("list").countsItems()).isTrue();
    assertThat(quotas.of("list").amount()).isEqualTo(1000);
    assertThat(quotas.of("hourly").period()).isEqualTo(Duration.ofHours(1));
    assertThat(quotas.of("write")).isNull();
  }

  /** The quota the interceptor determines for each TestApi operation, with the spec's defaults. */
  private static final class ApiOperationQuotas {
    RateLimitConfig.Quota of(String operationId) {
      for (Method method : TestApi.class.getMethods()) {
        ApiOperation operation =
            method.getAnnotation(ApiOperation.class);
        if (operation != null && operation.id().equals(operationId)) {
          return RateLimitInterceptor.quotaOf(operation, RateLimitConfig.fromSpec());
        }
      }
      throw new IllegalArgumentException(operationId);
    }
  }

  @Test
  void disabledMeansNoWaiting() {
    TestClient client = client(RateLimitConfig.disabled());

    for (int i = 0; i < 120; i++) {
      client.api.read(1L).execute();
    }

    assertThat(time.sleeps()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(120);
  }
}
