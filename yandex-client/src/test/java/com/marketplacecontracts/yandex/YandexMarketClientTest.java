package com.marketplacecontracts.yandex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.ForbiddenException;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.NotFoundException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.error.UnauthorizedException;
import com.marketplacecontracts.core.paging.Pager;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.yandex.model.GetOperationsRequest;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusDTO;
import com.marketplacecontracts.yandex.model.OfferAvailabilityStatusType;
import com.marketplacecontracts.yandex.model.OfferMappingEntryDTO;
import com.marketplacecontracts.yandex.model.OfferMappingKindType;
import com.marketplacecontracts.yandex.model.OfferProcessingStatusType;
import com.marketplacecontracts.yandex.model.OperationResultDTO;
import com.marketplacecontracts.yandex.model.OperationStatusType;
import com.marketplacecontracts.yandex.model.OperationType;
import com.marketplacecontracts.yandex.model.UinStatusType;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YandexMarketClientTest {

  private static final String API_KEY = "ACMA:secret-api-key-value";

  private final MockWebServer server = new MockWebServer();
  private final FakeTimeSource time = new FakeTimeSource();
  private YandexMarketClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    client = YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey(API_KEY)
        .timeSource(time).build();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
  }

  private static String operations(String status) {
    return "{\"status\":\"OK\",\"result\":{\"operations\":[{\"id\":\"op-1\",\"type\":\"ORDER_STATUS_UPDATE\","
        + "\"status\":\"" + status + "\"}]}}";
  }

  private static String uins(String... statuses) {
    String list = java.util.Arrays.stream(statuses).map(s -> "{\"value\":\"U-" + s + "\",\"status\":\"" + s + "\"}")
        .collect(Collectors.joining(","));
    return "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":11,\"uin\":[" + list + "]}]}}";
  }

  // --- request shape ---------------------------------------------------------------------------------------------

  @Test
  void uinStatusIsAPostToTheOrderIdentifiersPathWithTheApiKey() throws Exception {
    server.enqueue(json(200, uins("OK")));

    client.uinStatus(21L, 9001L);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getRequestLine()).isEqualTo("POST /campaigns/21/orders/9001/identifiers/status HTTP/1.1");
    assertThat(request.getHeader("Api-Key")).isEqualTo(API_KEY);
    assertThat(request.getHeader("Authorization")).isNull();
  }

  @Test
  void operationsIsAPostWithTheJsonBody() throws Exception {
    server.enqueue(json(200, operations("DONE")));

    client.operationStatuses(5L, OperationType.ORDER_RECIPIENT_UPDATE, List.of("a", "b"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getRequestLine()).isEqualTo("POST /v1/businesses/5/operations HTTP/1.1");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(com.marketplacecontracts.core.json.JsonTrees.normalized(request.getBody().readUtf8()))
        .isEqualTo(com.marketplacecontracts.core.json.JsonTrees.normalized(
            "{\"operationType\":\"ORDER_RECIPIENT_UPDATE\",\"operationIds\":[\"a\",\"b\"]}"));
  }

  @Test
  @SuppressWarnings("deprecation")
  void offerMappingEntriesSendsArraysInTheExplodedForm() throws Exception {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"offerMappingEntries\":[]}}"));

    client.execute(client.offerMappings().getOfferMappingEntries(77L,
        Set.of(OfferAvailabilityStatusType.ACTIVE), new LinkedHashSet<>(List.of(1L, 2L)), 50,
        OfferMappingKindType.ALL, null, "tok", null,
        new LinkedHashSet<>(List.of(OfferProcessingStatusType.READY, OfferProcessingStatusType.IN_WORK)),
        Set.of("Aqua Minerale")));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/v2/campaigns/77/offer-mapping-entries");
    assertThat(request.getRequestUrl().queryParameterValues("status")).containsExactly("READY", "IN_WORK");
    assertThat(request.getRequestUrl().queryParameterValues("category_id")).containsExactly("1", "2");
    assertThat(request.getRequestUrl().queryParameter("availability")).isEqualTo("ACTIVE");
    assertThat(request.getRequestUrl().queryParameter("limit")).isEqualTo("50");
    assertThat(request.getRequestUrl().queryParameter("mapping_kind")).isEqualTo("ALL");
    assertThat(request.getRequestUrl().queryParameter("page_token")).isEqualTo("tok");
    assertThat(request.getRequestUrl().queryParameter("vendor")).isEqualTo("Aqua Minerale");
    assertThat(request.getPath()).contains("vendor=Aqua%20Minerale");
  }

  @Test
  void oauthTokenIsSentAsBearer() throws Exception {
    YandexMarketClient oauth = YandexMarketClient.builder().baseUrl(server.url("/").toString())
        .oauthToken("y0_oauth-token").build();
    server.enqueue(json(200, uins("OK")));

    oauth.uinStatus(1L, 2L);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer y0_oauth-token");
    assertThat(request.getHeader("Api-Key")).isNull();
    assertThat(oauth.toString()).doesNotContain("y0_oauth-token");
  }

  // --- validation before sending ---------------------------------------------------------------------------------

  @Test
  void campaignIdZeroIsRejectedAndNothingIsSent() {
    assertThatThrownBy(() -> client.uinStatus(0L, 1L))
        .isInstanceOfSatisfying(RequestValidationException.class, e -> {
          assertThat(e.violations()).extracting(v -> v.field() + " " + v.value())
              .containsExactly("campaignId 0");
          assertThat(e.getMessage()).contains("campaignId", "greater than or equal to 1");
        });
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void everyViolationOfTheOperationsBodyIsListedAndNothingIsSent() {
    String tooLong = "x".repeat(1001);
    Set<String> ids = new LinkedHashSet<>(List.of("ok", tooLong, ""));

    assertThatThrownBy(() -> client.execute(client.operations().getOperations(-3L,
        new GetOperationsRequest().operationIds(ids))))
        .isInstanceOfSatisfying(RequestValidationException.class, e -> {
          assertThat(e.violations()).extracting(RequestValidationException.Violation::field)
              .containsExactlyInAnyOrder("businessId", "getOperationsRequest.operationIds[]",
                  "getOperationsRequest.operationIds[]", "getOperationsRequest.operationType");
          assertThat(e.violations()).extracting(RequestValidationException.Violation::rule)
              .contains("size must be between 1 and 1000", "must not be null");
          assertThat(e.getMessage()).doesNotContain(tooLong); // long values are cut
        });
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void moreThanAHundredOperationIdsAreRejected() {
    Set<String> ids = IntStream.range(0, 101).mapToObj(i -> "op" + i).collect(Collectors.toSet());

    assertThatThrownBy(() -> client.operationStatuses(1L, OperationType.RETURN_CANCELLATION, ids))
        .isInstanceOfSatisfying(RequestValidationException.class, e -> assertThat(e.violations())
            .extracting(RequestValidationException.Violation::rule).containsExactly("size must be between 1 and 100"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aShopSkuOfOnlySpacesIsRejected() {
    OfferQuery query = OfferQuery.builder().offerId("   ").build();

    assertThatThrownBy(() -> client.offers(1L, query).iterator().hasNext())
        .isInstanceOfSatisfying(RequestValidationException.class, e -> {
          assertThat(e.violations()).hasSize(1);
          assertThat(e.violations().get(0).field()).isEqualTo("offerId[]");
          assertThat(e.violations().get(0).rule()).startsWith("must match");
        });
    assertThat(server.getRequestCount()).isZero();
  }

  // --- errors ------------------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource({"400, BadRequestException", "401, UnauthorizedException", "403, ForbiddenException",
      "404, NotFoundException", "420, RateLimitedException", "500, ServerErrorException"})
  void documentedErrorAnswersBecomeTypedExceptionsWithYandexCodes(int status, String type) {
    YandexMarketClient once = YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey(API_KEY)
        .retry(RetryConfig.none()).build();
    server.enqueue(json(status, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"C" + status
        + "\",\"message\":\"m" + status + "\"}]}"));

    assertThatThrownBy(() -> once.uinStatus(1L, 2L))
        .isInstanceOfSatisfying(MarketplaceException.class, e -> {
          assertThat(e.getClass().getSimpleName()).isEqualTo(type);
          assertThat(e.statusCode()).isEqualTo(status);
          assertThat(e.marketplace()).isEqualTo("yandex");
          assertThat(e.operationId()).isEqualTo("getOrderIdentifiersStatus");
          assertThat(e.errorCodes()).containsExactly("C" + status);
          assertThat(e.errors().get(0).message()).isEqualTo("m" + status);
          assertThat(e.getMessage()).doesNotContain(API_KEY);
        });
  }

  @Test
  void a420IsRetriedThenSucceeds() {
    server.enqueue(json(420, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT\"}]}"));
    server.enqueue(json(200, uins("OK")));

    assertThat(client.uinStatus(1L, 2L).getResult().getItems()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // --- unknown values ------------------------------------------------------------------------------------------------

  @Test
  void unknownEnumValuesDecodeAndKeepTheRawValue() {
    server.enqueue(json(200, "{\"status\":\"OK\",\"newField\":1,\"result\":{\"operations\":[{\"id\":\"x\","
        + "\"type\":\"ORDER_TELEPORT\",\"status\":\"PAUSED\",\"eta\":\"soon\"}]}}"));

    OperationResultDTO operation = client.operationStatuses(1L, OperationType.ORDER_STATUS_UPDATE, List.of("x"))
        .getResult().getOperations().get(0);

    assertThat(operation.getStatus()).isEqualTo(OperationStatusType.UNRECOGNIZED);
    assertThat(operation.getStatusAsString()).isEqualTo("PAUSED");
    assertThat(operation.getType()).isEqualTo(OperationType.UNRECOGNIZED);
    assertThat(operation.getTypeAsString()).isEqualTo("ORDER_TELEPORT");
  }

  // --- paging ---------------------------------------------------------------------------------------------------------

  private static String page(String next, String... skus) {
    String entries = java.util.Arrays.stream(skus).map(s -> "{\"offer\":{\"offerId\":\"" + s + "\",\"shopSku\":\""
        + s + "\"}}").collect(Collectors.joining(","));
    String paging = next == null ? "{}" : "{\"nextPageToken\":\"" + next + "\"}";
    return "{\"status\":\"OK\",\"result\":{\"paging\":" + paging + ",\"offerMappingEntries\":[" + entries + "]}}";
  }

  @Test
  void offersWalksEveryPageByPageTokenAndStopsOnTheLast() throws Exception {
    server.enqueue(json(200, page("p2", "a", "b")));
    server.enqueue(json(200, page("p3", "c")));
    server.enqueue(json(200, page(null, "d", "e")));

    List<String> skus = client.offers(9L, OfferQuery.builder().pageSize(2).build()).stream()
        .map(entry -> entry.getOffer().getShopSku()).toList();

    assertThat(skus).containsExactly("a", "b", "c", "d", "e");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(server.takeRequest().getRequestUrl().queryParameter("page_token")).isNull();
    assertThat(server.takeRequest().getRequestUrl().queryParameter("page_token")).isEqualTo("p2");
    assertThat(server.takeRequest().getRequestUrl().queryParameter("page_token")).isEqualTo("p3");
  }

  @Test
  void offersResumeFromTheTokenOfTheFailedPage() throws Exception {
    YandexMarketClient once = YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey(API_KEY)
        .retry(RetryConfig.none()).build();
    server.enqueue(json(200, page("p2", "a")));
    server.enqueue(json(500, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\"}]}"));
    Pager.PageIterator<OfferMappingEntryDTO> iterator = once.offers(9L, OfferQuery.all()).iterator();
    assertThat(iterator.next().getOffer().getShopSku()).isEqualTo("a");
    assertThatThrownBy(iterator::hasNext).isInstanceOf(ServerErrorException.class);

    server.enqueue(json(200, page(null, "b")));
    List<String> rest = once.offersFrom(9L, OfferQuery.all(), iterator.resumeToken()).stream()
        .map(entry -> entry.getOffer().getShopSku()).toList();

    assertThat(rest).containsExactly("b");
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().getRequestUrl().queryParameter("page_token")).isEqualTo("p2");
  }

  // --- polling --------------------------------------------------------------------------------------------------------

  @Test
  void awaitOperationsStopsWhenTheOperationIsDone() {
    server.enqueue(json(200, operations("IN_PROGRESS")));
    server.enqueue(json(200, operations("IN_PROGRESS")));
    server.enqueue(json(200, operations("DONE")));

    PollResult<List<OperationResultDTO>> result = client.awaitOperations(1L, OperationType.ORDER_STATUS_UPDATE,
        List.of("op-1"), Duration.ofMinutes(5));

    assertThat(result.settled()).isTrue();
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(result.last().get(0).getStatus()).isEqualTo(OperationStatusType.DONE);
  }

  @Test
  void awaitOperationsReportsFailedOperations() {
    server.enqueue(json(200, operations("FAILED")));

    PollResult<List<OperationResultDTO>> result = client.awaitOperations(1L, OperationType.ORDER_STATUS_UPDATE,
        List.of("op-1"), Duration.ofMinutes(5));

    assertThat(result.settled()).isTrue();
    assertThat(result.last().get(0).getStatus()).isEqualTo(OperationStatusType.FAILED);
  }

  @Test
  void awaitOperationsGivesUpAtTheDeadline() {
    for (int i = 0; i < 20; i++) {
      server.enqueue(json(200, operations("IN_PROGRESS")));
    }

    PollResult<List<OperationResultDTO>> result = client.awaitOperations(1L, OperationType.ORDER_STATUS_UPDATE,
        List.of("op-1"), Duration.ofSeconds(20));

    assertThat(result.settled()).isFalse();
    assertThat(result.elapsed()).isEqualTo(Duration.ofSeconds(20));
    assertThat(result.last().get(0).getStatus()).isEqualTo(OperationStatusType.IN_PROGRESS);
  }

  @Test
  void awaitUinChecksEndsWhenNoUinIsInProgress() {
    server.enqueue(json(200, uins("OK", "IN_PROGRESS")));
    server.enqueue(json(200, uins("OK", "FAILED")));

    PollResult<GetOrderIdentifiersStatusDTO> result = client.awaitUinChecks(1L, 2L, Duration.ofMinutes(1));

    assertThat(result.settled()).isTrue();
    assertThat(result.last().getItems().get(0).getUin()).extracting(u -> u.getStatus())
        .containsExactly(UinStatusType.OK, UinStatusType.FAILED);
  }

  @Test
  void awaitUinChecksGivesUpAtTheDeadline() {
    for (int i = 0; i < 20; i++) {
      server.enqueue(json(200, uins("IN_PROGRESS")));
    }

    PollResult<GetOrderIdentifiersStatusDTO> result = client.awaitUinChecks(1L, 2L, Duration.ofSeconds(10));

    assertThat(result.settled()).isFalse();
    assertThat(result.elapsed()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void toStringNeverShowsTheApiKey() {
    assertThat(client.toString()).doesNotContain(API_KEY);
    assertThat(YandexMarketClient.builder().apiKey(API_KEY).toString()).doesNotContain(API_KEY);
  }
}
