package com.marketplacecontracts.teez;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.RequestValidationException.Violation;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.UnauthorizedException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.json.JsonTrees;
import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.teez.model.GetExternalImportStatusApiResponse;
import com.marketplacecontracts.teez.model.TokenRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TeezClientTest {

  private static final String STATUS_OK = "{\"products\":[{\"index\":0,\"productId\":5,\"status\":\"Created\","
      + "\"errors\":[],\"skus\":[{\"index\":0,\"skuId\":7,\"status\":\"Created\",\"errors\":[]}]}]}";
  private static final String STATUS_PENDING = "{\"products\":[{\"index\":0,\"productId\":null,\"status\":\"Pending\","
      + "\"errors\":[],\"skus\":[]}]}";

  @RegisterExtension
  final MockServer server = new MockServer();
  private final FakeTimeSource time = new FakeTimeSource();

  private TeezClient withToken(String token) {
    return TeezClient.builder().baseUrl(server.url("/").toString()).accessToken(token).timeSource(time).build();
  }

  @Test
  void aClientBuiltWithoutACredentialIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> TeezClient.builder().build())
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("accessToken = null: must be set");
  }

  @Test
  void importStatusIsAGetWithJobIdAndTheBearerToken() throws Exception {
    server.enqueue(json(200, STATUS_OK));

    GetExternalImportStatusApiResponse status = withToken("jwt-abc").importStatus(123456789L);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getRequestLine())
        .isEqualTo("GET /api/seller/v1/products/import/info?JobId=123456789 HTTP/1.1");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer jwt-abc");
    assertThat(status.getProducts().get(0).getSkus().get(0).getSkuId()).isEqualTo(7L);
  }

  @Test
  void problemDetailsBecomeABadRequestWithTheCodeAndEachFieldError() {
    server.enqueue(json(400, "{\"status\":400,\"errorCode\":\"VALIDATION_ERROR\",\"errorMessage\":\"bad\","
        + "\"errors\":{\"pageSize\":[{\"code\":\"PageSize\",\"description\":\"PageSize must be > 0\"}],"
        + "\"JobId\":[{\"code\":\"Required\",\"description\":\"JobId is required\"}]}}"));

    assertThatThrownBy(() -> withToken("jwt-abc").importStatus(1L))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.operationId()).isEqualTo("Products_GetImportStatusAsync");
          assertThat(e.errorCodes()).containsExactly("VALIDATION_ERROR", "PageSize", "Required");
          assertThat(e.errors()).extracting(error -> error.field()).containsExactly(null, "pageSize", "JobId");
          assertThat(e.getMessage()).doesNotContain("jwt-abc");
        });
  }

  @Test
  void anUndocumentedErrorBodyIsKeptRaw() {
    server.enqueue(json(400, "{\"oops\":true}"));

    assertThatThrownBy(() -> withToken("jwt-abc").importStatus(1L))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.errors()).isEmpty();
          assertThat(e.rawBody()).contains("{\"oops\":true}");
        });
  }

  /** Serves the token endpoint and the status endpoint; counts token requests; 401s tokens it has revoked. */
  private final class TeezServer extends Dispatcher {
    final AtomicInteger tokenRequests = new AtomicInteger();
    final List<String> tokenBodies = new ArrayList<>();
    volatile String revoked;

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      if (request.getPath().equals("/api/v1/auth/token")) {
        int n = tokenRequests.incrementAndGet();
        synchronized (tokenBodies) {
          tokenBodies.add(request.getBody().readUtf8());
        }
        Thread.sleep(100); // a slow token endpoint, so concurrent callers pile up behind the first
        return json(200, "{\"accessToken\":\"token-" + n + "\",\"expiresIn\":3600,\"tokenType\":\"Bearer\"}");
      }
      if (("Bearer " + revoked).equals(request.getHeader("Authorization"))) {
        return json(401, "{\"status\":401,\"title\":\"Unauthorized\"}");
      }
      return json(200, STATUS_OK);
    }
  }

  private TeezClient withClientCredentials(TeezServer dispatcher) {
    server.setDispatcher(dispatcher);
    return TeezClient.builder().baseUrl(server.url("/").toString()).clientCredentials("client-1", "s3cr3t")
        .timeSource(time).build();
  }

  @Test
  void eightConcurrentCallersCauseExactlyOneTokenRequest() throws Exception {
    TeezServer dispatcher = new TeezServer();
    TeezClient client = withClientCredentials(dispatcher);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<GetExternalImportStatusApiResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        long job = i + 1;
        calls.add(pool.submit(() -> client.importStatus(job)));
      }
      for (Future<GetExternalImportStatusApiResponse> call : calls) {
        assertThat(call.get().getProducts()).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(dispatcher.tokenRequests.get()).isEqualTo(1);
    assertThat(JsonTrees.normalized(dispatcher.tokenBodies.get(0)))
        .isEqualTo(JsonTrees.normalized("{\"client_id\":\"client-1\",\"client_secret\":\"s3cr3t\"}"));
  }

  @Test
  void aRejectedTokenIsRefreshedOnceAndTheCallRepeated() throws Exception {
    TeezServer dispatcher = new TeezServer();
    TeezClient client = withClientCredentials(dispatcher);
    client.importStatus(1L);
    dispatcher.revoked = "token-1";

    assertThat(client.importStatus(2L).getProducts()).hasSize(1);
    assertThat(dispatcher.tokenRequests.get()).isEqualTo(2);
  }

  @Test
  void theTokenIsRefreshedBeforeItExpires() throws Exception {
    TeezServer dispatcher = new TeezServer();
    TeezClient client = withClientCredentials(dispatcher);
    client.importStatus(1L);
    time.advance(Duration.ofMinutes(58)); // 3600 s lifetime, refreshed 60 s early

    client.importStatus(2L);
    assertThat(dispatcher.tokenRequests.get()).isEqualTo(1);
    time.advance(Duration.ofMinutes(1));
    client.importStatus(3L);
    assertThat(dispatcher.tokenRequests.get()).isEqualTo(2);
  }

  @Test
  void aStaticTokenRejectedWith401IsNotRetried() {
    server.enqueue(json(401, "{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"token expired\"}"));

    assertThatThrownBy(() -> withToken("jwt-old").importStatus(1L))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
          assertThat(e.errors()).extracting(error -> error.message()).containsExactly("token expired");
          assertThat(e.getMessage()).doesNotContain("jwt-old");
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void awaitImportPollsUntilNothingIsPending() {
    server.enqueue(json(200, "{\"products\":[]}"));
    server.enqueue(json(200, STATUS_PENDING));
    server.enqueue(json(200, STATUS_OK));

    PollResult<GetExternalImportStatusApiResponse> result =
        withToken("t").awaitImport(9L, AwaitOptions.timeout(Duration.ofMinutes(2)));

    assertThat(result.settled()).isTrue();
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(result.last().getProducts().get(0).getStatus()).isEqualTo("Created");
  }

  @Test
  void awaitImportStopsAtTheDeadline() {
    TeezClient client = TeezClient.builder().baseUrl(server.url("/").toString()).accessToken("t")
        .retry(RetryConfig.none()).timeSource(time).build();
    for (int i = 0; i < 30; i++) {
      server.enqueue(json(200, STATUS_PENDING));
    }

    PollResult<GetExternalImportStatusApiResponse> result =
        client.awaitImport(9L, AwaitOptions.timeout(Duration.ofSeconds(30)));

    assertThat(result.settled()).isFalse();
    // the last check comes half-way through the time left, so that it has the rest to answer
    assertThat(result.elapsed()).isBetween(Duration.ofSeconds(30).dividedBy(2), Duration.ofSeconds(30));
    assertThat(result.last().getProducts().get(0).getStatus()).isEqualTo("Pending");
  }

  @Test
  void aFailedTokenExchangeSurfacesAsTheTokenEndpointsTypedError() {
    server.enqueue(json(400, "{\"status\":400,\"errorCode\":\"VALIDATION_ERROR\",\"errors\":{\"client_id\":"
        + "[{\"code\":\"NotEmpty\",\"description\":\"client_id must not be empty\"}]}}"));
    TeezClient client = TeezClient.builder().baseUrl(server.url("/").toString()).clientCredentials("c", "s3cr3t")
        .timeSource(time).build();

    assertThatThrownBy(() -> client.importStatus(1L))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.operationId()).isEqualTo("Auth_GetToken");
          assertThat(e.errorCodes()).containsExactly("VALIDATION_ERROR", "NotEmpty");
          assertThat(e.getMessage()).doesNotContain("s3cr3t");
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aViolationShowsTheClientIdButNotTheSecretAsTheSpecMarksThem() {
    assertThatThrownBy(() -> withToken("t").auth().authGetToken(new TokenRequest().clientId("").clientSecret("")))
        .isInstanceOfSatisfying(RequestValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field, Violation::value)
            .containsExactly(tuple("tokenRequest.clientId", "\"\""), tuple("tokenRequest.clientSecret", "***")));
  }

  @Test
  void builderToStringHidesCredentials() {
    assertThat(TeezClient.builder().clientCredentials("client-1", "s3cr3t").toString()).doesNotContain("s3cr3t");
    assertThat(TeezClient.builder().accessToken("jwt-abc").toString()).doesNotContain("jwt-abc");
  }

  @Test
  void newBuilderKeepsTheSettingsAndCredentials() throws Exception {
    TeezClient first = withToken("jwt-abc");
    server.enqueue(json(200, STATUS_OK));

    first.newBuilder().userAgent("erp/2").build().importStatus(42L);

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer jwt-abc");
    assertThat(sent.getHeader("User-Agent")).startsWith("erp/2 marketplace-contracts/");
    assertThat(first.newBuilder().toString()).doesNotContain("jwt-abc");
  }
}
