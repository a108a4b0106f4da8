package com.marketplacecontracts.limits.redis;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the shared store holds is as untrusted as what the marketplace sends: a value no process of this client
 * would write (garbage, or a window no bucket can hold) is ignored, never a reason to give up the store; and what one
 * process was told by a hostile answer never reaches the others. Against a real redis-server.
 */
class HostileRedisValuesTest {

  @RegisterExtension
  final MockServer server = new MockServer();
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  private final List<String> unusable = Collections.synchronizedList(new ArrayList<>());
  private RedisServer redis;
  private volatile String limitHeader = "100";

  @BeforeAll
  static void needsRedis() {
    assumeTrue(RedisServer.binary() != null,
        "redis-server is not installed (apt-get install -y redis-server): the Redis store's tests are skipped");
  }

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        Instant until = Instant.ofEpochMilli((System.currentTimeMillis() / 60_000 + 1) * 60_000);
        return json(200, "{}").setHeader("X-RateLimit-Resource-Limit", limitHeader)
            .setHeader("X-RateLimit-Resource-Remaining", "90")
            .setHeader("X-RateLimit-Resource-Until",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atZone(ZoneOffset.UTC)));
      }
    });
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  private TestClient client() {
    return TestClient.builder(server.url("/").toString()).retry(RetryConfig.none())
        .rateLimit(RateLimitConfig.fromSpec()).limitsStore(redis.uri())
        .events(new ClientEvents() {
          @Override
          public void limiterStoreUnavailable(String store, String reason) {
            warnings.add(reason);
          }

          @Override
          public void unusableRateLimitHeader(String operationId, String header, String reason) {
            unusable.add(header);
          }
        }).build();
  }

  @Test
  void aHugeLimitOneProcessWasToldIsNeverStoredForTheOthers() throws Exception {
    limitHeader = "1000000000000000";
    TestClient told = client();
    told.api.read(1L).execute();
    told.api.read(1L).execute();

    try (RedisLimiterStore probe = new RedisLimiterStore(redis.uri(), Duration.ofSeconds(30))) {
      assertThat(probe.get("align:read:campaignId=1")).as("the window stored for every process").isNull();
    }
    limitHeader = "100";
    TestClient other = client();
    for (int i = 0; i < 10; i++) {
      other.api.read(1L).execute(); // a process told sane headers learns them as usual
    }
    try (RedisLimiterStore probe = new RedisLimiterStore(redis.uri(), Duration.ofSeconds(30))) {
      assertThat(probe.get("align:read:campaignId=1")).endsWith("/100/60000");
    }
    assertThat(unusable).containsExactly("X-RateLimit-Resource-Limit");
    assertThat(warnings).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "0/1000000000000000/60000", "0/9223372036854775807/60000", "-5/100/60000",
      "60000/100/60000", "0/100/0", "0/0/60000", "1/2", "1/2/3/4", "", "0/100/60000/", "0x10/100/60000",
      "99999999999999999999/100/60000"})
  void anUnusableWindowReadBackFromRedisIsIgnoredNotTrusted(String stored) throws Exception {
    try (RedisLimiterStore probe = new RedisLimiterStore(redis.uri(), Duration.ofSeconds(30))) {
      probe.put("align:read:campaignId=2", stored, Duration.ofMinutes(5));
    }
    limitHeader = "abc"; // nothing usable from the server either: only what Redis holds could align the bucket
    TestClient client = client();

    for (int i = 0; i < 3; i++) {
      client.api.read(2L).execute();
    }

    assertThat(warnings).as("the store is still used").isEmpty();
    try (RedisLimiterStore probe = new RedisLimiterStore(redis.uri(), Duration.ofSeconds(30))) {
      assertThat(probe.get("quota:read:campaignId=2")).as("the conservative bucket, in Redis").isNotNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-7", "1e999", "", "nan"})
  void aCounterAnotherWriterSpoiltIsReplacedNotAFailure(String stored) {
    try (RedisLimiterStore store = new RedisLimiterStore(redis.uri(), Duration.ofSeconds(30))) {
      store.put("unseen:x", stored, Duration.ofMinutes(1));

      assertThat(store.raise("unseen:x", 5, Duration.ofMinutes(1))).isEqualTo(5);
      assertThat(store.get("unseen:x")).isEqualTo("5");
    }
  }
}
