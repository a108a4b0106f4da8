package com.marketplacecontracts.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.TestApi;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitInterceptorTest {

  @RegisterExtension
  final MockServer server = new MockServer();
  private final FakeTimeSource time = new FakeTimeSource();
  private final List<Long> requestTimes = new ArrayList<>();
  private final AtomicInteger waits = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        synchronized (requestTimes) {
          requestTimes.add(time.nanoTime());
        }
        return new MockResponse().setHeader("Content-Type", "application/json").setBody("{}");
      }
    });
  }

  private TestClient client(RateLimitConfig config) {
    return builder().rateLimit(config).build();
  }

  private TestClient.Builder builder() {
    return TestClient.builder(server.url("/").toString())
        .retry(RetryConfig.none())
        .timeSource(time)
        .events(new ClientEvents() {
          @Override
          public void rateLimitWait(String operationId, Duration wait) {
            waits.incrementAndGet();
          }
        });
  }

  /** Sends {@code calls} reads and returns how long they took on the simulated clock. */
  private Duration timeOf(int calls, Runnable call) {
    long start = time.nanoTime();
    for (int i = 0; i < calls; i++) {
      call.run();
    }
    return Duration.ofNanos(time.nanoTime() - start);
  }

  @Test
  void theSpecQuotaIsNeverExceededInAnyWindowOfOnePeriod() {
    TestClient client = client(RateLimitConfig.fromSpec()); // read: 100 requests per minute

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
  void quotasAreKeptPerAccount() {
    TestClient client = client(RateLimitConfig.fromSpec());

    for (int i = 0; i < 5; i++) {
      client.api.read(1L).execute();
      client.api.read(2L).execute();
    }

    assertThat(time.sleeps()).isEmpty(); // each account has its own burst of 5
    client.api.read(1L).execute();
    assertThat(time.sleeps()).hasSize(1);
  }

  @Test
  void itemQuotasChargeTheRequestedLimit() {
    TestClient client = client(RateLimitConfig.fromSpec()); // list: 1000 items per minute, burst 50

    client.api.list(50).execute();
    assertThat(time.sleeps()).isEmpty();
    client.api.list(50).execute();

    // 50 items at 950 per minute take about 3.16 s to come back
    assertThat(time.slept()).isBetween(Duration.ofMillis(3000), Duration.ofMillis(3300));
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
          assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
        });
    assertThat(server.getRequestCount()).isEqualTo(5);
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
