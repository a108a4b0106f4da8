package com.marketplacecontracts.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.http.ClientEvents;
import com.marketplacecontracts.core.http.ContractMismatch;
import com.marketplacecontracts.core.http.ContractMismatch.Direction;
import com.marketplacecontracts.core.http.ContractMismatch.Kind;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.UinStatusType;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContractGuardTest {

  private static final String CONFORMING =
      "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":11,\"uin\":[{\"value\":\"U-1\",\"status\":\"OK\"}]}]}}";
  /** A new field, a missing required one, an unknown enum value and a wrong type. */
  private static final String DRIFTED = "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":11,\"uin\":["
      + "{\"value\":\"U-1\",\"status\":\"RECHECK\"},{\"status\":\"OK\"},{\"value\":7,\"status\":\"OK\"}],"
      + "\"markingCode\":\"new\"}]}}";

  private final MockWebServer server = new MockWebServer();
  private final List<ContractMismatch> reported = new CopyOnWriteArrayList<>();
  private final ClientEvents events = new ClientEvents() {
    @Override
    public void contractMismatch(ContractMismatch mismatch) {
      reported.add(mismatch);
    }
  };

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private YandexMarketClient client(ContractGuard guard) {
    return YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey("key")
        .okHttpClient(new OkHttpClient.Builder().addInterceptor(guard).build())
        .events(events).retry(RetryConfig.none()).rateLimit(RateLimitConfig.disabled()).build();
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
  }

  @Test
  void aConformingCallReportsNothing() {
    server.enqueue(json(200, CONFORMING));

    try (YandexMarketClient market = client(ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).build())) {
      market.uinStatus(21, 9001);
    }

    assertThat(reported).isEmpty();
  }

  @Test
  void reportModeNamesEachKindOfDriftAndTheCallStillSucceeds() {
    server.enqueue(json(200, DRIFTED));

    try (YandexMarketClient market = client(ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).build())) {
      var response = market.uinStatus(21, 9001);
      assertThat(response.getResult().getItems().get(0).getUin().get(0).getStatus())
          .isEqualTo(UinStatusType.UNRECOGNIZED);
    }

    assertThat(reported).extracting(ContractMismatch::kind, ContractMismatch::location).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Kind.UNKNOWN_ENUM_VALUE, "$.result.items[0].uin[0].status"),
        org.assertj.core.groups.Tuple.tuple(Kind.MISSING_REQUIRED, "$.result.items[0].uin[1]"),
        org.assertj.core.groups.Tuple.tuple(Kind.WRONG_TYPE, "$.result.items[0].uin[2].value"),
        org.assertj.core.groups.Tuple.tuple(Kind.UNKNOWN_FIELD, "$.result.items[0].markingCode"));
    assertThat(reported).allSatisfy(mismatch -> {
      assertThat(mismatch.operationId()).isEqualTo("getOrderIdentifiersStatus");
      assertThat(mismatch.direction()).isEqualTo(Direction.RESPONSE);
    });
    assertThat(reported.toString()).doesNotContain("RECHECK", "U-1");
  }

  @Test
  void strictModeFailsTheCallWithTheMismatches() {
    server.enqueue(json(200, DRIFTED));

    try (YandexMarketClient market = client(
        ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).strict().build())) {
      assertThatThrownBy(() -> market.uinStatus(21, 9001))
          .isInstanceOfSatisfying(ContractViolationException.class, e -> {
            assertThat(e.mismatches()).hasSize(4);
            assertThat(e.statusCode()).isEqualTo(200);
            assertThat(e.operationId()).isEqualTo("getOrderIdentifiersStatus");
            assertThat(e.marketplace()).isEqualTo("yandex");
          });
    }
    assertThat(reported).hasSize(4);
  }

  @Test
  void anUndocumentedStatusIsReported() {
    server.enqueue(json(418, "{}"));

    try (YandexMarketClient market = client(ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).build())) {
      assertThatThrownBy(() -> market.uinStatus(21, 9001));
    }

    assertThat(reported).singleElement().satisfies(mismatch -> {
      assertThat(mismatch.kind()).isEqualTo(Kind.UNDOCUMENTED_STATUS);
      assertThat(mismatch.location()).isEqualTo("status 418");
    });
  }

  @Test
  void requestBodiesAreCheckedAndCallsOutsideAClientReportToTheGuardsOwnEvents() throws IOException {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"operations\":[]}}"));
    OkHttpClient plain = new OkHttpClient.Builder()
        .addInterceptor(ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).events(events).build()).build();

    try (okhttp3.Response response = plain.newCall(new okhttp3.Request.Builder()
        .url(server.url("/v1/businesses/5/operations"))
        .post(okhttp3.RequestBody.create("{\"operationType\":\"BRAND_NEW\",\"operationIds\":[7]}",
            okhttp3.MediaType.get("application/json")))
        .build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }

    assertThat(reported).extracting(ContractMismatch::direction, ContractMismatch::kind, ContractMismatch::location)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Direction.REQUEST, Kind.UNKNOWN_ENUM_VALUE, "$.operationType"),
            org.assertj.core.groups.Tuple.tuple(Direction.REQUEST, Kind.WRONG_TYPE, "$.operationIds[0]"));
  }

  @Test
  void aSampleMustBeAFraction() {
    assertThatThrownBy(() -> ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).sample(0))
        .hasMessageContaining("sample must be in (0, 1]");
  }
}
