package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.MarketplaceCall;
import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.ClientErrorException;
import com.marketplacecontracts.core.error.ForbiddenException;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.NotFoundException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.error.TransportException;
import com.marketplacecontracts.core.error.UnauthorizedException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientRuntimeTest {

  @RegisterExtension
  final MockServer server = new MockServer();
  private TestClient client;

  @BeforeEach
  void start() throws IOException {
    client = TestClient.builder(server.url("/api").toString())
        .retry(RetryConfig.none()).rateLimit(RateLimitConfig.disabled()).build();
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
      "400, BadRequestException", "422, BadRequestException", "401, UnauthorizedException",
      "403, ForbiddenException", "404, NotFoundException", "409, ClientErrorException",
      "420, RateLimitedException", "429, RateLimitedException", "500, ServerErrorException",
      "503, ServerErrorException"})
  void eachErrorStatusBecomesItsTypedExceptionWithTheParsedCodes(int status, String type) {
    server.enqueue(json(status, "{\"code\":\"E" + status + "\",\"message\":\"went wrong\"}")
        .setHeader("X-Request-Id", "req-42"));

    assertThatThrownBy(() -> client.api.read(5L).execute())
        .isInstanceOf(MarketplaceException.class)
        .satisfies(e -> {
          MarketplaceException failure = (MarketplaceException) e;
          assertThat(failure.getClass().getSimpleName()).isEqualTo(type);
          assertThat(failure.statusCode()).isEqualTo(status);
          assertThat(failure.operationId()).isEqualTo("read");
          assertThat(failure.marketplace()).isEqualTo(Marketplace.YANDEX_MARKET);
          assertThat(failure.errorCodes()).containsExactly("E" + status);
          assertThat(failure.errors().get(0).message()).isEqualTo("went wrong");
          assertThat(failure.requestId()).contains("req-42");
          assertThat(failure.rawBody()).isEmpty();
          assertThat(failure.getMessage()).contains("HTTP " + status, "E" + status, "read");
        });
  }

  @Test
  void anUndocumentedErrorBodyKeepsTheStatusTypeAndTheTruncatedRawText() {
    String html = "<html><body>" + "Bad Gateway ".repeat(400) + "</body></html>";
    server.enqueue(new MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html").setBody(html));

    assertThatThrownBy(() -> client.api.read(5L).execute())
        .isInstanceOfSatisfying(ServerErrorException.class, e -> {
          assertThat(e.errors()).isEmpty();
          assertThat(e.rawBody()).hasValueSatisfying(raw -> {
            assertThat(raw).startsWith("<html><body>Bad Gateway");
            assertThat(raw).endsWith(" chars, truncated)");
            assertThat(raw.length()).isLessThan(html.length());
          });
        });
  }

  @Test
  void anEmptyErrorBodyStillGivesTheSubtype() {
    server.enqueue(new MockResponse().setResponseCode(404));

    assertThatThrownBy(() -> client.api.read(5L).execute())
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.rawBody()).isEmpty());
  }

  @Test
  void malformedJsonIsAnUnreadableResponse() {
    server.enqueue(json(200, "{\"ok\": tru"));

    assertThatThrownBy(() -> client.api.read(5L).execute())
        .isInstanceOf(UnreadableResponseException.class)
        .hasMessageContaining("read")
        .hasMessageContaining("the body is not valid JSON at path $.ok")
        .hasMessageNotContaining("setLenient");
  }

  @Test
  void anyFailureWhileDecodingTheBodyIsAnUnreadableResponse() {
    server.enqueue(json(200, "1e999999999999")); // BigDecimal: exponent overflow, a NumberFormatException

    assertThatThrownBy(() -> client.api.amount().execute())
        .isInstanceOf(UnreadableResponseException.class)
        .hasMessageContaining("amount")
        .hasRootCauseInstanceOf(NumberFormatException.class);
  }

  @Test
  void anEmpty200IsAnUnreadableResponse() {
    server.enqueue(json(200, ""));

    assertThatThrownBy(() -> client.api.read(5L).execute())
        .isInstanceOf(UnreadableResponseException.class);
  }

  @Test
  void anHtmlPageWith200IsAnUnreadableResponseWithTheAnswersRequestIdAndItsText() {
    server.enqueue(new MockResponse().setHeader("Content-Type", "text/html").setHeader("X-Request-Id", "rid-200")
        .setBody("<html>maintenance</html>"));

    assertThatThrownBy(() -> client.api.read(5L).execute())
        .isInstanceOfSatisfying(UnreadableResponseException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(200);
          assertThat(e.requestId()).contains("rid-200");
          assertThat(e.rawBody()).contains("<html>maintenance</html>");
          assertThat(e.getCause()).isExactlyInstanceOf(com.squareup.moshi.JsonDataException.class);
        });
  }

  @Test
  void anUnreadable200WithoutARequestIdKeepsTheTraceIdItWasSentWith() throws Exception {
    server.enqueue(json(200, "[]"));

    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> client.api.read(5L).execute());

    String sent = server.takeRequest().getHeader("traceparent");
    assertThat(failure).isInstanceOfSatisfying(UnreadableResponseException.class,
        e -> assertThat(e.requestId()).contains(sent));
  }

  @Test
  void noServerIsATransportFailure() throws IOException {
    String url = server.url("/").toString();
    TestClient offline = TestClient.builder(url).retry(RetryConfig.none())
        .rateLimit(RateLimitConfig.disabled()).connectTimeout(Duration.ofSeconds(2)).build();

    assertThatThrownBy(() -> offline.api.read(5L).execute())
        .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.statusCode()).isZero());
  }

  @Test
  void aViolatedConstraintThrowsBeforeAnythingIsSent() {
    assertThatThrownBy(() -> client.api.read(0L))
        .isInstanceOfSatisfying(RequestValidationException.class, e -> {
          assertThat(e.violations()).hasSize(1);
          assertThat(e.violations().get(0).field()).isEqualTo("campaignId");
          assertThat(e.violations().get(0).value()).isEqualTo("0");
          assertThat(e.violations().get(0).rule()).contains("greater than or equal to 1");
          assertThat(e.operationId()).isEqualTo("read");
        });
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aBaseUrlThatIsNotAnHttpUrlIsRefusedByNameWithItsUserInformationMasked() {
    assertThatThrownBy(() -> TestClient.builder("http://x/").baseUrl("not a url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must be an http:// or https:// URL, was 'not a url'");
    assertThatThrownBy(() -> TestClient.builder("http://x/").baseUrl("ftp://user:pw-secret@host/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl must be an http://")
        .hasMessageNotContaining("pw-secret");
  }

  @Test
  void aMissingSettingIsRefusedByItsBuilderName() {
    var builder = TestClient.builder("http://x/");
    assertThatThrownBy(() -> builder.baseUrl(null)).hasMessage("baseUrl");
    assertThatThrownBy(() -> builder.readTimeout(null)).hasMessage("readTimeout");
    assertThatThrownBy(() -> builder.okHttpClient(null)).hasMessage("okHttpClient");
    assertThatThrownBy(() -> builder.rateLimit(null)).hasMessage("rateLimit");
    assertThatThrownBy(() -> builder.timeSource(null)).hasMessage("timeSource");
    assertThatThrownBy(() -> builder.limitsStore(null)).hasMessage("limitsStore");
    assertThatThrownBy(() -> builder.events(null)).isInstanceOf(NullPointerException.class).hasMessage("events");
  }

  @Test
  void baseUrlWithoutTrailingSlashKeepsItsPath() throws Exception {
    server.enqueue(json(200, "{}"));

    client.api.read(9L).execute();

    assertThat(server.takeRequest().getPath()).isEqualTo("/api/items/9");
  }

  @Test
  void everyCallCarriesAW3cTraceparentThatErrorsReportWhenTheServerSendsNoId() throws Exception {
    server.enqueue(json(404, "{\"code\":\"NOT_FOUND\"}"));

    Throwable thrown = catchThrowable(() -> client.api.read(5L).execute());

    String sent = server.takeRequest().getHeader("traceparent");
    assertThat(sent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    assertThat(((MarketplaceException) thrown).requestId()).contains(sent);
    assertThat(thrown.getMessage()).contains(sent);
  }

  @Test
  void userAgentNamesTheLibraryWithTheVersionTheBuildWrote() throws Exception {
    server.enqueue(json(200, "{}"));

    client.api.read(9L).execute();

    assertThat(ClientRuntime.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(server.takeRequest().getHeader("User-Agent"))
        .startsWith("marketplace-contracts/" + ClientRuntime.version() + " (yandex)");
  }

  @Test
  void eachExecuteSendsTheCallAgain() throws Exception {
    server.enqueue(json(200, "{\"n\":1}"));
    server.enqueue(json(200, "{\"n\":2}"));
    MarketplaceCall<Map<String, Object>> call = client.api.read(9L);

    assertThat(call.execute()).containsEntry("n", 1.0);
    assertThat(call.execute()).containsEntry("n", 2.0);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void executeAsyncCompletesWithTheBody() throws Exception {
    server.enqueue(json(200, "{\"ok\":true}"));

    assertThat(client.api.read(9L).executeAsync().get(10, TimeUnit.SECONDS)).containsEntry("ok", true);
  }

  @Test
  void executeAsyncFailsWithTheTypedExceptionExecuteWouldThrow() {
    server.enqueue(json(404, "{\"code\":\"NOT_FOUND\"}"));

    assertThat(client.api.read(5L).executeAsync())
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.errorCodes()).containsExactly("NOT_FOUND"));
  }

  @Test
  void aRuntimeExceptionInsideTheChainIsTypedOnBothPathsAndTheDispatcherGoesOn() throws Exception {
    // Stands for a library check that an answer broke the exchange: raw, it reached the caller untyped and, on the
    // async path, ended OkHttp's dispatcher thread with the key in its message.
    String key = "runtime-test-key-7";
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    ExecutorService threads = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "test-dispatcher");
      thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
      return thread;
    });
    AtomicInteger calls = new AtomicInteger();
    TestClient broken = TestClient.builder(server.url("/api").toString())
        .credential(Credential.header("Api-Key", key)).retry(RetryConfig.none()).rateLimit(RateLimitConfig.disabled())
        .okHttpClient(new OkHttpClient.Builder().dispatcher(new okhttp3.Dispatcher(threads))
            .addNetworkInterceptor(chain -> {
              if (calls.incrementAndGet() <= 2) {
                throw new IllegalArgumentException("broken by " + key);
              }
              return chain.proceed(chain.request());
            }).build())
        .build();
    try {
      server.enqueue(json(200, "{\"id\":5}"));

      assertThatThrownBy(() -> broken.api.read(5L).execute()).isInstanceOf(UnreadableResponseException.class)
          .hasMessageContaining("IllegalArgumentException: broken by ***").hasMessageNotContaining(key)
          .hasCauseInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getCause()).hasMessage("broken by ***"));
      assertThat(broken.api.read(5L).executeAsync()).failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(ExecutionException.class).havingCause()
          .isInstanceOf(UnreadableResponseException.class);
      assertThat(broken.api.read(5L).executeAsync().get(10, TimeUnit.SECONDS)).containsEntry("id", 5.0);
      assertThat(uncaught).isEmpty();
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void closeEndsTheDispatcherAndPooledConnections() {
    server.enqueue(json(200, "{\"id\":5}"));
    client.api.read(5L).execute();
    assertThat(client.runtime.http().connectionPool().connectionCount()).isEqualTo(1);

    client.runtime.close();

    assertThat(client.runtime.http().connectionPool().connectionCount()).isZero();
    assertThat(client.runtime.http().dispatcher().executorService().isShutdown()).isTrue();
  }

  @Test
  void closeLeavesAUserSuppliedOkHttpClientRunning() {
    OkHttpClient own = new OkHttpClient();
    TestClient withOwn = TestClient.builder(server.url("/api").toString()).okHttpClient(own)
        .retry(RetryConfig.none()).rateLimit(RateLimitConfig.disabled()).build();

    withOwn.runtime.close();

    assertThat(own.dispatcher().executorService().isShutdown()).isFalse();
  }
}
