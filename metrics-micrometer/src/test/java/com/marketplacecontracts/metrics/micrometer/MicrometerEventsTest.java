package com.marketplacecontracts.metrics.micrometer;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MicrometerEventsTest {

  @RegisterExtension
  final MockServer server = new MockServer();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FakeTimeSource time = new FakeTimeSource();

  private TestClient client(RetryConfig retry, RateLimitConfig limits) {
    return TestClient.builder(server.url("/").toString()).credential(Credential.header("Api-Key", "the-secret-key"))
        .events(MicrometerEvents.of(registry)).retry(retry).rateLimit(limits).timeSource(time).build();
  }

  private Timer timer(String operation, String outcome) {
    return registry.find(MicrometerEvents.CALLS).tags("operation", operation, "outcome", outcome).timer();
  }

  @Test
  void aTimerPerOperationAndOutcomeWithTheRetriesAndTheirWaits() {
    server.enqueue(json(503, "{}").setHeader("Retry-After", "2"));
    server.enqueue(json(200, "{}"));
    server.enqueue(json(400, "{\"code\":\"BAD\"}"));
    TestClient client = client(RetryConfig.defaults(), RateLimitConfig.disabled());

    client.api.read(7L).execute();
    catchThrowable(() -> client.api.read(8L).execute());

    Timer success = timer("read", "success");
    assertThat(success.count()).isEqualTo(1);
    assertThat(success.totalTime(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2.0); // the simulated wait
    assertThat(success.getId().getTag("marketplace")).isEqualTo("yandex");
    assertThat(timer("read", "bad_request").count()).isEqualTo(1);
    assertThat(registry.find(MicrometerEvents.RETRIES).tag("operation", "read").counter().count()).isEqualTo(1);
  }

  @Test
  void rateLimitAnswersAreCountedByKind() {
    server.enqueue(json(420, "{\"errors\":[{\"code\":\"LIMIT_EXCEEDED\",\"message\":\"too many parallel requests\"}]}"));
    server.enqueue(json(420, "{\"code\":\"LIMIT_EXCEEDED\"}"));
    TestClient client = client(RetryConfig.none(), RateLimitConfig.disabled());

    assertThat(catchThrowable(() -> client.api.read(7L).execute())).isInstanceOf(RateLimitedException.class);
    assertThat(catchThrowable(() -> client.api.read(7L).execute())).isInstanceOf(RateLimitedException.class);

    double all = registry.find(MicrometerEvents.RATE_LIMITED).counters().stream().mapToDouble(c -> c.count()).sum();
    assertThat(all).isEqualTo(2);
    assertThat(registry.find(MicrometerEvents.RATE_LIMITED).counters())
        .allSatisfy(c -> assertThat(c.getId().getTag("kind")).isIn("quota", "parallel"));
    assertThat(timer("read", "rate_limited").count()).isEqualTo(2);
  }

  @Test
  void limiterWaitsAndTheQuotaLeftPerOperationAndAccount() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(200, "{}").setHeader("X-RateLimit-Resource-Limit", "100")
          .setHeader("X-RateLimit-Resource-Remaining", Integer.toString(50 - i))
          .setHeader("X-RateLimit-Resource-Until", "Thu, 01 Jan 2026 00:00:30 GMT"));
    }
    // one request a minute: the second call waits for the limiter
    TestClient client = client(RetryConfig.none(), RateLimitConfig.fromSpec()
        .withQuota("read", RateLimitConfig.Quota.requests(1, Duration.ofMinutes(1))));

    client.api.read(7L).execute();
    client.api.read(7L).execute();
    client.api.read(9L).execute();

    Timer waits = registry.find(MicrometerEvents.LIMITER_WAIT).tag("operation", "read").timer();
    assertThat(waits.count()).isGreaterThanOrEqualTo(1);
    assertThat(waits.totalTime(TimeUnit.SECONDS)).isGreaterThan(0);
    assertThat(registry.find(MicrometerEvents.QUOTA_REMAINING).tags("operation", "read", "account", "campaignId=7")
        .gauge().value()).isEqualTo(49);
    assertThat(registry.find(MicrometerEvents.QUOTA_REMAINING).tags("operation", "read", "account", "campaignId=9")
        .gauge().value()).isEqualTo(48);
  }

  @Test
  @SuppressWarnings("deprecation") // a deprecated operation, called on purpose
  void everyCallOfADeprecatedOperationIsCounted() {
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    TestClient client = client(RetryConfig.none(), RateLimitConfig.disabled());

    client.api.old().execute();
    client.api.old().execute();

    assertThat(registry.find(MicrometerEvents.DEPRECATED_CALLS).tag("operation", "old").counter().count())
        .isEqualTo(2);
  }

  @Test
  void tagsNameOperationsNeverUrlsIdsOrSecrets() {
    server.enqueue(json(400, "{\"code\":\"the-secret-key\"}").setHeader("X-Request-Id", "req-1"));
    server.enqueue(json(200, "{}"));
    TestClient client = client(RetryConfig.none(), RateLimitConfig.disabled());

    assertThat(catchThrowable(() -> client.api.read(123456L).execute())).isInstanceOf(BadRequestException.class);
    client.api.read(654321L).execute();

    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getKey()).isIn("marketplace", "operation", "outcome", "kind", "account", "direction",
            "header");
        assertThat(tag.getValue()).doesNotContain("the-secret-key", "123456", "654321", "/", "req-1");
      }
    }
  }

  @Test
  void quotaGaugesAreBounded() {
    MicrometerEvents events = MicrometerEvents.of(registry);
    for (int i = 0; i < MicrometerEvents.MAX_QUOTA_GAUGES + 50; i++) {
      events.quotaRemaining("read", "campaignId=" + i, 100, 1);
    }
    assertThat(registry.find(MicrometerEvents.QUOTA_REMAINING).gauges()).hasSize(MicrometerEvents.MAX_QUOTA_GAUGES);
  }

  /** Quota reports of distinct hostile accounts from {@code threads} threads at once, {@code each} a thread. */
  private static void reportAtOnce(MicrometerEvents events, int threads, int each) throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    try {
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            events.quotaRemaining("read", "campaignId=" + thread + "-" + i + "\r\n\u001b[2J" + "x".repeat(200), 100, i);
          }
          return null;
        }));
      }
      start.countDown();
      for (java.util.concurrent.Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theQuotaGaugeBoundHoldsWhenManyThreadsAddAccountsAtOnce() throws Exception {
    // A registry slow to register widens the window between a bound check and the gauge's registration.
    SimpleMeterRegistry slow = new SimpleMeterRegistry() {
      @Override
      protected <T> io.micrometer.core.instrument.Gauge newGauge(Meter.Id id, T obj,
          java.util.function.ToDoubleFunction<T> valueFunction) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.newGauge(id, obj, valueFunction);
      }
    };

    reportAtOnce(new MicrometerEvents(slow, 4), 16, 3);

    assertThat(slow.find(MicrometerEvents.QUOTA_REMAINING).gauges()).hasSize(4);
  }

  @Test
  void theDefaultQuotaGaugeBoundHoldsUnderConcurrency() throws Exception {
    reportAtOnce(MicrometerEvents.of(registry), 8, MicrometerEvents.MAX_QUOTA_GAUGES / 4);

    assertThat(registry.find(MicrometerEvents.QUOTA_REMAINING).gauges()).hasSize(MicrometerEvents.MAX_QUOTA_GAUGES);
  }
}
