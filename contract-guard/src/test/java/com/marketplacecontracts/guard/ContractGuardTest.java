package com.marketplacecontracts.guard;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.ContractMismatch.Direction;
import com.marketplacecontracts.core.operation.ContractMismatch.Kind;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.UinStatusType;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ContractGuardTest {

  private static final String CONFORMING =
      "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":11,\"uin\":[{\"value\":\"U-1\",\"status\":\"OK\"}]}]}}";
  /** A new field, a missing required one, an unknown enum value and a wrong type. */
  private static final String DRIFTED = "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":11,\"uin\":["
      + "{\"value\":\"U-1\",\"status\":\"RECHECK\"},{\"status\":\"OK\"},{\"value\":7,\"status\":\"OK\"}],"
      + "\"markingCode\":\"new\"}]}}";

  @RegisterExtension
  final MockServer server = new MockServer();
  private final List<ContractMismatch> reported = new CopyOnWriteArrayList<>();
  private final ClientEvents events = new ClientEvents() {
    @Override
    public void contractMismatch(ContractMismatch mismatch) {
      reported.add(mismatch);
    }
  };

  private static final String API_KEY = "guard-test-api-key";

  private YandexMarketClient client(ContractGuard guard) {
    return YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey(API_KEY)
        .okHttpClient(new OkHttpClient.Builder().addInterceptor(guard).build())
        .events(events).retry(RetryConfig.none()).rateLimit(RateLimitConfig.disabled()).build();
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
        tuple(Kind.UNKNOWN_ENUM_VALUE, "$.result.items[0].uin[0].status"),
        tuple(Kind.MISSING_REQUIRED, "$.result.items[0].uin[1]"),
        tuple(Kind.WRONG_TYPE, "$.result.items[0].uin[2].value"),
        tuple(Kind.UNKNOWN_FIELD, "$.result.items[0].markingCode"));
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
            assertThat(e.marketplace()).isEqualTo(Marketplace.YANDEX_MARKET);
          });
    }
    assertThat(reported).hasSize(4);
  }

  @Test
  void aClientsAnswerIsCheckedWhileItIsDecodedAndReadByTheGuardOnlyWhenThatReadDoubtsIt() throws IOException {
    ContractGuard guard = ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).build();
    server.enqueue(json(200, CONFORMING));
    server.enqueue(json(200, DRIFTED));
    server.enqueue(json(200, CONFORMING));

    try (YandexMarketClient market = client(guard)) {
      assertThat(market.uinStatus(21, 9001).getResult().getItems().get(0).getUin().get(0).getValue())
          .isEqualTo("U-1");
      assertThat(guard.answersRead()).isZero();
      market.uinStatus(21, 9001);
      assertThat(guard.answersRead()).isEqualTo(1);
    }
    assertThat(reported).hasSize(4);
    // The same answer on a plain OkHttp call is read by the guard itself: no decoder takes it over.
    OkHttpClient plain = new OkHttpClient.Builder().addInterceptor(guard).build();
    try (Response response = plain.newCall(new Request.Builder()
        .url(server.url("/v2/campaigns/21/orders/9001/identifiers/status"))
        .post(RequestBody.create("{}", MediaType.get("application/json"))).build()).execute()) {
      assertThat(response.body().string()).isEqualTo(CONFORMING);
    }
    assertThat(guard.answersRead()).isEqualTo(2);
  }

  @Test
  void anAsyncCallsAnswerIsCheckedWhileItIsDecodedToo() throws Exception {
    ContractGuard guard = ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).strict().build();
    server.enqueue(json(200, CONFORMING));
    server.enqueue(json(200, DRIFTED));

    try (YandexMarketClient market = client(guard)) {
      assertThat(market.orders().getOrderIdentifiersStatus(21L, 9001L).executeAsync().get().getStatus())
          .isNotNull();
      assertThat(guard.answersRead()).isZero();
      assertThatThrownBy(() -> market.orders().getOrderIdentifiersStatus(21L, 9001L).executeAsync().get())
          .hasCauseInstanceOf(ContractViolationException.class);
      assertThat(guard.answersRead()).isEqualTo(1);
    }
    assertThat(reported).hasSize(4);
  }

  @Test
  void aClientWithoutListenersLeavesTheMismatchesToTheGuardsOwnEvents() {
    server.enqueue(json(200, DRIFTED));
    ContractGuard guard = ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).events(events).build();

    try (YandexMarketClient market = YandexMarketClient.builder().baseUrl(server.url("/").toString())
        .apiKey(API_KEY).okHttpClient(new OkHttpClient.Builder().addInterceptor(guard).build())
        .retry(RetryConfig.none()).rateLimit(RateLimitConfig.disabled()).build()) {
      market.uinStatus(21, 9001);
    }

    assertThat(reported).hasSize(4);
  }

  @Test
  void twoGuardsOfOneCallEachCheckTheAnswer() {
    List<ContractMismatch> second = new CopyOnWriteArrayList<>();
    ContractGuard inner = ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).events(events).build();
    ContractGuard outer = ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).events(new ClientEvents() {
      @Override
      public void contractMismatch(ContractMismatch mismatch) {
        second.add(mismatch);
      }
    }).build();
    server.enqueue(json(200, DRIFTED));

    try (YandexMarketClient market = YandexMarketClient.builder().baseUrl(server.url("/").toString())
        .apiKey(API_KEY).okHttpClient(new OkHttpClient.Builder().addInterceptor(outer).addInterceptor(inner).build())
        .retry(RetryConfig.none()).rateLimit(RateLimitConfig.disabled()).build()) {
      market.uinStatus(21, 9001);
    }

    // The inner guard left its check to the decoder; the outer one, finding it handed over, read the bytes.
    assertThat(outer.answersRead()).isEqualTo(1);
    assertThat(reported).hasSize(4);
    assertThat(second).hasSize(4);
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

    try (Response response = plain.newCall(new Request.Builder()
        .url(server.url("/v1/businesses/5/operations"))
        .post(RequestBody.create("{\"operationType\":\"BRAND_NEW\",\"operationIds\":[7]}",
            MediaType.get("application/json")))
        .build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }

    assertThat(reported).extracting(ContractMismatch::direction, ContractMismatch::kind, ContractMismatch::location)
        .containsExactlyInAnyOrder(
            tuple(Direction.REQUEST, Kind.UNKNOWN_ENUM_VALUE, "$.operationType"),
            tuple(Direction.REQUEST, Kind.WRONG_TYPE, "$.operationIds[0]"));
  }

  @Test
  void aSampleMustBeAFraction() {
    assertThatThrownBy(() -> ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).sample(0))
        .hasMessageContaining("sample must be in (0, 1]");
  }

  @Test
  void aFieldTheServerNamedAfterTheKeyIsMaskedInTheMismatchAndTheFailure() {
    server.enqueue(json(200, CONFORMING.replace("{\"id\":11,", "{\"id\":11,\"" + API_KEY + "\":1,"))
        .setHeader("X-Request-Id", "echo " + API_KEY));

    try (YandexMarketClient market = client(
        ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).strict().build())) {
      assertThatThrownBy(() -> market.uinStatus(21, 9001)).isInstanceOf(ContractViolationException.class)
          .satisfies(e -> assertThat(e.toString()).contains("items[0]['***']", "request id echo ***").doesNotContain(API_KEY));
    }

    assertThat(reported).singleElement().satisfies(mismatch -> {
      assertThat(mismatch.kind()).isEqualTo(Kind.UNKNOWN_FIELD);
      assertThat(mismatch.toString()).contains("$.result.items[0]['***']").doesNotContain(API_KEY);
    });
  }

  @Test
  void aBodyNestedDeeperThanTheGuardChecksIsReportedNotChecked() {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":11,\"x\":"
        + "[".repeat(200) + "]".repeat(200) + "}]}}"));

    try (YandexMarketClient market = client(ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).build())) {
      market.uinStatus(21, 9001);
    }

    assertThat(reported).singleElement().satisfies(mismatch -> {
      assertThat(mismatch.kind()).isEqualTo(Kind.NOT_CHECKED);
      assertThat(mismatch.message()).contains(ContractGuard.MAX_CHECKED_DEPTH + " levels");
    });
  }
}
