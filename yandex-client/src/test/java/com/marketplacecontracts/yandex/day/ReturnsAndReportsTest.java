package com.marketplacecontracts.yandex.day;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.JobFailedException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.RefundStatusType;
import com.marketplacecontracts.yandex.model.ReturnDTO;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReturnsAndReportsTest {

  @RegisterExtension
  final MockServer server = new MockServer();
  @TempDir
  Path dir;
  private final FakeTimeSource time = new FakeTimeSource();
  private YandexMarketClient client;

  @BeforeEach
  void start() {
    client = YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey("ACMA:key")
        .timeSource(time).retry(RetryConfig.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
  }

  static byte[] zip(String... namesAndBodies) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < namesAndBodies.length; i += 2) {
        zip.putNextEntry(new ZipEntry(namesAndBodies[i]));
        zip.write(namesAndBodies[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void returnsArePagedByTheTokenInsideResult() throws Exception {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"paging\":{\"nextPageToken\":\"p2\"},\"returns\":["
        + "{\"id\":1,\"orderId\":10,\"items\":[],\"returnType\":\"RETURN\"}]}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"paging\":{},\"returns\":["
        + "{\"id\":2,\"orderId\":11,\"items\":[],\"returnType\":\"UNREDEEMED\"}]}}"));

    List<Long> ids = Returns.list(client, 5L, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 31),
        Set.of(RefundStatusType.REFUNDED), null).stream().map(ReturnDTO::getId).toList();

    assertThat(ids).containsExactly(1L, 2L);
    RecordedRequest first = server.takeRequest();
    assertThat(first.getRequestUrl().queryParameter("fromDate")).isEqualTo("2026-07-01");
    assertThat(first.getRequestUrl().queryParameter("toDate")).isEqualTo("2026-07-31");
    assertThat(first.getRequestUrl().queryParameter("statuses")).isEqualTo("REFUNDED");
    assertThat(first.getRequestUrl().queryParameter("limit")).isEqualTo("100");
    assertThat(server.takeRequest().getRequestUrl().queryParameter("pageToken")).isEqualTo("p2");
  }

  @Test
  void aReversedPeriodOfReturnsIsRefusedNamingTheEndDateBeforeAnythingIsSent() {
    assertThatThrownBy(() -> Returns.list(client, 5L, LocalDate.of(2026, 7, 31), LocalDate.of(2026, 7, 1), null,
        null)).isInstanceOfSatisfying(RequestValidationException.class, e -> {
          assertThat(e.requestSent()).isFalse();
          assertThat(e.operationId()).isEqualTo("getReturns");
          assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("to");
            assertThat(v.value()).isEqualTo("2026-07-01");
            assertThat(v.rule()).contains("must not be before from (2026-07-31)");
          });
        });
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aReturnIsReadById() throws Exception {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"id\":3,\"orderId\":12,\"items\":[],"
        + "\"returnType\":\"RETURN\",\"refundStatus\":\"SOMETHING_NEW\"}}"));

    ReturnDTO got = Returns.get(client, 5L, 12L, 3L);

    assertThat(got.getId()).isEqualTo(3L);
    assertThat(got.getRefundStatusAsString()).isEqualTo("SOMETHING_NEW");
    assertThat(server.takeRequest().getPath()).isEqualTo("/v2/campaigns/5/orders/12/returns/3");
  }

  @Test
  void aReportIsGeneratedAwaitedDownloadedAndParsedWithAColumnTheMarketplaceAdded() throws Exception {
    byte[] file = zip("netting.json", "[{\"ORDER_ID\":101,\"AMOUNT\":12.50,\"NEW_COLUMN\":\"kept\"},"
        + "{\"ORDER_ID\":102,\"AMOUNT\":-3,\"NEW_COLUMN\":null}]",
        "readme.txt", "not a sheet",
        "summary.json", "{\"period\":\"2026-07\",\"totals\":[{\"TOTAL\":9.5}]}");
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"reportId\":\"r-9\",\"estimatedGenerationTime\":3000}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"status\":\"PENDING\","
        + "\"generationRequestedAt\":\"2026-07-20T10:00:00Z\"}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"status\":\"DONE\",\"generationRequestedAt\":"
        + "\"2026-07-20T10:00:00Z\",\"file\":\"" + server.url("/files/r-9.zip") + "\"}}"));
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/zip").setBody(new Buffer().write(file)));

    Reports.Report report = Reports.fetch(client, Reports.generate(client, new Reports.Request(
        Reports.Kind.UNITED_NETTING, 9L, null, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 15))),
        AwaitOptions.timeout(Duration.ofMinutes(10)));
    Path saved = report.file().saveTo(dir.resolve("netting.zip"));
    List<ReportRows.Row> rows;
    try (ReportRows reader = ReportRows.open(saved)) {
      rows = reader.stream().toList();
    }

    RecordedRequest generate = server.takeRequest();
    assertThat(generate.getPath()).isEqualTo("/v2/reports/united-netting/generate?format=JSON");
    assertThat(generate.getBody().readUtf8()).isEqualTo("{\"businessId\":9,\"dateFrom\":\"2026-07-01\","
        + "\"dateTo\":\"2026-07-15\"}");
    assertThat(time.sleeps().get(0)).isEqualTo(Duration.ofSeconds(3));
    assertThat(report.settled()).isTrue();
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).isEqualTo(new ReportRows.Row("netting", null, java.util.Map.of(
        "ORDER_ID", new BigDecimal("101"), "AMOUNT", new BigDecimal("12.50"), "NEW_COLUMN", "kept")));
    assertThat(rows.get(0).values().keySet()).containsExactly("ORDER_ID", "AMOUNT", "NEW_COLUMN");
    assertThat(rows.get(1).values()).containsEntry("NEW_COLUMN", null);
    assertThat(rows.get(2)).isEqualTo(new ReportRows.Row("summary", "totals",
        java.util.Map.of("TOTAL", new BigDecimal("9.5"))));
    assertThat(rows.get(3)).isEqualTo(new ReportRows.Row("summary", null, java.util.Map.of("period", "2026-07")));
  }

  @Test
  void aReportWithoutDataHasNoFileAndATooLargeOneFails() {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"reportId\":\"r-1\",\"estimatedGenerationTime\":1}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"status\":\"DONE\",\"subStatus\":\"NO_DATA\","
        + "\"generationRequestedAt\":\"2026-07-20T10:00:00Z\"}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"reportId\":\"r-2\",\"estimatedGenerationTime\":1}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"status\":\"FAILED\",\"subStatus\":\"TOO_LARGE\","
        + "\"generationRequestedAt\":\"2026-07-20T10:00:00Z\"}}"));
    Reports.Request stocks = new Reports.Request(Reports.Kind.STOCKS_ON_WAREHOUSES, null, 5L,
        LocalDate.of(2026, 7, 1), null);

    Reports.Report empty = Reports.fetch(client, Reports.generate(client, stocks), AwaitOptions.timeout(
        Duration.ofMinutes(1)));

    assertThat(empty.settled()).isTrue();
    assertThat(empty.hasData()).isFalse();
    assertThat(empty.subStatus()).isEqualTo("NO_DATA");
    time.advance(Duration.ofMinutes(2));   // the generator's own quota: one report in two minutes
    assertThatThrownBy(() -> Reports.fetch(client, Reports.generate(client, stocks),
        AwaitOptions.timeout(Duration.ofMinutes(1))))
        .isInstanceOfSatisfying(JobFailedException.class, e -> assertThat(e.detail()).isEqualTo("TOO_LARGE"));
  }

  @Test
  void eachKindChecksItsOwnerAndPeriodBeforeAnythingIsSent() throws Exception {
    assertThatThrownBy(() -> Reports.generate(client, new Reports.Request(Reports.Kind.GOODS_REALIZATION, null, 5L,
        LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1))))
        .isInstanceOf(RequestValidationException.class).hasMessageContaining("to").hasMessageContaining("one month");
    assertThatThrownBy(() -> Reports.generate(client, new Reports.Request(Reports.Kind.UNITED_MARKETPLACE_SERVICES,
        null, 5L, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30))))
        .isInstanceOf(RequestValidationException.class).hasMessageContaining("businessId");
    assertThatThrownBy(() -> Reports.generate(client, new Reports.Request(Reports.Kind.UNITED_NETTING, 9L, null,
        LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 1))))
        .isInstanceOf(RequestValidationException.class).hasMessageContaining("must not be before");
    assertThat(server.getRequestCount()).isZero();

    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"reportId\":\"r\",\"estimatedGenerationTime\":1}}"));
    Reports.generate(client, new Reports.Request(Reports.Kind.GOODS_REALIZATION, null, 5L,
        LocalDate.of(2026, 6, 10), null)).execute();
    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getPath()).isEqualTo("/v2/reports/goods-realization/generate?format=JSON");
    assertThat(sent.getBody().readUtf8()).isEqualTo("{\"campaignId\":5,\"year\":2026,\"month\":6}");
    assertThat(Reports.Kind.named("united-marketplace-services")).contains(Reports.Kind.UNITED_MARKETPLACE_SERVICES);
    assertThat(Reports.Kind.named("goods_realization")).contains(Reports.Kind.GOODS_REALIZATION);
    assertThat(Reports.Kind.named("shows-sales")).isEmpty();
  }
}
