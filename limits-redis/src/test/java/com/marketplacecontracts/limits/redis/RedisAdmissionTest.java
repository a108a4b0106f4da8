package com.marketplacecontracts.limits.redis;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.ratelimit.LimiterStore;
import com.marketplacecontracts.core.ratelimit.LimiterStore.Admission;
import com.marketplacecontracts.core.ratelimit.LimiterStore.PermitRequest;
import com.marketplacecontracts.core.ratelimit.QuotaBucket;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one-step admission against a real redis-server on a loopback port: what a call costs in Redis commands, all or
 * nothing across a bucket and permit sets, the caller's clock, and scripts Redis has lost.
 */
class RedisAdmissionTest {

  @RegisterExtension
  final MockServer server = new MockServer();
  private RedisServer redis;
  private RedisClient raw;
  private StatefulRedisConnection<String, String> rawConnection;
  private RedisCommands<String, String> admin;
  /** The caller's clock of the store-level cases, in nanoseconds since the epoch. */
  private final AtomicLong clock = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() * 1_000_000L);

  @BeforeAll
  static void needsRedis() {
    assumeTrue(RedisServer.binary() != null,
        "redis-server is not installed (apt-get install -y redis-server): the Redis store's tests are skipped");
  }

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    raw = RedisClient.create(redis.uri());
    rawConnection = raw.connect();
    admin = rawConnection.sync();
  }

  @AfterEach
  void stop() {
    rawConnection.close();
    raw.shutdown();
    redis.close();
  }

  /** Calls per Redis command since the last CONFIG RESETSTAT, the statistics commands themselves left out. */
  private Map<String, Long> commandCalls() {
    Map<String, Long> calls = new LinkedHashMap<>();
    for (String line : admin.info("commandstats").split("\r\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        long count = Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
        if (!name.startsWith("config") && !name.startsWith("info")) {
          calls.put(name, count);
        }
      }
    }
    return calls;
  }

  @Test
  void aCallIsOneScriptRunAndAPermitGivenBack() throws Exception {
    // The caller's clock is simulated and stands still mid-window: the server's one window a minute (reported on
    // every answer) cannot end during the test, however slow the machine, so the count is always that of one window.
    FakeTimeSource time = new FakeTimeSource();
    time.advance(Duration.ofSeconds(29)); // 00:00:30, half a minute from either end of its window
    Instant now = time.clock().instant();
    Instant until = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    AtomicInteger served = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int used = served.incrementAndGet();
        return json(200, "{}").setHeader("X-RateLimit-Resource-Limit", "10000")
            .setHeader("X-RateLimit-Resource-Remaining", Integer.toString(10_000 - used))
            .setHeader("X-RateLimit-Resource-Until",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atZone(ZoneOffset.UTC)));
      }
    });
    TestClient client = TestClient.builder(server.url("/").toString()).retry(RetryConfig.none())
        .rateLimit(RateLimitConfig.fromSpec()
            .withQuota("read", RateLimitConfig.Quota.requests(10_000, Duration.ofMinutes(1))))
        .timeSource(time).clock(time.clock())
        .limitsStore(redis.uri()).build();
    for (int i = 0; i < 3; i++) {
      client.api.read(1L).execute(); // the first answer tells the windows: learnt, stored for the others
    }
    admin.configResetstat();

    int calls = 20;
    for (int i = 0; i < calls; i++) {
      client.api.read(1L).execute();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (commandCalls().getOrDefault("zrem", 0L) < calls && System.nanoTime() < deadline) {
      Thread.sleep(10); // the permits go back without waiting for Redis's answer
    }

    assertThat(time.clock().instant()).as("the limiter never waited: still the same window").isEqualTo(now);
    // sent by the client: one EVALSHA and one ZREM a call; the rest are the script's own steps (Redis counts them
    // too): the permits' lease, the bucket's read and write, the read of the window's count of others' use
    long n = calls;
    assertThat(commandCalls()).as("Redis commands of " + calls + " calls")
        .containsExactlyInAnyOrderEntriesOf(Map.of("evalsha", n, "zrem", n, "time", n, "zremrangebyscore", n,
            "zcard", n, "zadd", n, "pexpire", n, "get", 2 * n, "set", n));
  }

  @Test
  void aCallOfAProcessThatDoesNotKnowTheWindowsYetGoesToTheBucketOfThoseAnotherStored() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return json(200, "{}"); // no quota headers: only what Redis holds can tell the windows
      }
    });
    try (RedisLimiterStore other = new RedisLimiterStore(redis.uri(), Duration.ofSeconds(30))) {
      other.put("align:read:campaignId=5", "0/100/60000", Duration.ofMinutes(5)); // another process learnt them
    }
    TestClient client = TestClient.builder(server.url("/").toString()).retry(RetryConfig.none())
        .rateLimit(RateLimitConfig.fromSpec()
            .withQuota("read", RateLimitConfig.Quota.requests(100, Duration.ofMinutes(1))))
        .limitsStore(redis.uri()).build();

    client.api.read(5L).execute();
    client.api.read(5L).execute();

    String aligned = admin.get("marketplace-contracts:limits:quota:read:campaignId=5@0/100/60000");
    assertThat(aligned).as("the windows' bucket").startsWith("98:");
    String conservative = admin.get("marketplace-contracts:limits:quota:read:campaignId=5");
    assertThat(conservative).as("the first call's charge there given back").startsWith("5:");
  }

  private static final QuotaBucket.Shape FIVE_A_MINUTE =
      QuotaBucket.Shape.aligned(5, Duration.ofMinutes(1), Instant.EPOCH);

  @Test
  void aBusyPermitTakesNoTokensAndSpentTokensTakeNoPermit() throws Exception {
    try (RedisLimiterStore store = new RedisLimiterStore(redis.uri(), Duration.ofSeconds(30))) {
      QuotaBucket bucket = store.bucket("quota:a", FIVE_A_MINUTE, clock::get);
      List<PermitRequest> permits = List.of(new PermitRequest("permits:a:op", 3), new PermitRequest("permits:a", 1));
      LimiterStore.Permit held = store.acquire("permits:a", 1, Duration.ZERO);

      Admission busy = store.admit(bucket, 1, permits, null);
      assertThat(busy.admitted()).as("refused: the account's permit is busy").isFalse();
      assertThat(bucket.available()).as("no token taken").isEqualTo(5);
      assertThat(admin.zcard("marketplace-contracts:limits:permits:a:op")).as("no permit of the first set").isZero();

      held.release();
      assertThat(bucket.tryConsume(5).consumed()).isTrue();
      Admission spent = store.admit(bucket, 1, permits, null);
      assertThat(spent.admitted()).as("refused: the quota is spent").isFalse();
      assertThat(spent.permits()).isEmpty();
      assertThat(admin.zcard("marketplace-contracts:limits:permits:a:op")).isZero();
      assertThat(admin.zcard("marketplace-contracts:limits:permits:a")).isZero();
      assertThat(Duration.ofNanos(bucket.tryConsume(1).nanosToWait())).as("the turn's wait: until the next window")
          .isEqualTo(Duration.ofMinutes(1));

      clock.addAndGet(Duration.ofMinutes(1).toNanos()); // the next window, on the caller's clock
      Admission admitted = store.admit(bucket, 2, permits, null);
      assertThat(admitted.admitted()).isTrue();
      assertThat(admitted.remaining()).isEqualTo(3);
      assertThat(admitted.permits()).hasSize(2);
      assertThat(store.acquire("permits:a", 1, Duration.ZERO)).as("the account's one permit is taken").isNull();
      admitted.permits().forEach(LimiterStore.Permit::release);
      assertThat(store.acquire("permits:a", 1, Duration.ZERO)).as("and given back").isNotNull();
    }
  }

  @Test
  void bucketsRefillOnTheCallersClockAndAreSharedBetweenStores() throws Exception {
    QuotaBucket.Shape twoPerTenSeconds = QuotaBucket.Shape.greedy(2, 2, Duration.ofSeconds(10));
    try (RedisLimiterStore one = new RedisLimiterStore(redis.uri(), Duration.ofSeconds(30));
        RedisLimiterStore other = new RedisLimiterStore(redis.uri(), Duration.ofSeconds(30))) {
      QuotaBucket mine = one.bucket("quota:b", twoPerTenSeconds, clock::get);
      QuotaBucket theirs = other.bucket("quota:b", twoPerTenSeconds, clock::get);
      assertThat(mine.tryConsume(2).consumed()).isTrue();

      QuotaBucket.Probe refused = theirs.tryConsume(1);
      assertThat(refused.consumed()).as("the other store sees the tokens taken").isFalse();
      assertThat(Duration.ofNanos(refused.nanosToWait())).isEqualTo(Duration.ofSeconds(5));
      Thread.sleep(50);
      assertThat(theirs.tryConsume(1).consumed()).as("real time does not refill it").isFalse();

      clock.addAndGet(Duration.ofSeconds(5).toNanos());
      assertThat(theirs.tryConsume(1).consumed()).isTrue();
      assertThat(mine.available()).isZero();
      clock.addAndGet(-Duration.ofSeconds(30).toNanos()); // a process whose clock lags: nothing refilled twice
      assertThat(mine.available()).isZero();
      clock.addAndGet(Duration.ofSeconds(60).toNanos());
      assertThat(mine.available()).isEqualTo(2);
      mine.addTokens(5);
      assertThat(theirs.consumeUpTo(10)).as("never beyond the capacity").isEqualTo(2);
    }
  }

  @Test
  void theValueACallNeedsIsReadInTheSameStep() throws Exception {
    try (RedisLimiterStore store = new RedisLimiterStore(redis.uri(), Duration.ofSeconds(30))) {
      store.put("unseen:c", "7", Duration.ofMinutes(1));
      QuotaBucket bucket = store.bucket("quota:c", FIVE_A_MINUTE, clock::get);

      Admission admission = store.admit(bucket, 1, List.of(), "unseen:c");

      assertThat(admission.admitted()).isTrue();
      assertThat(admission.value()).isEqualTo("7");
      assertThat(store.admit(bucket, 1, List.of(), "unseen:none").value()).isNull();
    }
  }

  @Test
  void aScriptRedisLostIsSentWholeOnceAndRunByDigestAgain() throws Exception {
    try (RedisLimiterStore store = new RedisLimiterStore(redis.uri(), Duration.ofSeconds(30))) {
      QuotaBucket bucket = store.bucket("quota:d", FIVE_A_MINUTE, clock::get);
      assertThat(bucket.tryConsume(1).consumed()).isTrue();
      admin.scriptFlush();
      admin.configResetstat();

      assertThat(bucket.tryConsume(1).remaining()).isEqualTo(3);
      assertThat(bucket.tryConsume(1).remaining()).isEqualTo(2);

      Map<String, Long> calls = commandCalls();
      assertThat(calls.get("eval")).as("sent whole once: " + calls).isEqualTo(1);
      assertThat(calls.get("evalsha")).as("by digest: the NOSCRIPT one, then the next").isEqualTo(2);
    }
  }
}
