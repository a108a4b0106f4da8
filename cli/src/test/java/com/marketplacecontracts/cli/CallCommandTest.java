package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.http.MockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code yandex call} and {@code yandex operations}: any covered operation from the command line. */
class CallCommandTest {

  private static final String API_KEY = "ACMA:call-secret-key";

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
    int code = line.execute(args);
    assertThat(out.toString() + err.toString()).doesNotContain(API_KEY);
    return code;
  }

  @Test
  void parametersGoWhereTheSpecSaysAndTheAnswerIsPrintedAsJson() throws Exception {
    server.enqueue(MockServer.json(200, "{\"status\":\"OK\",\"result\":{\"orders\":[]}}"));
    Path body = Files.writeString(dir.resolve("body.json"), "{\"orders\":[{\"id\":7,\"status\":\"PROCESSING\"}]}");

    int code = run("--base-url", server.url("/").toString(), "--quiet", "yandex", "call", "updateOrderStatuses",
        "--param", "campaignId=12", "--body", body.toString());

    assertThat(code).isZero();
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v2/campaigns/12/orders/status-update");
    assertThat(request.getBody().readUtf8()).contains("\"id\":7", "\"status\":\"PROCESSING\"");
    assertThat(out.toString()).contains("{\"status\":\"OK\"");
  }

  @Test
  void arrayQueryParametersRepeatTheirName() throws Exception {
    server.enqueue(MockServer.json(200, "{\"status\":\"OK\",\"result\":{\"returns\":[]}}"));

    assertThat(run("--base-url", server.url("/").toString(), "--quiet", "yandex", "call", "getReturns",
        "-p", "campaignId=12", "-p", "statuses=STARTED_BY_USER", "-p", "statuses=WAITING_FOR_DECISION")).isZero();

    assertThat(server.takeRequest().getPath()).contains("statuses=STARTED_BY_USER&statuses=WAITING_FOR_DECISION");
  }

  @Test
  void aBadValueNamesTheParameterAndTheRuleAndSendsNothing() {
    int code = run("--base-url", server.url("/").toString(), "yandex", "call", "getCampaign", "-p", "campaignId=0");
    int typo = run("--base-url", server.url("/").toString(), "yandex", "call", "getCampaign", "-p", "campaignId=x");
    int unknown = run("--base-url", server.url("/").toString(), "yandex", "call", "getCampaign", "-p", "campaign=1");
    int huge = run("--base-url", server.url("/").toString(), "yandex", "call", "getCampaign", "-p",
        "campaignId=99999999999999999999");
    int page = run("--base-url", server.url("/").toString(), "yandex", "call", "getCampaigns", "-p", "pageSize=-5",
        "-p", "page=0");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(typo).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknown).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(huge).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(page).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("campaignId = 0: must be greater than or equal to 1",
        "campaignId = x: must be a whole number\n",
        "campaignId = 99999999999999999999: must be a whole number from -9223372036854775808 to 9223372036854775807",
        "pageSize = -5: must be greater than or equal to 1", "page = 0: must be greater than or equal to 1",
        "campaign = 1: no such parameter of getCampaign; did you mean campaignId?").doesNotContain("type Long");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedSayingWhereInPlainWords() throws Exception {
    Path malformed = Files.writeString(dir.resolve("bad.json"), "{\"orders\":[{\"id\":7,,}]}");
    Path cut = Files.writeString(dir.resolve("cut.json"), "{\"orders\":[");

    int bad = run("--base-url", server.url("/").toString(), "yandex", "call", "updateOrderStatuses",
        "--param", "campaignId=12", "--body", malformed.toString());
    int short_ = run("--base-url", server.url("/").toString(), "yandex", "call", "updateOrderStatuses",
        "--param", "campaignId=12", "--body", cut.toString());

    assertThat(bad).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(short_).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("error: --body " + malformed + " is not valid JSON: unexpected text at"
        + " $.orders[0].id", "error: --body " + cut + " is not valid JSON: it ends too early at $.orders[0]")
        .doesNotContain("setLenient", "JsonReader", "Exception");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void atAHundredColumnsTheNotesShareTheRoomWithTheApiColumn() {
    CommandLine line = MarketplaceCli.commandLine(Map.of("YANDEX_MARKET_API_KEY", API_KEY, "COLUMNS", "100"));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));

    assertThat(line.execute("yandex", "operations")).isZero();

    java.util.List<String> lines = out.toString().lines().toList();
    assertThat(lines).allMatch(l -> l.length() <= 100);
    String header = lines.get(0);
    int notes = header.indexOf("NOTES");
    int api = header.indexOf("API");
    int readOnly = header.indexOf("READ-ONLY");
    // the notes get as much room as the API column (before, the notes were cut to 6 while the API kept 18)
    assertThat(100 - notes).isGreaterThanOrEqualTo(readOnly - api - 2);
    assertThat(lines).anyMatch(l -> l.startsWith("updatePrices ") && l.substring(notes).startsWith("batch")
        && l.endsWith("…"));
  }

  @Test
  void aBinaryAnswerIsSavedToTheOutputFile() throws Exception {
    server.enqueue(new okhttp3.mockwebserver.MockResponse().setHeader("Content-Type", "application/pdf")
        .setBody("%PDF-1.4 label"));
    Path pdf = dir.resolve("label.pdf");

    assertThat(run("--base-url", server.url("/").toString(), "yandex", "call", "generateOrderLabels",
        "-p", "campaignId=1", "-p", "orderId=2", "--output", pdf.toString())).isZero();

    assertThat(Files.readString(pdf)).isEqualTo("%PDF-1.4 label");
    assertThat(err.toString()).contains("saved 14 bytes (application/pdf)");
  }

  @Test
  void everyPageOfAPagedOperationIsOneJsonLine() {
    server.enqueue(MockServer.json(200, "{\"result\":{\"paging\":{\"nextPageToken\":\"t2\"},\"returns\":[]}}"));
    server.enqueue(MockServer.json(200, "{\"result\":{\"paging\":{},\"returns\":[]}}"));

    assertThat(run("--base-url", server.url("/").toString(), "--quiet", "yandex", "call", "getReturns",
        "-p", "campaignId=1", "--all-pages")).isZero();

    assertThat(out.toString().lines()).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theOperationsListShowsDecisionsQuotasAndDeclarations() {
    assertThat(run("yandex", "operations", "--tag", "prices")).isZero();

    assertThat(out.toString()).contains("updatePrices", "10000 items/min", "batch offers≤2000")
        .contains("getPrices", "deprecated").doesNotContain("updateStocks ");
  }

  @Test
  void theOperationsListPrintsAsJsonToo() {
    // each row is a record Moshi reads through its accessors: a record it cannot reach fails at the first row
    assertThat(run("--json", "yandex", "operations", "--tag", "prices")).as(err.toString()).isZero();

    assertThat(out.toString().lines()).allMatch(l -> l.startsWith("{\"operationId\":\""))
        .anyMatch(l -> l.startsWith("{\"operationId\":\"updatePrices\",\"api\":\"prices\""));
    // what an operation does not declare is absent, not an empty string; the quota reads as in the table
    assertThat(out.toString().lines().filter(l -> l.contains("\"operationId\":\"updatePrices\"")))
        .singleElement().asString().contains("\"readOnly\":false", "\"quota\":\"10000 items/min\"",
            "\"batch\":\"offers≤2000\"").doesNotContain("\"job\"", "\"paged\"", "\"\"");
    assertThat(out.toString().lines().filter(l -> l.contains("\"operationId\":\"getPrices\"")))
        .singleElement().asString().contains("\"readOnly\":true");
  }

  @Test
  void theOperationsTableSaysWhichOperationsOnlyRead() {
    assertThat(run("yandex", "operations", "--tag", "prices")).as(err.toString()).isZero();

    assertThat(out.toString().lines().findFirst().orElseThrow()).contains("READ-ONLY");
    assertThat(out.toString().lines().filter(l -> l.startsWith("updatePrices "))).singleElement().asString()
        .matches("updatePrices +prices +no +.*");
    assertThat(out.toString().lines().filter(l -> l.startsWith("getPrices "))).singleElement().asString()
        .matches("getPrices +prices +yes +.*");
  }
}
