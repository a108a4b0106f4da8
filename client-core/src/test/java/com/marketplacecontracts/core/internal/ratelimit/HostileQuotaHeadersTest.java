package com.marketplacecontracts.core.internal.ratelimit;

import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.RateLimitKind;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rate-limit headers no marketplace would send: each is ignored (or clamped) with one warning, never thrown, and the
 * limiter goes on as if the answer had not said it — the next sane answers are learned as usual.
 */
class HostileQuotaHeadersTest {

  private static final String QUOTA_420 =
      "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\",\"message\":\"Quota exceeded\"}]}";

  @RegisterExtension
  final MockServer server = new MockServer();
  private final FakeTimeSource time = new FakeTimeSource();
  private final List<String> unusable = Collections.synchronizedList(new ArrayList<>());
  private final List<Optional<Instant>> resets = Collections.synchronizedList(new ArrayList<>());
  private Function<RecordedRequest, MockResponse> answer;

  @BeforeEach
  void start() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer.apply(request);
      }
    });
  }

  private TestClient client() {
    return TestClient.builder(server.url("/").toString())
        .retry(RetryConfig.none())
        .rateLimit(RateLimitConfig.fromSpec()) // read: 100 a minute
        .timeSource(time)
        .clock(time.clock())
        .events(new ClientEvents() {
          @Override
          public void unusableRateLimitHeader(String operationId, String header, String reason) {
            unusable.add(operationId + " " + header + ": " + reason);
          }

          @Override
          public void rateLimited(String operationId, RateLimitKind kind, Optional<Instant> reset) {
            resets.add(reset);
          }
        })
        .build();
  }

  private static MockResponse ok() {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody("{}");
  }

  private static String httpDate(Instant instant) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
  }

  private Instant nextMinute() {
    long now = time.clock().millis();
    return Instant.ofEpochMilli((now / 60_000 + 1) * 60_000);
  }

  /** A sane marketplace from the second answer on: 100 a minute, windows on the minute, counted per request. */
  private Function<RecordedRequest, MockResponse> firstThenSane(MockResponse first) {
    int[] calls = {0};
    long[] window = {-1};
    long[] used = {0};
    return request -> {
      long index = time.clock().millis() / 60_000;
      if (index != window[0]) {
        window[0] = index;
        used[0] = 0;
      }
      used[0]++;
      if (calls[0]++ == 0) {
        return first;
      }
      return ok().setHeader("X-RateLimit-Resource-Limit", "100")
          .setHeader("X-RateLimit-Resource-Remaining", Long.toString(Math.max(0, 100 - used[0])))
          .setHeader("X-RateLimit-Resource-Until", httpDate(Instant.ofEpochMilli((index + 1) * 60_000)));
    };
  }

  /** The hostile answer first, then 60 sane ones: none may throw, and the sane windows are used whole. */
  private void assertIgnoredThenLearned(MockResponse hostile, String header) {
    answer = firstThenSane(hostile);
    TestClient client = client();

    for (int i = 0; i < 61; i++) {
      client.api.read(1L).execute();
    }

    assertThat(unusable).singleElement().asString().startsWith("read " + header + ": ");
    // the sane headers were learned: 61 calls in one window of 100, no wait (a broken limiter throws or holds them)
    assertThat(time.sleeps()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(61);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1000000000000000", "  1000000000000000  ", "1e15", "9223372036854775807",
      "99999999999999999999", "10000001", "-5", "0", "1.5", "100.0", "abc", "Infinity", "NaN", "1e999999999", "0x64",
      "+100", "1 000"})
  void aLimitNoMarketplaceWouldSendIsIgnoredWithAWarning(String limit) {
    assertIgnoredThenLearned(ok().setHeader("X-RateLimit-Resource-Limit", limit)
        .setHeader("X-RateLimit-Resource-Remaining", "99")
        .setHeader("X-RateLimit-Resource-Until", httpDate(nextMinute())), "X-RateLimit-Resource-Limit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "101", "1000000000000000", "1e15", "0.5", "NaN", "99999999999999999999", ""})
  void aRemainingCountNoMarketplaceWouldSendIsIgnoredWithAWarning(String remaining) {
    assertIgnoredThenLearned(ok().setHeader("X-RateLimit-Resource-Limit", "100")
        .setHeader("X-RateLimit-Resource-Remaining", remaining)
        .setHeader("X-RateLimit-Resource-Until", httpDate(nextMinute())), "X-RateLimit-Resource-Remaining");
  }

  @Test
  void aLowerCaseSpellingIsTheSameHeader() {
    assertIgnoredThenLearned(ok().setHeader("x-ratelimit-resource-limit", "1000000000000000")
        .setHeader("X-RATELIMIT-RESOURCE-REMAINING", "99")
        .setHeader("x-RateLimit-resource-until", httpDate(nextMinute())), "X-RateLimit-Resource-Limit");
  }

  @Test
  void aHeaderSentTwiceWithDifferentValuesIsIgnored() {
    assertIgnoredThenLearned(ok().addHeader("X-RateLimit-Resource-Limit", "100")
        .addHeader("X-RateLimit-Resource-Limit", "1000000000000000")
        .setHeader("X-RateLimit-Resource-Remaining", "99")
        .setHeader("X-RateLimit-Resource-Until", httpDate(nextMinute())), "X-RateLimit-Resource-Limit");
  }

  @Test
  void aHeaderSentTwiceWithTheSameValueIsUsed() {
    answer = request -> ok().addHeader("X-RateLimit-Resource-Limit", "100")
        .addHeader("X-RateLimit-Resource-Limit", " 100")
        .setHeader("X-RateLimit-Resource-Remaining", "99")
        .setHeader("X-RateLimit-Resource-Until", httpDate(nextMinute()));
    TestClient client = client();

    for (int i = 0; i < 20; i++) {
      client.api.read(1L).execute();
    }

    assertThat(unusable).isEmpty();
    assertThat(time.sleeps()).isEmpty(); // learned: past the conservative burst of 5 without a wait
  }

  @ParameterizedTest
  @ValueSource(strings = {"Fri, 31 Dec 9999 23:59:59 GMT", "Thu, 1 Jan 1970 00:00:00 GMT",
      "Mon, 1 Jan 2024 00:00:00 GMT", "Sat, 2 Jan 2027 00:00:00 GMT", "tomorrow", "Infinity", "NaN", "1767225600",
      "Thu, 01 Jan 2026 00:01:00 GMT Thu, 01 Jan 2026 00:01:00 GMT"})
  void aResetNotWithinOneWindowIsIgnoredWithAWarning(String until) {
    int[] calls = {0};
    answer = request -> calls[0]++ == 0
        ? ok().setHeader("X-RateLimit-Resource-Limit", "100").setHeader("X-RateLimit-Resource-Remaining", "99")
            .setHeader("X-RateLimit-Resource-Until", until)
        : ok();
    TestClient client = client();

    for (int i = 0; i < 6; i++) {
      client.api.read(1L).execute();
    }

    assertThat(unusable).singleElement().asString().startsWith("read X-RateLimit-Resource-Until: ");
    // nothing learned: the conservative bucket's burst of 5, then a wait (a learned window would allow 99 more)
    assertThat(time.sleeps()).hasSize(1);
  }

  @Test
  void aHugeResetTextIsNotParsed() {
    String until = "Fri, 31 Dec 2026 23:59:59 GMT" + " ".repeat(50_000) + "x";
    answer = request -> ok().setHeader("X-RateLimit-Resource-Limit", "100")
        .setHeader("X-RateLimit-Resource-Remaining", "99").setHeader("X-RateLimit-Resource-Until", until);
    TestClient client = client();

    client.api.read(1L).execute();
    client.api.read(1L).execute();

    assertThat(unusable).containsExactly("read X-RateLimit-Resource-Until: not an HTTP date: ignored");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e15", "-1", "99999999999999999999", "9223372036854775807", "86401", "NaN", "Infinity",
      "soon", "Fri, 31 Dec 9999 23:59:59 GMT", "1.5"})
  void aRetryAfterThatCannotBeUsedAsSentIsReportedAndTheCallStaysARateLimit(String retryAfter) {
    answer = request -> new MockResponse().setResponseCode(429).setHeader("Retry-After", retryAfter);
    TestClient client = client();

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.api.read(1L).execute())
          .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
    }

    assertThat(unusable).singleElement().asString().startsWith("read Retry-After: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "120", "86400", "Thu, 01 Jan 2026 00:05:00 GMT", "Thu, 1 Jan 1970 00:00:00 GMT"})
  void aRetryAfterWithinADayIsNotReported(String retryAfter) {
    answer = request -> new MockResponse().setResponseCode(429).setHeader("Retry-After", retryAfter);

    assertThatThrownBy(() -> client().api.read(1L).execute()).isInstanceOf(RateLimitedException.class);
    assertThat(unusable).isEmpty();
  }

  @Test
  void aQuota420WithAResetCenturiesAheadReportsNoReset() {
    answer = request -> new MockResponse().setResponseCode(420).setBody(QUOTA_420)
        .setHeader("X-RateLimit-Resource-Limit", "100").setHeader("X-RateLimit-Resource-Remaining", "0")
        .setHeader("X-RateLimit-Resource-Until", "Fri, 31 Dec 9999 23:59:59 GMT");

    assertThatThrownBy(() -> client().api.read(1L).execute()).isInstanceOf(RateLimitedException.class);

    assertThat(resets).containsExactly(Optional.empty());
  }

  @Test
  void eachOperationAndHeaderIsReportedOnce() throws IOException {
    answer = request -> ok().setHeader("X-RateLimit-Resource-Limit", "1e15")
        .setHeader("X-RateLimit-Resource-Remaining", "1").setHeader("X-RateLimit-Resource-Until",
            httpDate(nextMinute()));
    TestClient client = client();

    for (int i = 0; i < 5; i++) {
      client.api.read(1L).execute();
      client.api.list(1).execute();
    }

    assertThat(unusable).containsExactlyInAnyOrder(
        "read X-RateLimit-Resource-Limit: not a whole number of 0 or more: ignored",
        "list X-RateLimit-Resource-Limit: not a whole number of 0 or more: ignored");
  }

  @Test
  void aLimiterSwitchedOffStillReportsWhatItWouldIgnore() {
    answer = request -> ok().setHeader("X-RateLimit-Resource-Limit", "1000000000000000")
        .setHeader("X-RateLimit-Resource-Remaining", "1").setHeader("X-RateLimit-Resource-Until",
            httpDate(nextMinute()));
    TestClient client = TestClient.builder(server.url("/").toString()).retry(RetryConfig.none())
        .rateLimit(RateLimitConfig.disabled()).timeSource(time).clock(time.clock())
        .events(new ClientEvents() {
          @Override
          public void unusableRateLimitHeader(String operationId, String header, String reason) {
            unusable.add(header);
          }
        }).build();

    client.api.read(1L).execute();

    assertThat(unusable).containsExactly("X-RateLimit-Resource-Limit");
  }
}
