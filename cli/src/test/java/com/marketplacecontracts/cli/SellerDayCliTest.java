package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.http.MockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code yandex orders}, {@code order-status}, {@code labels} and {@code report} against a loopback server. */
class SellerDayCliTest {

  private static final String API_KEY = "ACMA:day-secret-key";

  @RegisterExtension
  final MockServer server = new MockServer();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir
  Path dir;

  private int run(String... args) {
    CommandLine line = MarketplaceCli.commandLine(Map.of("YANDEX_MARKET_API_KEY", API_KEY, "COLUMNS", "200"));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 3];
    all[0] = "--base-url";
    all[1] = server.url("/").toString();
    all[2] = "--quiet";
    System.arraycopy(args, 0, all, 3, args.length);
    int code = line.execute(all);
    assertThat(out.toString() + err.toString()).doesNotContain(API_KEY);
    return code;
  }

  @Test
  void ordersOverFortyDaysAreTwoWindowsAsJsonLinesEachOrderOnce() throws Exception {
    server.enqueue(MockServer.json(200, "{\"orders\":[{\"orderId\":1,\"campaignId\":5,\"status\":\"PROCESSING\","
        + "\"items\":[{\"id\":9,\"offerId\":\"A\",\"offerName\":\"a\",\"count\":1}]}],\"paging\":{}}"));
    server.enqueue(MockServer.json(200, "{\"orders\":[{\"orderId\":1,\"status\":\"PROCESSING\"},"
        + "{\"orderId\":2,\"status\":\"DELIVERED\"}],\"paging\":{}}"));

    int code = run("--json", "yandex", "orders", "--business-id", "7", "--from", "2026-06-01", "--to", "2026-07-10",
        "--status", "processing", "--status", "DELIVERED");

    assertThat(code).isZero();
    assertThat(out.toString().lines()).hasSize(2);
    assertThat(out.toString().lines().findFirst().orElseThrow()).contains("\"orderId\":\"1\"", "\"shopId\":\"5\"",
        "\"offerId\":\"A\"");
    String first = server.takeRequest().getBody().readUtf8();
    assertThat(first).contains("\"creationDateFrom\":\"2026-06-01\"", "\"creationDateTo\":\"2026-07-01\"",
        "\"statuses\":[\"PROCESSING\",\"DELIVERED\"]");
    assertThat(server.takeRequest().getBody().readUtf8()).contains("\"creationDateFrom\":\"2026-07-01\"",
        "\"creationDateTo\":\"2026-07-11\"");
  }

  @Test
  void badOrderInputExitsTwoNamingTheOptionAndSendsNothing() {
    assertThat(run("yandex", "orders", "--business-id", "7", "--from", "2026-06-10", "--to", "2026-06-01"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("yandex", "orders", "--business-id", "7", "--from", "2026-06-01", "--to", "2026-06-02",
        "--status", "PENDING")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("yandex", "orders", "--business-id", "7", "--from", "June", "--to", "2026-06-02"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("yandex", "order-status", "1", "--campaign-id", "5", "--status", "NOPE"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("yandex", "report", "shows-sales", "--from", "2026-06-01", "--output", "x.zip"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--to (2026-06-01) is before --from (2026-06-10)",
        "--status: 'PENDING' is refused by the order list as a filter", "--from", "'NOPE' is not one of",
        "NAME must be one of united-netting");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aMistypedReportNameGetsTheNearestOne() {
    int code = run("yandex", "report", "united-neting", "--business-id", "7", "--from", "2026-06-01", "--output",
        dir.resolve("r.zip").toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("was 'united-neting'. Did you mean united-netting?");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void orderStatusPrintsEachOrdersOutcomeAndExitsWithTheWorst() throws Exception {
    server.enqueue(MockServer.json(200, "{\"status\":\"OK\",\"result\":{\"orders\":["
        + "{\"id\":11,\"status\":\"PROCESSING\",\"updateStatus\":\"OK\"},"
        + "{\"id\":12,\"status\":\"PROCESSING\",\"updateStatus\":\"ERROR\",\"errorDetails\":\"too late\"}]}}"));

    int code = run("yandex", "order-status", "11", "12", "--campaign-id", "5", "--status", "PROCESSING",
        "--substatus", "READY_TO_SHIP");

    assertThat(code).isEqualTo(ExitCodes.REJECTED);
    assertThat(out.toString()).contains("11  UPDATED", "12  REJECTED  too late");
    assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("{\"orders\":[{\"id\":11,\"status\":"
        + "\"PROCESSING\",\"substatus\":\"READY_TO_SHIP\"},{\"id\":12,\"status\":\"PROCESSING\",\"substatus\":"
        + "\"READY_TO_SHIP\"}]}");
  }

  @Test
  void orderIdsAreStringsInTheJsonOfEveryOrderCommand() {
    server.enqueue(MockServer.json(200, "{\"status\":\"OK\",\"result\":{\"orders\":["
        + "{\"id\":11,\"status\":\"PROCESSING\",\"updateStatus\":\"OK\"}]}}"));
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/pdf")
        .setBody(new Buffer().write("%PDF-1.7\n%%EOF".getBytes(StandardCharsets.US_ASCII))));

    int status = run("--json", "yandex", "order-status", "11", "--campaign-id", "5", "--status", "PROCESSING",
        "--substatus", "READY_TO_SHIP");
    int labels = run("--json", "yandex", "labels", "31", "--campaign-id", "5", "--output",
        dir.resolve("labels").toString());

    assertThat(status).isZero();
    assertThat(labels).isZero();
    assertThat(out.toString().lines()).hasSize(2).anySatisfy(l -> assertThat(l).startsWith("{\"orderId\":\"11\""))
        .anySatisfy(l -> assertThat(l).startsWith("{\"orderId\":\"31\""));
  }

  @Test
  void labelsAreWrittenToTheFolder() throws Exception {
    byte[] pdf = "%PDF-1.7\nlabel\n%%EOF".getBytes(StandardCharsets.US_ASCII);
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/pdf").setBody(new Buffer().write(pdf)));

    int code = run("yandex", "labels", "31", "--campaign-id", "5", "--output", dir.resolve("labels").toString());

    assertThat(code).isZero();
    assertThat(Files.readAllBytes(dir.resolve("labels/order-31.pdf"))).isEqualTo(pdf);
    assertThat(server.takeRequest().getPath()).isEqualTo("/v2/campaigns/5/orders/31/delivery/labels");
  }

  @Test
  void anOrderWhoseLabelsFailIsReportedOnStderrNotAmongTheResults() {
    server.enqueue(MockServer.json(404, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"NOT_FOUND\","
        + "\"message\":\"no such order\"}]}"));

    int code = run("yandex", "labels", "31", "--campaign-id", "5", "--output", dir.resolve("labels").toString());

    assertThat(code).isEqualTo(ExitCodes.REJECTED);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("31  failed:", "NOT_FOUND");
  }

  @Test
  void aReportIsSavedAndItsRowsPrintedWithAnAddedColumn() throws Exception {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream entries = new ZipOutputStream(zip)) {
      entries.putNextEntry(new ZipEntry("services.json"));
      entries.write("[{\"SERVICE\":\"storage\",\"AMOUNT\":1.5,\"ADDED_IN_2027\":\"new\"}]"
          .getBytes(StandardCharsets.UTF_8));
      entries.closeEntry();
    }
    server.enqueue(MockServer.json(200, "{\"status\":\"OK\",\"result\":{\"reportId\":\"r\","
        + "\"estimatedGenerationTime\":1}}"));
    server.enqueue(MockServer.json(200, "{\"status\":\"OK\",\"result\":{\"status\":\"DONE\",\"generationRequestedAt\":"
        + "\"2026-07-20T10:00:00Z\",\"file\":\"" + server.url("/f/r.zip") + "\"}}"));
    server.enqueue(new MockResponse().setBody(new Buffer().write(zip.toByteArray())));
    Path file = dir.resolve("services.zip");

    int code = run("--json", "yandex", "report", "united-marketplace-services", "--business-id", "7", "--from",
        "2026-07-01", "--to", "2026-07-15", "--output", file.toString());

    assertThat(code).isZero();
    assertThat(Files.readAllBytes(file)).isEqualTo(zip.toByteArray());
    assertThat(out.toString().strip()).isEqualTo("{\"marketplace\":\"YANDEX_MARKET\",\"report\":"
        + "\"united-marketplace-services\",\"sheet\":\"services\",\"values\":{\"SERVICE\":\"storage\",\"AMOUNT\":1.5,"
        + "\"ADDED_IN_2027\":\"new\"}}");
    assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("{\"businessId\":7,\"dateFrom\":\"2026-07-01\","
        + "\"dateTo\":\"2026-07-15\"}");
  }
}
