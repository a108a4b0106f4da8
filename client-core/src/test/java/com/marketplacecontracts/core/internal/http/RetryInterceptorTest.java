package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.retry.RetryConfig;
import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.error.TransportException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetryInterceptorTest {

  @RegisterExtension
  final MockServer server = new MockServer();
  private final FakeTimeSource time = new FakeTimeSource();
  private final List<String> retries = new CopyOnWriteArrayList<>();
  private TestClient client;

  @BeforeEach
  void start() throws IOException {
    client = client(RetryConfig.defaults());
  }

  private TestClient client(RetryConfig retry) {
    return TestClient.builder(server.url("/").toString())
        .retry(retry)
        .rateLimit(RateLimitConfig.disabled())
        .timeSource(time)
        .events(new ClientEvents() {
          @Override
          public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
            retries.add(operationId + "#" + failedAttempt + " " + reason);
          }
        })
        .build();
  }

  @Test
  void serverErrorsThatRecoverAreRetriedWithBackoff() {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(500, "{}"));
    server.enqueue(json(200, "{\"ok\":true}"));

    Map<String, Object> body = client.api.read(1L).execute();

    assertThat(body).containsEntry("ok", true);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(retries).containsExactly("read#1 HTTP 503", "read#2 HTTP 500");
    // 500 ms then 1 s, each with at most 25 % jitter; slept on the simulated clock only.
    assertThat(time.sleeps()).hasSize(2);
    assertThat(time.sleeps().get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(625));
    assertThat(time.sleeps().get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1250));
  }

  @Test
  void attemptsAreBoundedThenTheLastErrorIsThrown() {
    for (int i = 0; i < 6; i++) {
      server.enqueue(json(502, "{\"code\":\"BAD_GATEWAY\"}"));
    }

    assertThatThrownBy(() -> client.api.read(1L).execute())
        .isInstanceOfSatisfying(ServerErrorException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(502);
          assertThat(e.errorCodes()).containsExactly("BAD_GATEWAY");
        });
    assertThat(server.getRequestCount()).isEqualTo(RetryConfig.defaults().maxAttempts());
  }

  @Test
  void retryAfterSecondsIsHonouredAsTheMinimumWait() {
    server.enqueue(json(420, "{}").setHeader("Retry-After", "7"));
    server.enqueue(json(200, "{}"));

    client.api.read(1L).execute();

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void aServerWaitLongerThanAllowedEndsRetriesWithTheWaitOnTheExceptionAndInItsMessage() {
    server.enqueue(json(429, "{\"code\":\"LIMIT\"}").setHeader("Retry-After", "3600"));

    assertThatThrownBy(() -> client.api.read(1L).execute())
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAfter()).contains(Duration.ofHours(1));
          assertThat(e.getMessage()).contains("rate limit exceeded (quota), try again in 60 min");
          assertThat(e.statusCode()).isEqualTo(429);
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aServerWaitLongerThanTheCallsRemainingTimeIsARateLimitAtOnce() {
    client = TestClient.builder(server.url("/").toString()).rateLimit(RateLimitConfig.disabled()).timeSource(time)
        .callTimeout(Duration.ofSeconds(5)).build();
    server.enqueue(json(429, "{\"code\":\"LIMIT\"}").setHeader("Retry-After", "50"));
    server.enqueue(json(200, "{}"));

    assertThatThrownBy(() -> client.api.read(1L).execute())
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(50));
          assertThat(e.statusCode()).isEqualTo(429);
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void rateLimitStormWithoutRetryAfterBacksOffAndGivesUp() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(420, "{\"code\":\"LIMIT\"}"));
    }

    assertThatThrownBy(() -> client.api.read(1L).execute())
        .isInstanceOf(RateLimitedException.class);
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(time.sleeps()).hasSize(3);
  }

  @Test
  void otherClientErrorsAreNeverRetried() {
    server.enqueue(json(400, "{\"code\":\"BAD\"}"));

    assertThatThrownBy(() -> client.api.read(1L).execute()).isInstanceOf(BadRequestException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void writesAreNotRetriedUnlessTheSpecMarksThemIdempotent() {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{}"));

    assertThatThrownBy(() -> client.api.write(Map.of("a", 1)).execute())
        .isInstanceOf(ServerErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void connectionFailuresAreRetried() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(json(200, "{\"ok\":1}"));

    assertThat(client.api.read(1L).execute()).containsKey("ok");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(retries).hasSize(1);
  }

  @Test
  void persistentConnectionFailuresEndInTransportException() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    }

    assertThatThrownBy(() -> client.api.read(1L).execute())
        .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.statusCode()).isZero());
    assertThat(retries).hasSize(3);
  }

  @Test
  void totalTimeBudgetStopsRetriesEarly() {
    client = client(RetryConfig.defaults().withMaxTotal(Duration.ofSeconds(1)));
    server.enqueue(json(503, "{}"));
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{}"));

    assertThatThrownBy(() -> client.api.read(1L).execute()).isInstanceOf(ServerErrorException.class);
    // first retry after ~0.5 s fits the 1 s budget, the second (~1 s more) does not
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void noneMeansOneAttempt() {
    client = client(RetryConfig.none());
    server.enqueue(json(503, "{}"));

    assertThatThrownBy(() -> client.api.read(1L).execute()).isInstanceOf(ServerErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
