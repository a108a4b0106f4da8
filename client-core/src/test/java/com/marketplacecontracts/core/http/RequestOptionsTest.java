package com.marketplacecontracts.core.http;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.auth.RefreshingTokenCredential;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.error.TransportException;
import com.marketplacecontracts.core.error.UnauthorizedException;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RequestOptionsTest {

  private static final String CLIENT_KEY = "client-key-0123456789";
  private static final String CALL_KEY = "call-key-abcdefghij";

  @RegisterExtension
  final MockServer server = new MockServer();
  @RegisterExtension
  final MockServer elsewhere = new MockServer();
  private final FakeTimeSource time = new FakeTimeSource();
  private final List<String> reported = new CopyOnWriteArrayList<>();

  private TestClient.Builder client() {
    return TestClient.builder(server.url("/").toString())
        .credential(Credential.header("Api-Key", CLIENT_KEY))
        .retry(RetryConfig.defaults())
        .rateLimit(RateLimitConfig.disabled())
        .timeSource(time)
        .events(new ClientEvents() {
          @Override
          public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
            reported.add(reason);
          }
        });
  }

  @Test
  void aShorterTimeoutEndsTheCallEarlierThanTheClientsOwn() {
    TestClient client = client().callTimeout(Duration.ofSeconds(30)).build();
    server.enqueue(json(200, "{}").setHeadersDelay(3, TimeUnit.SECONDS));
    long started = System.nanoTime();
    Throwable thrown = catchThrowable(() -> client.api.write(Map.of())
        .with(RequestOptions.builder().timeout(Duration.ofMillis(300)).build()).execute());
    assertThat(thrown).isInstanceOf(TransportException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aLongerTimeoutLetsASlowCallFinishThatTheClientsTimeoutWouldCut() {
    TestClient client = client().callTimeout(Duration.ofMillis(200)).build();
    server.enqueue(json(200, "{\"ok\":true}").setHeadersDelay(600, TimeUnit.MILLISECONDS));
    server.enqueue(json(200, "{\"ok\":true}").setHeadersDelay(600, TimeUnit.MILLISECONDS));
    assertThatThrownBy(() -> client.api.write(Map.of()).execute()).isInstanceOf(TransportException.class);
    assertThat(client.api.write(Map.of())
        .with(RequestOptions.builder().timeout(Duration.ofSeconds(5)).build()).execute())
        .containsEntry("ok", true);
  }

  @Test
  void theTimeoutAppliesToAnAsyncCallToo() {
    TestClient client = client().callTimeout(Duration.ofSeconds(30)).build();
    server.enqueue(json(200, "{}").setHeadersDelay(3, TimeUnit.SECONDS));
    var future = client.api.write(Map.of())
        .with(RequestOptions.builder().timeout(Duration.ofMillis(300)).build()).executeAsync();
    Throwable thrown = catchThrowable(() -> future.get(2, TimeUnit.SECONDS));
    assertThat(thrown).hasCauseInstanceOf(TransportException.class);
  }

  @Test
  void retriesOffSendsAnIdempotentOperationOnce() {
    TestClient client = client().build();
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{\"ok\":true}"));
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{\"ok\":true}"));
    // the client's policy retries the idempotent read...
    assertThat(client.api.read(1L).execute()).containsEntry("ok", true);
    assertThat(server.getRequestCount()).isEqualTo(2);
    // ...this call may not be repeated
    assertThatThrownBy(() -> client.api.read(1L).with(RequestOptions.builder().retries(false).build()).execute())
        .isInstanceOf(ServerErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(reported).hasSize(1);
  }

  @Test
  void retriesOnNeverMakesAWriteRetryable() {
    TestClient client = client().build();
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{}"));
    assertThatThrownBy(() -> client.api.write(Map.of("a", 1))
        .with(RequestOptions.builder().retries(true).build()).execute())
        .isInstanceOf(ServerErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(reported).isEmpty();
  }

  @Test
  void retriesOffAlsoSkipsTheRepeatAfterARefreshedToken() {
    AtomicInteger fetched = new AtomicInteger();
    Credential refreshing = new RefreshingTokenCredential(() -> new RefreshingTokenCredential.AccessToken(
        "token-number-" + fetched.incrementAndGet(), Duration.ofMinutes(10)), time, Duration.ofSeconds(30));
    TestClient client = client().credential(refreshing).build();
    server.enqueue(json(401, "{}"));
    server.enqueue(json(200, "{}"));
    assertThatThrownBy(() -> client.api.read(1L).with(RequestOptions.builder().retries(false).build()).execute())
        .isInstanceOf(UnauthorizedException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void extraHeadersAreSentOnThisCallOnly() throws Exception {
    TestClient client = client().build();
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    client.api.read(1L).with(RequestOptions.builder().header("X-Request-Source", "nightly sync").build()).execute();
    client.api.read(1L).execute();
    assertThat(server.takeRequest().getHeader("X-Request-Source")).isEqualTo("nightly sync");
    assertThat(server.takeRequest().getHeader("X-Request-Source")).isNull();
  }

  @Test
  void credentialAndExchangeHeadersCannotBeSetPerCall() {
    for (String name : List.of("Authorization", "api-key", "Cookie", "Host", "User-Agent", "traceparent",
        "Content-Length", "Transfer-Encoding")) {
      assertThatThrownBy(() -> RequestOptions.builder().header(name, "x"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }
  }

  @Test
  void aHeaderThatIsNotHeaderSafeIsRefusedWithoutItsValueInTheMessage() {
    assertThatThrownBy(() -> RequestOptions.builder().header("X-Note", "secret-value\r\nInjected: 1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Note")
        .hasMessageNotContaining("secret-value");
    assertThatThrownBy(() -> RequestOptions.builder().header("X Note", "v"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    assertThatThrownBy(() -> RequestOptions.builder().header("X-Note", "x".repeat(RequestOptions.MAX_HEADER_VALUE + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> RequestOptions.builder().apiKey("has space"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("has space");
  }

  @Test
  void anotherCredentialReplacesTheClientsOnThisCallOnly() throws Exception {
    TestClient client = client().build();
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    client.api.read(1L).with(RequestOptions.builder().apiKey(CALL_KEY).build()).execute();
    client.api.read(1L).execute();
    assertThat(server.takeRequest().getHeader("Api-Key")).isEqualTo(CALL_KEY);
    assertThat(server.takeRequest().getHeader("Api-Key")).isEqualTo(CLIENT_KEY);
  }

  @Test
  void aBearerCredentialPerCallSendsNoApiKeyOfTheClient() throws Exception {
    TestClient client = client().build();
    server.enqueue(json(200, "{}"));
    client.api.read(1L).with(RequestOptions.builder().credential(Credential.bearer(CALL_KEY)).build()).execute();
    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + CALL_KEY);
    assertThat(request.getHeader("Api-Key")).isNull();
  }

  @Test
  void aCredentialPerCallWorksOnAClientWithoutOne() throws Exception {
    TestClient client = TestClient.builder(server.url("/").toString()).rateLimit(RateLimitConfig.disabled()).build();
    server.enqueue(json(200, "{}"));
    client.api.read(1L).with(RequestOptions.builder().apiKey(CALL_KEY).build()).execute();
    assertThat(server.takeRequest().getHeader("Api-Key")).isEqualTo(CALL_KEY);
  }

  @Test
  void anotherCredentialNeverGoesToTheHostARedirectPointsTo() throws Exception {
    TestClient client = client().redirects(RedirectPolicy.crossOrigin(3)).build();
    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", elsewhere.url("/moved")));
    elsewhere.enqueue(json(200, "{}"));
    client.api.read(1L).with(RequestOptions.builder().apiKey(CALL_KEY).build()).execute();
    assertThat(server.takeRequest().getHeader("Api-Key")).isEqualTo(CALL_KEY);
    RecordedRequest moved = elsewhere.takeRequest();
    assertThat(moved.getHeader("Api-Key")).isNull();
    assertThat(moved.getHeaders().toString()).doesNotContain(CALL_KEY).doesNotContain(CLIENT_KEY);
  }

  @Test
  void anotherCredentialEchoedByTheServerIsMaskedInTheFailure() {
    TestClient client = client().build();
    server.enqueue(json(400, "{\"code\":\"BAD\",\"message\":\"key " + CALL_KEY + " is not allowed\"}"));
    RequestOptions options = RequestOptions.builder().apiKey(CALL_KEY).build();
    MarketplaceException thrown = (MarketplaceException) catchThrowable(
        () -> client.api.read(1L).with(options).execute());
    assertThat(thrown).isNotNull();
    assertThat(thrown.getMessage()).doesNotContain(CALL_KEY).contains("***");
    assertThat(thrown.rawBody().orElse("")).doesNotContain(CALL_KEY);
    assertThat(thrown.toString()).doesNotContain(CALL_KEY);
    assertThat(options.toString()).doesNotContain(CALL_KEY);
    assertThat(client.api.read(1L).with(options).toString()).doesNotContain(CALL_KEY);
  }

  @Test
  void optionsAreValuesAndReplaceEachOther() throws Exception {
    RequestOptions a = RequestOptions.builder().timeout(Duration.ofSeconds(1)).header("X-A", "1").build();
    assertThat(a).isEqualTo(a.toBuilder().build()).hasSameHashCodeAs(a.toBuilder().build());
    assertThat(a.toBuilder().retries(false).build()).isNotEqualTo(a);
    TestClient client = client().build();
    server.enqueue(json(200, "{}"));
    client.api.read(1L).with(a).with(RequestOptions.builder().header("X-B", "2").build()).execute();
    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeader("X-A")).isNull();
    assertThat(request.getHeader("X-B")).isEqualTo("2");
  }
}
