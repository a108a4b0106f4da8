package com.marketplacecontracts.limits.redis;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.ratelimit.LimiterStore;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis store against a real redis-server (Debian package {@code redis-server}) on a free loopback port. */
class RedisLimiterStoreTest {

  @RegisterExtension
  final MockServer server = new MockServer();

  private RedisServer redis;

  @BeforeAll
  static void needsRedis() {
    assumeTrue(RedisServer.binary() != null,
        "redis-server is not installed (apt-get install -y redis-server): the Redis store's tests are skipped");
  }

  @BeforeEach
  void start() {
    redis = RedisServer.start();
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  private static Process java(String... args) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp", classpath,
        PermitWorker.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static String firstLine(Process process) throws IOException {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      return out.readLine();
    }
  }

  @Test
  void permitsNeverExceedTheCapAcrossProcesses() throws Exception {
    List<Process> workers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      workers.add(java("share", redis.uri(), "campaignId=1", "4", "6", "40"));
    }
    List<Long> highest = new ArrayList<>();
    for (Process worker : workers) {
      String line = firstLine(worker);
      assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(worker.exitValue()).isZero();
      assertThat(line).startsWith("highest ");
      highest.add(Long.parseLong(line.substring("highest ".length())));
    }

    // 3 processes × 6 threads = 18 callers, at most 4 in flight together — and the cap is used
    assertThat(Collections.max(highest)).isEqualTo(4);
  }

  @Test
  void aKilledHoldersPermitsComeBackWithinTheLease() throws Exception {
    Process holder = java("hold", redis.uri(), "campaignId=2", "4", "2");
    assertThat(firstLine(holder)).isEqualTo("held");
    try (RedisLimiterStore store = new RedisLimiterStore(redis.uri(), Duration.ofSeconds(30))) {
      assertThat(store.acquire("campaignId=2", 4, Duration.ZERO)).isNull(); // all four are held

      holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      long started = System.nanoTime();
      LimiterStore.Permit permit = store.acquire("campaignId=2", 4, Duration.ofSeconds(5));

      assertThat(permit).isNotNull();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThanOrEqualTo(Duration.ofSeconds(3));
      permit.release();
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void clientsShareOneQuotaThroughTheStore() throws IOException {
    for (int i = 0; i < 10; i++) {
      server.enqueue(json(200, "{}"));
    }
    // 100 an hour: 5 at once before the server's windows are known, then one every 36 s — the store runs on real
    // time, so the refill must be far slower than five calls on a loaded machine
    RateLimitConfig limits = RateLimitConfig.fromSpec()
        .withQuota("read", RateLimitConfig.Quota.requests(100, Duration.ofHours(1)))
        .withMaxWait(Duration.ofMillis(100));
    TestClient first = TestClient.builder(server.url("/").toString()).retry(RetryConfig.none())
        .rateLimit(limits).limitsStore(redis.uri()).build();
    TestClient second = TestClient.builder(server.url("/").toString()).retry(RetryConfig.none())
        .rateLimit(limits).limitsStore(redis.uri()).build();

    // the JVM's first Redis calls load the store's classes and scripts, which on a loaded machine can outlast the
    // store's 500 ms command deadline (the client then limits locally, as it should): warm up on another account
    TestClient.builder(server.url("/").toString()).retry(RetryConfig.none()).rateLimit(limits)
        .limitsStore(redis.uri()).build().api.read(99L).execute();
    for (int i = 0; i < 3; i++) {
      first.api.read(1L).execute();
    }
    second.api.read(1L).execute();
    second.api.read(1L).execute();

    // the sixth call of the two together finds the shared burst spent: 36 s to wait, more than it may
    assertThatThrownBy(() -> second.api.read(1L).execute())
        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.statusCode()).isZero());
    second.api.read(2L).execute(); // another account's quota is its own
    assertThat(server.getRequestCount()).isEqualTo(7);
  }

  @Test
  void aStoreThatGoesDownLeavesTheLocalLimiterAndAWarning() throws IOException {
    for (int i = 0; i < 10; i++) {
      server.enqueue(json(200, "{}"));
    }
    FakeTimeSource time = new FakeTimeSource();
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    TestClient client = client(server, time, new ClientEvents() {
      @Override
      public void limiterStoreUnavailable(String store, String reason) {
        warnings.add(store + ": " + reason);
      }
    });
    client.api.read(3L).execute();
    assertThat(warnings).isEmpty();

    redis.close();
    for (int i = 0; i < 5; i++) {
      client.api.read(3L).execute(); // calls go on
    }

    assertThat(warnings).singleElement().asString().startsWith("redis://127.0.0.1:" + redis.port());
    assertThat(time.sleeps()).isEmpty(); // the local bucket's burst of 5
    client.api.read(3L).execute();
    assertThat(time.sleeps()).isNotEmpty(); // and it limits
    assertThat(server.getRequestCount()).isEqualTo(7);
  }

  @Test
  void aStoreThatIsDownAtFirstIsUsedOnceItAnswers() throws IOException {
    int port = RedisServer.freePort();
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(200, "{}"));
    }
    FakeTimeSource time = new FakeTimeSource();
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    TestClient client = TestClient.builder(server.url("/").toString()).retry(RetryConfig.none())
        .rateLimit(RateLimitConfig.fromSpec()).timeSource(time).clock(time.clock())
        .events(new ClientEvents() {
          @Override
          public void limiterStoreUnavailable(String store, String reason) {
            warnings.add(store);
          }
        })
        .limitsStore("redis://127.0.0.1:" + port).build();

    client.api.read(8L).execute(); // no Redis yet: local limits, one warning
    assertThat(warnings).containsExactly("redis://127.0.0.1:" + port);

    try (RedisServer late = RedisServer.start(port);
        RedisLimiterStore probe = new RedisLimiterStore(late.uri(), Duration.ofSeconds(30))) {
      time.advance(Duration.ofSeconds(11)); // past the recheck interval
      client.api.read(8L).execute();

      assertThat(probe.get("quota:read:campaignId=8")).as("the call's bucket, now in Redis").isNotNull();
      assertThat(warnings).hasSize(1);
    }
  }

  private TestClient client(MockServer server, FakeTimeSource time, ClientEvents events) {
    return TestClient.builder(server.url("/").toString())
        .retry(RetryConfig.none())
        .rateLimit(RateLimitConfig.fromSpec())
        .timeSource(time)
        .clock(time.clock())
        .events(events)
        .limitsStore(redis.uri())
        .build();
  }
}
