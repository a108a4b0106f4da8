package com.marketplacecontracts.yandex;

import static com.marketplacecontracts.core.http.MockServer.json;
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
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.json.JsonTrees;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.paging.Pager;
import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.yandex.api.OrdersApi;
import com.marketplacecontracts.yandex.model.GetOfferMappingDTO;
import com.marketplacecontracts.yandex.model.GetOperationsRequest;
import com.marketplacecontracts.yandex.model.GetOperationsResponse;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusDTO;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import com.marketplacecontracts.yandex.model.OfferAvailabilityStatusType;
import com.marketplacecontracts.yandex.model.OfferCardStatusType;
import com.marketplacecontracts.yandex.model.OfferMappingEntryDTO;
import com.marketplacecontracts.yandex.model.OfferMappingKindType;
import com.marketplacecontracts.yandex.model.OfferProcessingStatusType;
import com.marketplacecontracts.yandex.model.OperationResultDTO;
import com.marketplacecontracts.yandex.model.OperationStatusType;
import com.marketplacecontracts.yandex.model.OperationType;
import com.marketplacecontracts.yandex.model.UinStatusType;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import retrofit2.http.POST;

class YandexMarketClientTest {

  private static final String API_KEY = "ACMA:secret-api-key-value";

  @RegisterExtension
  final MockServer server = new MockServer();
  private final FakeTimeSource time = new FakeTimeSource();
  private YandexMarketClient client;

  @BeforeEach
  void start() throws IOException {
    client = YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey(API_KEY)
        .timeSource(time).build();
  }

  private static String operations(String status) {
    return "{\"status\":\"OK\",\"result\":{\"operations\":[{\"id\":\"op-1\",\"type\":\"ORDER_STATUS_UPDATE\","
        + "\"status\":\"" + status + "\"}]}}";
  }

  private static String uins(String... statuses) {
    String list = Arrays.stream(statuses).map(s -> "{\"value\":\"U-" + s + "\",\"status\":\"" + s + "\"}")
        .collect(Collectors.joining(","));
    return "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":11,\"uin\":[" + list + "]}]}}";
  }

  // --- request shape ---------------------------------------------------------------------------------------------

  @Test
  void aClientBuiltWithoutACredentialIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> YandexMarketClient.builder().build())
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("apiKey = null: must be set");
    assertThatThrownBy(() -> YandexMarketClient.builder().tier(null)).hasMessage("tier");
  }

  @Test
  void uinStatusIsAPostToTheV2OrderIdentifiersPathWithTheApiKey() throws Exception {
    server.enqueue(json(200, uins("OK")));

    client.uinStatus(21L, 9001L);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getRequestLine()).isEqualTo("POST /v2/campaigns/21/orders/9001/identifiers/status HTTP/1.1");
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
    assertThat(JsonTrees.normalized(request.getBody().readUtf8()))
        .isEqualTo(JsonTrees.normalized(
            "{\"operationType\":\"ORDER_RECIPIENT_UPDATE\",\"operationIds\":[\"a\",\"b\"]}"));
  }

  @Test
  @SuppressWarnings("deprecation")
  void offerMappingEntriesSendsArraysInTheExplodedForm() throws Exception {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"offerMappingEntries\":[]}}"));

    client.offerMappings().getOfferMappingEntries(77L,
        Set.of(OfferAvailabilityStatusType.ACTIVE), new LinkedHashSet<>(List.of(1L, 2L)), 50,
        OfferMappingKindType.ALL, null, "tok", null,
        new LinkedHashSet<>(List.of(OfferProcessingStatusType.READY, OfferProcessingStatusType.IN_WORK)),
        Set.of("Aqua Minerale")).execute();

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

    assertThatThrownBy(() -> client.operations().getOperations(-3L,
        new GetOperationsRequest().operationIds(ids)).execute())
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
  @SuppressWarnings("deprecation") // the legacy listing, tested on purpose
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
          assertThat(e.marketplace()).isEqualTo(Marketplace.YANDEX_MARKET);
          assertThat(e.operationId()).isEqualTo("getOrderIdentifiersStatus");
          assertThat(e.errorCodes()).containsExactly("C" + status);
          assertThat(e.errors().get(0).message()).isEqualTo("m" + status);
          assertThat(e.getMessage()).doesNotContain(API_KEY);
        });
  }

  // --- declared jobs, pages, batches --------------------------------------------------------------------------------

  private com.marketplacecontracts.core.http.MarketplaceCall<com.marketplacecontracts.yandex.model.GenerateReportResponse>
      netting() {
    return client.api(com.marketplacecontracts.yandex.api.ReportsApi.class).generateUnitedNettingReport(
        new com.marketplacecontracts.yandex.model.GenerateUnitedNettingReportRequest().businessId(1L)
            .dateFrom(java.time.LocalDate.of(2026, 7, 1)).dateTo(java.time.LocalDate.of(2026, 7, 10)),
        com.marketplacecontracts.yandex.model.ReportFormatType.JSON, null);
  }

  @Test
  void aReportIsGeneratedAwaitedFromItsEstimateAndItsFileFetched() throws Exception {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"reportId\":\"r-1\","
        + "\"estimatedGenerationTime\":7000}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"status\":\"PROCESSING\"}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"status\":\"DONE\",\"file\":\""
        + server.url("/files/r-1.zip") + "\"}}"));
    server.enqueue(new okhttp3.mockwebserver.MockResponse().setHeader("Content-Type", "application/zip")
        .setBody("PK-report"));

    PollResult<?> done = client.startAndAwait(netting(), AwaitOptions.timeout(Duration.ofMinutes(10)));
    com.marketplacecontracts.core.http.Download file = client.reportFile(
        (com.marketplacecontracts.yandex.model.GetReportInfoResponse) done.last());

    assertThat(done.settled()).isTrue();
    assertThat(time.sleeps().get(0)).isEqualTo(Duration.ofSeconds(7));   // the first check at the job's estimate
    assertThat(server.takeRequest().getPath()).startsWith("/v2/reports/united-netting/generate?format=JSON");
    assertThat(server.takeRequest().getPath()).isEqualTo("/v2/reports/info/r-1");
    server.takeRequest();
    RecordedRequest fetch = server.takeRequest();
    assertThat(fetch.getPath()).isEqualTo("/files/r-1.zip");
    assertThat(new String(file.open().readAllBytes())).isEqualTo("PK-report");
    file.delete();
  }

  @Test
  void aFailedReportIsATypedFailureWithItsSubStatusNotSettled() {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"reportId\":\"r-2\"}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"status\":\"FAILED\","
        + "\"subStatus\":\"TOO_LARGE\"}}"));

    assertThatThrownBy(() -> client.startAndAwait(netting(), AwaitOptions.timeout(Duration.ofMinutes(10))))
        .isInstanceOfSatisfying(com.marketplacecontracts.core.error.JobFailedException.class, e -> {
          assertThat(e.state()).isEqualTo("FAILED");
          assertThat(e.detail()).isEqualTo("TOO_LARGE");
          assertThat(e.operationId()).isEqualTo("getReportInfo");
        });
  }

  @Test
  void aReportWithNoDataIsAnEmptySuccess() {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"reportId\":\"r-3\"}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"status\":\"DONE\",\"subStatus\":\"NO_DATA\"}}"));

    PollResult<?> done = client.startAndAwait(netting(), AwaitOptions.timeout(Duration.ofMinutes(10)));

    assertThat(done.settled()).isTrue();
    assertThat(((com.marketplacecontracts.yandex.model.GetReportInfoResponse) done.last()).getResult()
        .getSubStatus()).isEqualTo(com.marketplacecontracts.yandex.model.ReportSubStatusType.NO_DATA);
  }

  @Test
  void aReportFileOnAPlainHttpHostElsewhereIsRefusedAndNothingIsFetched() {
    com.marketplacecontracts.yandex.model.GetReportInfoResponse info =
        new com.marketplacecontracts.yandex.model.GetReportInfoResponse().result(
            new com.marketplacecontracts.yandex.model.ReportInfoDTO()._file("http://169.254.169.254/latest/meta-data"));

    assertThatThrownBy(() -> client.reportFile(info))
        .isInstanceOf(com.marketplacecontracts.core.error.RequestValidationException.class)
        .hasMessageContaining("must be an https URL");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anyDeclaredPagedOperationIsIteratedWithTheNextTokenFromItsDeclaration() throws Exception {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"paging\":{\"nextPageToken\":\"p2\"},"
        + "\"returns\":[{\"id\":1}]}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"returns\":[{\"id\":2}]}}"));
    com.marketplacecontracts.yandex.api.ReturnsApi returns = client.api(com.marketplacecontracts.yandex.api.ReturnsApi.class);

    List<Long> ids = client.pages(null, token -> returns.getReturns(5L, token, null, null, null, null, null, null, null,
        null, null), answer -> answer.getResult().getReturns()).stream().map(r -> r.getId()).toList();

    assertThat(ids).containsExactly(1L, 2L);
    assertThat(server.takeRequest().getPath()).doesNotContain("pageToken");
    assertThat(server.takeRequest().getPath()).contains("pageToken=p2");
  }

  @Test
  void aDeclaredBatchIsSplitWithinItsMaxItemsAndKeptInInputOrder() throws Exception {
    List<com.marketplacecontracts.yandex.model.OfferPriceDTO> prices = new ArrayList<>();
    for (int i = 0; i < 4_500; i++) {
      prices.add(new com.marketplacecontracts.yandex.model.OfferPriceDTO().offerId("SKU-" + i).price(
          new com.marketplacecontracts.yandex.model.PriceDTO().value(java.math.BigDecimal.valueOf(100))
              .currencyId(com.marketplacecontracts.yandex.model.CurrencyType.RUR)));
    }
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(200, "{\"status\":\"OK\"}"));
    }
    com.marketplacecontracts.yandex.api.PricesApi api = client.api(com.marketplacecontracts.yandex.api.PricesApi.class);

    var result = client.batch(prices, chunk -> api.updatePrices(9L,
        new com.marketplacecontracts.yandex.model.UpdatePricesRequest().offers(chunk)));

    assertThat(result.chunks()).extracting(c -> c.items().size()).containsExactly(2000, 2000, 500);
    assertThat(result.chunks()).extracting(c -> c.from()).containsExactly(0, 2000, 4000);
    assertThat(result.firstFailure()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void typedErrorCodesReachTheCallerAsAnOpenEnumBesideTheRawCode() {
    YandexMarketClient once = YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey(API_KEY)
        .retry(RetryConfig.none()).build();
    server.enqueue(json(400, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"DUPLICATE_OFFER\"},"
        + "{\"code\":\"A_CODE_ADDED_LATER\"}]}"));

    assertThatThrownBy(() -> once.uinStatus(1L, 2L))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(YandexErrorParser.codes(e)).containsExactly(
              com.marketplacecontracts.yandex.model.ApiErrorCodeType.DUPLICATE_OFFER,
              com.marketplacecontracts.yandex.model.ApiErrorCodeType.UNRECOGNIZED);
          assertThat(e.errorCodes()).containsExactly("DUPLICATE_OFFER", "A_CODE_ADDED_LATER");
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
    String entries = Arrays.stream(skus).map(s -> "{\"offer\":{\"offerId\":\"" + s + "\",\"shopSku\":\""
        + s + "\"}}").collect(Collectors.joining(","));
    String paging = next == null ? "{}" : "{\"nextPageToken\":\"" + next + "\"}";
    return "{\"status\":\"OK\",\"result\":{\"paging\":" + paging + ",\"offerMappingEntries\":[" + entries + "]}}";
  }

  @Test
  @SuppressWarnings("deprecation") // the legacy listing, tested on purpose
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
  @SuppressWarnings("deprecation") // the legacy listing, tested on purpose
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

  // --- the catalog over getOfferMappings ------------------------------------------------------------------------

  private static String mappings(String next, String... ids) {
    String offers = Arrays.stream(ids).map(id -> "{\"offer\":{\"offerId\":\"" + id + "\"}}")
        .collect(Collectors.joining(","));
    String paging = next == null ? "" : "\"paging\":{\"nextPageToken\":\"" + next + "\"},";
    return "{\"status\":\"OK\",\"result\":{" + paging + "\"offerMappings\":[" + offers + "]}}";
  }

  @Test
  void catalogWalksTheBusinessCatalogByPageTokenWithTheFiltersInTheBody() throws Exception {
    server.enqueue(json(200, mappings("p2", "a", "b")));
    server.enqueue(json(200, mappings(null, "c")));

    List<String> ids = client.catalog(5L, CatalogFilter.builder().cardStatus(
            OfferCardStatusType.NO_CARD_NEED_CONTENT).vendor("Makita")
            .archived(false).pageSize(2).build()).stream().map(offer -> offer.getOffer().getOfferId()).toList();

    assertThat(ids).containsExactly("a", "b", "c");
    RecordedRequest first = server.takeRequest();
    assertThat(first.getMethod()).isEqualTo("POST");
    assertThat(first.getRequestUrl().encodedPath()).isEqualTo("/v2/businesses/5/offer-mappings");
    assertThat(first.getRequestUrl().queryParameter("pageToken")).isNull();
    assertThat(first.getRequestUrl().queryParameter("limit")).isEqualTo("2");
    assertThat(JsonTrees.normalized(first.getBody().readUtf8()))
        .isEqualTo(JsonTrees.normalized(
            "{\"cardStatuses\":[\"NO_CARD_NEED_CONTENT\"],\"vendorNames\":[\"Makita\"],\"archived\":false}"));
    assertThat(server.takeRequest().getRequestUrl().queryParameter("pageToken")).isEqualTo("p2");
  }

  @Test
  void theWholeCatalogIsAskedWithAnEmptyBody() throws Exception {
    server.enqueue(json(200, mappings(null, "a")));

    assertThat(client.catalog(5L, CatalogFilter.all()).stream().count()).isEqualTo(1);

    assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("{}");
  }

  @Test
  void catalogResumesFromTheTokenOfTheFailedPage() throws Exception {
    YandexMarketClient once = YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey(API_KEY)
        .retry(RetryConfig.none()).build();
    server.enqueue(json(200, mappings("p2", "a")));
    server.enqueue(json(500, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\"}]}"));
    Pager.PageIterator<GetOfferMappingDTO> iterator =
        once.catalog(5L, CatalogFilter.all()).iterator();
    assertThat(iterator.next().getOffer().getOfferId()).isEqualTo("a");
    assertThatThrownBy(iterator::hasNext).isInstanceOf(ServerErrorException.class);

    server.enqueue(json(200, mappings(null, "b")));
    assertThat(once.catalogFrom(5L, CatalogFilter.all(), iterator.resumeToken()).stream()
        .map(offer -> offer.getOffer().getOfferId()).toList()).containsExactly("b");
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().getRequestUrl().queryParameter("pageToken")).isEqualTo("p2");
  }

  @Test
  void catalogByIdsSplitsIntoRequestsOfAHundredKeepsTheInputOrderAndReportsTheMissing() throws Exception {
    List<String> ids = IntStream.range(0, 250).mapToObj(i -> "sku-" + i).toList();
    // the server answers in its own order and knows neither sku-7 nor sku-200
    server.enqueue(json(200, mappings(null, IntStream.range(0, 100).map(i -> 99 - i).filter(i -> i != 7)
        .mapToObj(i -> "sku-" + i).toArray(String[]::new))));
    server.enqueue(json(200, mappings(null, IntStream.range(100, 200).mapToObj(i -> "sku-" + i)
        .toArray(String[]::new))));
    server.enqueue(json(200, mappings(null, IntStream.range(201, 250).mapToObj(i -> "sku-" + i)
        .toArray(String[]::new))));

    CatalogLookup lookup = client.catalogByIds(5L, ids);

    assertThat(lookup.missing()).containsExactly("sku-7", "sku-200");
    assertThat(lookup.found()).extracting(offer -> offer.getOffer().getOfferId())
        .containsExactlyElementsOf(ids.stream().filter(id -> !id.equals("sku-7") && !id.equals("sku-200")).toList());
    assertThat(server.getRequestCount()).isEqualTo(3);
    for (int chunk = 0; chunk < 3; chunk++) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getRequestUrl().queryParameter("pageToken")).isNull();
      assertThat(request.getRequestUrl().queryParameter("limit")).isNull();
      Map<?, ?> body = new Moshi.Builder().build().adapter(Map.class)
          .fromJson(request.getBody().readUtf8());
      assertThat((List<?>) body.get("offerIds")).hasSize(chunk < 2 ? 100 : 50).first().isEqualTo("sku-" + chunk * 100);
    }
  }

  @Test
  void catalogByIdsInParallelRunsRequestsAtOnceAndKeepsTheInputOrder() throws Exception {
    List<String> ids = IntStream.range(0, 350).mapToObj(i -> "sku-" + i).toList();
    CountDownLatch together = new CountDownLatch(2);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        together.countDown();
        together.await(5, TimeUnit.SECONDS); // the first request is answered once a second one is in flight
        List<?> asked;
        try {
          asked = (List<?>) new Moshi.Builder().build().adapter(Map.class)
              .fromJson(request.getBody().readUtf8()).get("offerIds");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return json(200, mappings(null, asked.stream().map(Object::toString).filter(id -> !id.equals("sku-123"))
            .toArray(String[]::new)));
      }
    });

    CatalogLookup lookup = client.catalogByIds(5L, ids, 4);

    assertThat(together.getCount()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(lookup.missing()).containsExactly("sku-123");
    assertThat(lookup.found()).extracting(offer -> offer.getOffer().getOfferId())
        .containsExactlyElementsOf(ids.stream().filter(id -> !id.equals("sku-123")).toList());
  }

  @Test
  void catalogByIdsAsksADuplicateOnceAndMatchesIdsAsTheServerTrimsThem() {
    server.enqueue(json(200, mappings(null, "b", "a")));

    CatalogLookup lookup = client.catalogByIds(5L, List.of("a ", "b", "a ", "c"));

    assertThat(lookup.found()).extracting(offer -> offer.getOffer().getOfferId()).containsExactly("a", "b");
    assertThat(lookup.missing()).containsExactly("c");
  }

  @Test
  void anInvalidIdInAnyChunkSendsNothing() {
    List<String> ids = new ArrayList<>(IntStream.range(0, 150).mapToObj(i -> "sku-" + i).toList());
    ids.add("   ");

    assertThatThrownBy(() -> client.catalogByIds(5L, ids)).isInstanceOf(RequestValidationException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aNullIdIsRejectedBeforeSending() {
    assertThatThrownBy(() -> client.catalogByIds(5L, Arrays.asList("a", null)))
        .isInstanceOf(RequestValidationException.class).hasMessageContaining("offerIds[]");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aCatalogPageOfMoreThanAHundredIsRejectedBeforeSending() {
    assertThatThrownBy(() -> client.catalog(5L, CatalogFilter.builder().pageSize(101).build()).iterator().hasNext())
        .isInstanceOf(RequestValidationException.class).hasMessageContaining("limit");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aNonPositiveCategoryIdIsRejectedBeforeSending() {
    assertThatThrownBy(() -> client.catalog(5L, CatalogFilter.builder().categoryId(0).build()).iterator().hasNext())
        .isInstanceOf(RequestValidationException.class).hasMessageContaining("categoryIds");
    assertThat(server.getRequestCount()).isZero();
  }

  // --- deprecation and tiers ----------------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("deprecation")
  void theLegacyCatalogWarnsOncePerClientNamingTheSuccessor() {
    List<String> notices = new CopyOnWriteArrayList<>();
    YandexMarketClient watched = YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey(API_KEY)
        .events(new ClientEvents() {
          @Override
          public void deprecatedOperation(String operationId, String replacement, String shutdownDate) {
            notices.add(operationId + " -> " + replacement + " " + shutdownDate);
          }
        }).build();
    server.enqueue(json(200, page("p2", "a")));
    server.enqueue(json(200, page(null, "b")));
    server.enqueue(json(200, uins("OK")));

    assertThat(watched.offers(9L, OfferQuery.all()).stream().count()).isEqualTo(2);
    watched.uinStatus(1L, 2L);

    assertThat(notices).containsExactly("getOfferMappingEntries -> getOfferMappings 2026-03-12");
  }

  @Test
  void theSpecDeclaresTodaysQuotasPerTier() throws Exception {
    Method uin = OrdersApi.class
        .getMethod("getOrderIdentifiersStatus", Long.class, Long.class);
    ApiOperation operation =
        uin.getAnnotation(ApiOperation.class);

    assertThat(uin.getAnnotation(POST.class).value())
        .isEqualTo("v2/campaigns/{campaignId}/orders/{orderId}/identifiers/status");
    assertThat(operation.quotaUnit()).isEqualTo("resp");
    assertThat(operation.quotas()).extracting(q -> q.tier() + " " + q.amount() + "/" + q.periodDuration() + " "
        + q.period()).containsExactly("none 1000/1 hours", "medium 1000/1 hours");
  }

  @Test
  void aMediumTierBusinessGetsTheMediumCatalogQuota() {
    YandexMarketClient medium = YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey(API_KEY)
        .timeSource(time).tier(YandexMarketClient.Tier.MEDIUM).build();
    for (int i = 0; i < 31; i++) {
      server.enqueue(json(200, mappings(null, "a")));
    }

    for (int i = 0; i < 30; i++) {
      medium.catalog(5L, CatalogFilter.all()).iterator().hasNext();
    }
    assertThat(time.sleeps()).isEmpty(); // medium: 600 a minute, a burst of 30
    client.catalog(5L, CatalogFilter.all()).iterator().hasNext();
    for (int i = 0; i < 5; i++) {
      server.enqueue(json(200, mappings(null, "a")));
    }
    for (int i = 0; i < 5; i++) {
      client.catalog(5L, CatalogFilter.all()).iterator().hasNext();
    }
    assertThat(time.sleeps()).hasSize(1); // the default (stricter, 100 a minute) client: a burst of 5
  }

  // --- polling --------------------------------------------------------------------------------------------------------

  @Test
  void awaitOperationsStopsWhenTheOperationIsDone() {
    server.enqueue(json(200, operations("IN_PROGRESS")));
    server.enqueue(json(200, operations("IN_PROGRESS")));
    server.enqueue(json(200, operations("DONE")));

    PollResult<GetOperationsResponse> result = client.awaitOperations(1L, OperationType.ORDER_STATUS_UPDATE,
        List.of("op-1"), AwaitOptions.timeout(Duration.ofMinutes(5)));

    assertThat(result.settled()).isTrue();
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(result.last().getResult().getOperations().get(0).getStatus()).isEqualTo(OperationStatusType.DONE);
  }

  @Test
  void awaitOperationsReportsFailedOperations() {
    server.enqueue(json(200, operations("FAILED")));

    PollResult<GetOperationsResponse> result = client.awaitOperations(1L, OperationType.ORDER_STATUS_UPDATE,
        List.of("op-1"), AwaitOptions.timeout(Duration.ofMinutes(5)));

    assertThat(result.settled()).isTrue();
    assertThat(result.last().getResult().getOperations().get(0).getStatus()).isEqualTo(OperationStatusType.FAILED);
  }

  @Test
  void awaitOperationsGivesUpAtTheDeadline() {
    for (int i = 0; i < 20; i++) {
      server.enqueue(json(200, operations("IN_PROGRESS")));
    }

    PollResult<GetOperationsResponse> result = client.awaitOperations(1L, OperationType.ORDER_STATUS_UPDATE,
        List.of("op-1"), AwaitOptions.timeout(Duration.ofSeconds(20)));

    assertThat(result.settled()).isFalse();
    // the last check comes half-way through the time left, so that it has the rest to answer
    assertThat(result.elapsed()).isBetween(Duration.ofSeconds(20).dividedBy(2), Duration.ofSeconds(20));
    assertThat(result.last().getResult().getOperations().get(0).getStatus()).isEqualTo(OperationStatusType.IN_PROGRESS);
  }

  @Test
  void awaitUinChecksEndsWhenNoUinIsInProgress() {
    server.enqueue(json(200, uins("OK", "IN_PROGRESS")));
    server.enqueue(json(200, uins("OK", "FAILED")));

    PollResult<GetOrderIdentifiersStatusResponse> result =
        client.awaitUinChecks(1L, 2L, AwaitOptions.timeout(Duration.ofMinutes(1)));

    assertThat(result.settled()).isTrue();
    assertThat(result.last().getResult().getItems().get(0).getUin()).extracting(u -> u.getStatus())
        .containsExactly(UinStatusType.OK, UinStatusType.FAILED);
  }

  @Test
  void awaitUinChecksAlsoWaitsForMarkingCodes() {
    String pending = "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":11,\"uin\":[{\"value\":\"U\","
        + "\"status\":\"OK\"}]},{\"id\":12,\"uin\":null,\"cis\":[{\"value\":\"C\",\"status\":\"IN_PROGRESS\"}]}]}}";
    server.enqueue(json(200, pending));
    server.enqueue(json(200, pending.replace("IN_PROGRESS", "INVALID\",\"substatus\":\"ITEM_SOLD")));

    PollResult<GetOrderIdentifiersStatusResponse> result =
        client.awaitUinChecks(1L, 2L, AwaitOptions.timeout(Duration.ofMinutes(1)));

    assertThat(result.settled()).isTrue();
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.last().getResult().getItems().get(1).getCis().get(0).getSubstatusAsString()).isEqualTo("ITEM_SOLD");
  }

  @Test
  void eachPollIsReportedToTheClientEvents() {
    List<String> polls = new ArrayList<>();
    YandexMarketClient watched = client.newBuilder().events(new ClientEvents() {
      @Override
      public void polled(String operationId, int attempt, boolean settled, Duration elapsed) {
        polls.add(operationId + " " + attempt + " " + settled);
      }
    }).build();
    server.enqueue(json(200, uins("IN_PROGRESS")));
    server.enqueue(json(200, uins("OK")));

    watched.awaitUinChecks(1L, 2L, AwaitOptions.timeout(Duration.ofMinutes(1)));

    assertThat(polls).containsExactly("getOrderIdentifiersStatus 1 false", "getOrderIdentifiersStatus 2 true");
  }

  @Test
  void awaitUinChecksGivesUpAtTheDeadline() {
    for (int i = 0; i < 20; i++) {
      server.enqueue(json(200, uins("IN_PROGRESS")));
    }

    PollResult<GetOrderIdentifiersStatusResponse> result =
        client.awaitUinChecks(1L, 2L, AwaitOptions.timeout(Duration.ofSeconds(10)));

    assertThat(result.settled()).isFalse();
    // the last check comes half-way through the time left, so that it has the rest to answer
    assertThat(result.elapsed()).isBetween(Duration.ofSeconds(10).dividedBy(2), Duration.ofSeconds(10));
  }

  @Test
  void toStringNeverShowsTheApiKey() {
    assertThat(client.toString()).doesNotContain(API_KEY);
    assertThat(YandexMarketClient.builder().apiKey(API_KEY).toString()).doesNotContain(API_KEY);
  }

  @Test
  void newBuilderKeepsTheSettingsAndCredentials() throws Exception {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"items\":[]}}"));

    client.newBuilder().userAgent("erp/2").build().uinStatus(1L, 2L);

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getHeader("Api-Key")).isEqualTo(API_KEY);
    assertThat(sent.getHeader("User-Agent")).startsWith("erp/2 marketplace-contracts/");
  }
}
