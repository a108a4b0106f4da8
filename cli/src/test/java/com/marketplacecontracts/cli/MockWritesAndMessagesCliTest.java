package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.http.MockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a new user met after the first round of messages: writes sent to the embedded mock without a word, the
 * mock's reports and order answers unexplained, library field names instead of options, options ignored.
 */
class MockWritesAndMessagesCliTest {

  private static final String API_KEY = "ACMA:mock-writes-secret";

  @RegisterExtension
  final MockServer server = new MockServer();
  @TempDir
  Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, boolean stdoutTerminal, String... args) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("COLUMNS", "200");
    CommandLine line = MarketplaceCli.commandLine(all, null, stdoutTerminal);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    assertThat(out.toString() + err.toString()).doesNotContain(API_KEY);
    return code;
  }

  private int run(String... args) {
    return run(Map.of(), true, args);
  }

  private Path prices() throws Exception {
    Path file = dir.resolve("prices.csv");
    Files.writeString(file, "offerId,price,currency\nA-1,100,RUR\nA-2,200,RUR\n");
    return file;
  }

  // --- writes without credentials ------------------------------------------------------------------------------

  @Test
  void aPriceUpdateWithoutCredentialsIsRefusedNamingBothCredentialsAndMock() throws Exception {
    Path file = prices();

    int code = run("yandex", "prices", "update", "--file", file.toString(), "--business-id", "12345");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).startsWith("error: prices update changes data and no Yandex Market credentials are"
        + " set, so nothing was sent: set YANDEX_MARKET_API_KEY (or --yandex-api-key), or YANDEX_MARKET_OAUTH_TOKEN"
        + " (or --yandex-oauth-token), to send it to the marketplace, or add --mock to try it on the embedded mock\n")
        .doesNotContain("embedded Prism mock of");
    assertThat(out.toString()).isEmpty();
    assertThat(dir.resolve("prices.csv.checkpoint")).doesNotExist();
  }

  @Test
  void stocksOrderStatusAndAWritingCallAreRefusedWithoutCredentials() throws Exception {
    Path stocks = dir.resolve("stocks.csv");
    Files.writeString(stocks, "sku,count,warehouseId\nS-1,5,W1\n");

    assertThat(run("yandex", "stocks", "update", "--file", stocks.toString(), "--business-id", "1"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("yandex", "order-status", "5", "--campaign-id", "1", "--status", "PROCESSING"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("yandex", "call", "updateOrderStatuses", "-p", "campaignId=1")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("error: stocks update changes data", "error: order-status changes data",
        "error: call updateOrderStatuses changes data").doesNotContain("embedded Prism mock of");
  }

  @Test
  void aWriteThatMayBeSentTwiceIsRefusedWithoutCredentialsTooButAReadIsNot() {
    // updatePrices is x-idempotent (it may be resent) and still changes data; only x-read-only runs on the mock
    assertThat(run("yandex", "call", "updatePrices", "-p", "campaignId=1")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("error: call updatePrices changes data");
    assertThat(run("yandex", "call", "getCampaign", "-p", "campaignId=1")).isZero();
  }

  @Test
  void aMissingRequiredOptionIsNamedWithWhatToGive() {
    assertThat(run("yandex", "orders", "--business-id", "1", "--from", "2026-01-01")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("error: --to YYYY-MM-DD is required (see --help)")
        .doesNotContain("Missing required option");
  }

  @Test
  void mockSendsAWriteToTheEmbeddedMockOnPurpose() throws Exception {
    Path file = prices();

    int code = run("--mock", "yandex", "prices", "update", "--file", file.toString(), "--business-id", "12345");

    assertThat(code).isZero();
    assertThat(err.toString()).contains("Using the embedded Prism mock of", "2 accepted")
        .doesNotContain("no credentials set");
  }

  @Test
  void mockWinsOverCredentialsWhichAreThenNotUsed() {
    // a key the client refuses before sending (not ASCII): were --mock not to win, nothing could go out with it
    int code = run(Map.of("YANDEX_MARKET_API_KEY", "ACMA:\u043a\u043b\u044e\u0447"), true, "--mock", "yandex",
        "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isZero();
    assertThat(err.toString()).contains("Using the embedded Prism mock of");
  }

  @Test
  void mockAndBaseUrlTogetherAreRefused() {
    assertThat(run("--mock", "--base-url", server.url("/").toString(), "yandex", "uin-status", "--campaign-id", "1",
        "--order-id", "2")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--mock and --base-url");
    assertThat(server.getRequestCount()).isZero();
  }

  // --- the embedded mock's limits, said at once --------------------------------------------------------------

  @Test
  void aReportOnTheEmbeddedMockStopsAtOnceSayingItNeverFinishes() {
    long start = System.nanoTime();

    int code = run("yandex", "report", "united-netting", "--business-id", "1", "--from", "2026-07-01", "--to",
        "2026-07-31", "--output", dir.resolve("netting.zip").toString());

    assertThat(code).isEqualTo(ExitCodes.WAIT_TIMED_OUT);
    assertThat(err.toString()).contains("the embedded mock's report never finishes");
    assertThat(System.nanoTime() - start).isLessThan(60_000_000_000L);
    assertThat(dir.resolve("netting.zip")).doesNotExist();
  }

  @Test
  void orderStatusOnTheMockSaysWhyTheOutcomeIsUnknown() {
    int code = run("--mock", "yandex", "order-status", "51234567890", "--campaign-id", "1", "--status",
        "PROCESSING", "--substatus", "READY_TO_SHIP");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(out.toString()).contains("51234567890  UNKNOWN  the answer does not list this order. The embedded"
        + " mock answers with the spec's example");
  }

  @Test
  void callOutputRefusesAPdfAnswerThatIsNotAPdf() {
    Path pdf = dir.resolve("l.pdf");
    server.enqueue(new okhttp3.mockwebserver.MockResponse().setHeader("Content-Type", "application/pdf")
        .setBody("string"));

    int code = run(Map.of("YANDEX_MARKET_API_KEY", "k"), true, "--base-url", server.url("/").toString(), "yandex",
        "call", "generateOrderLabels", "-p", "campaignId=1", "-p", "orderId=2", "--output", pdf.toString());

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("error: generateOrderLabels: the answer was not a PDF",
        "not starting with %PDF-); nothing saved");
    assertThat(pdf).doesNotExist();
  }

  @Test
  void callOutputSavesTheMocksPdfLabel() throws Exception {
    Path pdf = dir.resolve("l.pdf");

    int code = run("yandex", "call", "generateOrderLabels", "-p", "campaignId=1", "-p", "orderId=2", "--output",
        pdf.toString());

    assertThat(code).isZero();
    assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
  }

  // --- help ----------------------------------------------------------------------------------------------------

  @Test
  void callHelpOfAnOperationListsItsParametersAndBody() {
    int code = run("yandex", "call", "getBusinessOrders", "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("Operation getBusinessOrders: POST v1/businesses/{businessId}/orders")
        .containsPattern("businessId +path +yes +integer +at least 1")
        .containsPattern("limit +query +no +integer +1 to 50")
        .containsPattern("body +body +yes +GetBusinessOrdersRequest \\(JSON\\)");
  }

  @Test
  void everyCommandWithJsonSaysItsShapeInItsHelp() {
    String[][] commands = {{"yandex", "uin-status"}, {"yandex", "offers"}, {"yandex", "operations"},
        {"yandex", "order-status"}, {"yandex", "labels"}, {"teez", "import-status"}};
    for (String[] command : commands) {
      StringWriter help = new StringWriter();
      CommandLine line = MarketplaceCli.commandLine(Map.of("COLUMNS", "200"));
      line.setOut(new PrintWriter(help, true));
      line.execute(command[0], command[1], "--help");
      assertThat(help.toString()).as(String.join(" ", command)).contains("--json: ");
    }
  }

  // --- one meaning per exit code -------------------------------------------------------------------------------

  @Test
  void anOrderNotSentExitsFiveAsABulkItemNotSent() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(MockServer.json(420, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\"}]}"));
    }

    int code = run(Map.of("YANDEX_MARKET_API_KEY", API_KEY), true, "--base-url", server.url("/").toString(),
        "--quiet", "yandex", "order-status", "11", "--campaign-id", "5", "--status", "PROCESSING");

    assertThat(out.toString()).contains("11  NOT_SENT");
    assertThat(code).isEqualTo(ExitCodes.FAILURE);
  }

  // --- option names, not library fields ------------------------------------------------------------------------

  @Test
  void libraryViolationsNameTheOptionThatSetTheField() {
    run("yandex", "report", "united-netting", "--business-id", "1", "--from", "2026-07-01", "--output",
        dir.resolve("n.zip").toString());
    run("yandex", "report", "goods-realization", "--from", "2026-07-01", "--output", dir.resolve("n.zip").toString());
    run("yandex", "offers", "--business-id", "1", "--limit", "101");
    run("--mock", "yandex", "call", "updateOrderStatuses", "-p", "campaignId=1");
    run("yandex", "call", "getCampaign", "-p", "campaignId=abc");
    // a local server: should the key check regress, the request goes nowhere real
    run("--base-url", server.url("/").toString(), "--yandex-api-key", "abc def", "yandex", "uin-status",
        "--campaign-id", "1", "--order-id", "2");

    assertThat(err.toString()).contains("  --to = (none): is required for united-netting",
        "  --campaign-id = (none): is required for goods-realization", "  --limit = 101: must be less than",
        "  --body = (none): a request body is required", "  --param campaignId = abc: must be a whole number",
        "  --yandex-api-key = ***: must be printable ASCII")
        .doesNotContain("to = null", "campaignId = null", "  limit = ", "  body = ", "  apiKey = ");
  }

  // --- messages --------------------------------------------------------------------------------------------------

  @Test
  void offersWithoutItsCatalogSaysWhichToGive() {
    assertThat(run("yandex", "offers")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).startsWith("error: give one of --business-id or --campaign-id\n");
  }

  @Test
  void aNumberTooLargeForItsOptionSaysSoWithTheMaximum() {
    assertThat(run("yandex", "offers", "--campaign-id", "99999999999999999999")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).startsWith("error: --campaign-id: '99999999999999999999' is too large (at most "
        + Long.MAX_VALUE + ")");
  }

  @Test
  void aSubstatusGivenAsStatusIsNotSuggestedAsItself() {
    assertThat(run("yandex", "order-status", "1", "--campaign-id", "1", "--status", "SHIPPED"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("SHIPPED is a substatus, not a status: give it as --substatus SHIPPED")
        .doesNotContain("Did you mean SHIPPED?");
  }

  @Test
  void anUnknownSubstatusShowsTheClosestFewNotAllOfThem() {
    assertThat(run("yandex", "order-status", "1", "--campaign-id", "1", "--status", "PROCESSING", "--substatus",
        "READY_TO_SHIPP")).isEqualTo(ExitCodes.BAD_INPUT);
    String message = err.toString().lines().findFirst().orElseThrow();
    assertThat(message).contains("Did you mean READY_TO_SHIP?", "The closest: READY_TO_SHIP",
        "--help lists them all").doesNotContain("SHOP_FAILED");
    assertThat(message.split(", ")).hasSizeLessThan(8);
  }

  @Test
  void aNotificationToNothingListeningSaysItCannotConnect() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }

    int code = run("yandex", "notifications", "send", "PING", "--to", "http://127.0.0.1:" + port + "/");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("error: no answer from http://127.0.0.1:" + port + "/: cannot connect to"
        + " 127.0.0.1:" + port).doesNotContain("ConnectException");
    assertThat(out.toString()).contains("BREAKS: cannot connect to 127.0.0.1:" + port);
  }

  // --- options that would be ignored -----------------------------------------------------------------------------

  @Test
  void timeoutWithoutWaitIsRefusedNamingBoth() {
    assertThat(run("yandex", "uin-status", "--campaign-id", "1", "--order-id", "2", "--timeout", "5"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("teez", "import-status", "--job-id", "5", "--timeout", "5")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString().lines().filter(l -> l.startsWith("error: --timeout applies only with --wait")))
        .hasSize(2);
  }

  @Test
  void operationsTagWithBusinessIdIsRefusedNamingBoth() {
    assertThat(run("yandex", "operations", "--tag", "orders", "--business-id", "1")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).startsWith("error: --tag filters the catalogue of operations, which --business-id");
  }

  // --- output --------------------------------------------------------------------------------------------------

  @Test
  void aTableToAFileOrPipeIsNotCut() {
    int code = run(Map.of("COLUMNS", "40"), false, "yandex", "operations", "--tag", "orders");

    assertThat(code).isZero();
    assertThat(out.toString().lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(40);
    assertThat(out.toString()).doesNotContain("…");
  }

  @Test
  void resumingACompletedJobSaysItHadCompletedAndPrintsTheRecordedOutcomes() throws Exception {
    Path file = prices();
    assertThat(run("--mock", "yandex", "prices", "update", "--file", file.toString(), "--business-id", "1"))
        .isZero();
    out.getBuffer().setLength(0);

    int code = run("--mock", "yandex", "prices", "update", "--file", file.toString(), "--business-id", "1",
        "--resume", "--json");

    assertThat(code).isZero();
    assertThat(err.toString()).contains("The job of this file already completed: 2 items: 2 accepted, 0 rejected,"
        + " 0 not sent; nothing is left to send.");
    assertThat(out.toString().lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"ACCEPTED\""));
  }
}
