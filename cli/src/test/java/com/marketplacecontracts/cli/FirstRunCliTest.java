package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.http.MockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a new user ran into, in-process: mistakes reported in words with the nearest known name, values and network
 * failures without Java's words, tables that never cut an id, a listing stopped by its guards, the help's layout, and
 * the mock served in the foreground.
 */
class FirstRunCliTest {

  private static final String API_KEY = "ACMA:first-run-secret";

  @RegisterExtension
  final MockServer server = new MockServer();
  @TempDir
  Path dir;
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("COLUMNS", "200");
    CommandLine line = MarketplaceCli.commandLine(all);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    assertThat(out.toString() + err.toString()).doesNotContain(API_KEY, "first-run-secret");
    assertThat(err.toString()).doesNotContain("\tat ", "Exception");
    return code;
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  private String base() {
    return server.url("/").toString();
  }

  // --- mistakes ------------------------------------------------------------------------------------------------

  @Test
  void aMistypedOptionIsReportedBeforeTheRequiredOneItHides() {
    int code = run("yandex", "uin-status", "--campaign-id", "1", "--ordr-id", "5");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).startsWith("error: unknown option '--ordr-id'. Did you mean --order-id?")
        .doesNotContain("Missing required");
  }

  @Test
  void aMistypedGlobalOptionGetsASuggestion() {
    int code = run("--bse-url", "http://x", "yandex", "orders", "--business-id", "1", "--from", "2026-01-01",
        "--to", "2026-01-02");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).startsWith("error: unknown option '--bse-url'. Did you mean --base-url?");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aMistypedCommandIsAnUnknownCommandWithTheNearestOne() {
    int root = run("yandx", "orders");
    String rootErr = err.toString();
    int sub = run("yandex", "ordrs", "--business-id", "1");

    assertThat(root).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(sub).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(rootErr).startsWith("error: unknown command 'yandx'. Did you mean 'yandex'?")
        .doesNotContain("Unmatched");
    assertThat(err.toString()).startsWith("error: unknown command 'ordrs'. Did you mean 'orders'?");
  }

  @Test
  void anUnknownOperationIsNamedWithTheNearestOneNotTheJavaApi() {
    int code = run("yandex", "call", "getCampaignz");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).startsWith("error: unknown operation 'getCampaignz'. Did you mean getCampaigns?")
        .contains("marketplace yandex operations").doesNotContain("operationIndex");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void valuesAreRefusedInWordsNamingTheOption() {
    int date = run("yandex", "orders", "--business-id", "1", "--from", "15.01.2026", "--to", "2026-01-02");
    String dateErr = err.toString();
    int number = run("yandex", "orders", "--business-id", "abc", "--from", "2026-01-01", "--to", "2026-01-02");

    assertThat(date).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(number).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(dateErr).startsWith("error: --from: '15.01.2026' is not a date (YYYY-MM-DD)")
        .doesNotContain("java.", "DateTimeParse");
    assertThat(err.toString()).startsWith("error: --business-id: 'abc' is not a whole number")
        .doesNotContain("long");
  }

  @Test
  void aRefusedConnectionIsSaidAsHostAndPortAndExitsWithTheNetworkCode() throws IOException {
    int port = refusedPort();

    int code = run("--base-url", "http://127.0.0.1:" + port + "/", "--yandex-api-key", API_KEY, "yandex", "orders",
        "--business-id", "1", "--from", "2026-01-01", "--to", "2026-01-02");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    // each retry and the final error say the failure in the same words
    String words = "cannot connect to 127.0.0.1:" + port;
    assertThat(err.toString().lines().filter(l -> l.contains("attempt"))).hasSizeGreaterThan(1)
        .allMatch(l -> l.matches("getBusinessOrders: attempt \\d failed \\(" + words + "\\), retrying in .*"));
    assertThat(err.toString().lines().filter(l -> l.startsWith("error:")))
        .containsExactly("error: yandex getBusinessOrders: " + words);
  }

  @Test
  void eachOrderOfSeveralThatCannotConnectIsSaidInTheSameWords() throws IOException {
    int port = refusedPort();

    int code = run("--base-url", "http://127.0.0.1:" + port + "/", "--yandex-api-key", API_KEY, "yandex",
        "uin-status", "--campaign-id", "1", "--order-id", "5", "--order-id", "6");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString().lines().filter(l -> l.startsWith("error:"))).containsExactlyInAnyOrder(
        "error: order 5: yandex getOrderIdentifiersStatus: cannot connect to 127.0.0.1:" + port,
        "error: order 6: yandex getOrderIdentifiersStatus: cannot connect to 127.0.0.1:" + port);
  }

  @Test
  void aServerErrorIsSaidInTheSameWordsByEachRetryAndTheFinalError() {
    for (int i = 0; i < 10; i++) {
      server.enqueue(MockServer.json(503, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"DOWN\"}]}"));
    }

    int code = run("--base-url", base(), "--yandex-api-key", API_KEY, "yandex", "uin-status", "--campaign-id", "1",
        "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString().lines().filter(l -> l.contains("attempt"))).hasSizeGreaterThan(1)
        .allMatch(l -> l.contains("failed (HTTP 503: marketplace server error), retrying in"));
    assertThat(err.toString()).contains("error: yandex getOrderIdentifiersStatus: HTTP 503: marketplace server error");
  }

  @Test
  void anIdBelowOneIsRefusedNamingItsOptionBeforeAnyProgressAndNothingIsSent() {
    String[][] runs = {
        {"yandex", "uin-status", "--campaign-id", "0", "--order-id", "1"},
        {"yandex", "uin-status", "--campaign-id", "1", "--order-id", "5", "--order-id", "-3"},
        {"yandex", "order-status", "1", "0", "--campaign-id", "5", "--status", "PROCESSING"},
        {"yandex", "order-status", "1", "--campaign-id", "0", "--status", "PROCESSING"},
        {"yandex", "orders", "--business-id", "7", "--from", "2026-01-01", "--to", "2026-01-02", "--campaign-id",
            "0"},
        {"yandex", "orders", "--business-id", "0", "--from", "2026-01-01", "--to", "2026-01-02"},
        {"yandex", "labels", "31", "--campaign-id", "0", "--output", dir.toString()},
        {"yandex", "offers", "--business-id", "0"}};
    String[] named = {"--campaign-id", "--order-id", "ORDER", "--campaign-id", "--campaign-id", "--business-id",
        "--campaign-id", "--business-id"};
    String[] was = {"0", "-3", "0", "0", "0", "0", "0", "0"};
    for (int i = 0; i < runs.length; i++) {
      String[] args = new String[runs[i].length + 2];
      args[0] = "--base-url";
      args[1] = base();
      System.arraycopy(runs[i], 0, args, 2, runs[i].length);

      int code = run(args);

      assertThat(code).as(String.join(" ", runs[i])).isEqualTo(ExitCodes.BAD_INPUT);
      // the first line on stderr: no progress (where requests go, windows) before it; stdout stays empty
      assertThat(err.toString()).as(String.join(" ", runs[i])).startsWith("error: " + named[i]
          + " must be a positive whole number (1 or more), was " + was[i] + "\n");
      assertThat(out.toString()).as(String.join(" ", runs[i])).isEmpty();
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aCommandGroupWithoutItsCommandListsItsCommands() {
    int yandex = run("yandex");
    String yandexErr = err.toString();
    int prices = run("yandex", "prices");

    assertThat(yandex).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(prices).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(yandexErr).startsWith("error: choose a command: uin-status, offers, operations, call, orders,"
        + " order-status, labels, report, stocks, prices or notifications\n").doesNotContain("Missing required");
    assertThat(err.toString()).startsWith("error: choose a command: update\n");
  }

  @Test
  void theOrderListOffersAndSuggestsOnlyTheStatusesItTakesAsFilters() {
    assertThat(run("yandex", "orders", "--help")).isZero();
    String help = out.toString();
    int typo = run("yandex", "orders", "--business-id", "1", "--from", "2026-01-01", "--to", "2026-01-02",
        "--status", "PLACNG");
    String typoErr = err.toString();
    int refused = run("yandex", "orders", "--business-id", "1", "--from", "2026-01-01", "--to", "2026-01-02",
        "--status", "placing");

    assertThat(help).contains("PROCESSING", "DELIVERED").doesNotContain("PLACING", "UNKNOWN", "PENDING",
        "RESERVED");
    assertThat(typo).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(typoErr).doesNotContain("Did you mean PLACING").doesNotContain("PLACING,");
    assertThat(refused).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).startsWith("error: --status: 'placing' is refused by the order list as a filter;"
        + " filter on one of UNPAID, PROCESSING");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anUnknownOperationsTagExits2ListingTheTags() {
    int none = run("yandex", "operations", "--tag", "nosuch");
    String noneErr = err.toString();
    int close = run("yandex", "operations", "--tag", "order");

    assertThat(none).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(close).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(noneErr).contains("--tag: 'nosuch' is not an API of the spec. The tags are: ", "orders", "prices",
        "stocks");
    assertThat(err.toString()).contains("Did you mean orders?");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void orderStatusOffersOnlyTargetStatusesAndSuggestsTheSubstatus() {
    int help = run("yandex", "order-status", "--help");
    String helpOut = out.toString();
    int placing = run("yandex", "order-status", "1", "--campaign-id", "1", "--status", "PLACING");
    String placingErr = err.toString();
    int shipped = run("yandex", "order-status", "1", "--campaign-id", "1", "--status", "shiped");

    assertThat(help).isZero();
    String offered = helpOut.substring(helpOut.indexOf("--status=S  "), helpOut.indexOf("--substatus=SS  "));
    assertThat(offered).contains("PROCESSING").doesNotContain("PLACING", "UNKNOWN");
    assertThat(placing).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(placingErr).contains("--status: 'PLACING' is not one of");
    assertThat(shipped).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("Did you mean SHIPPED?", "--substatus SHIPPED");
    assertThat(server.getRequestCount()).isZero();
  }

  // --- tables --------------------------------------------------------------------------------------------------

  @Test
  void atEightyColumnsIdsAndQuotasStayWholeAndAConstantColumnIsSaidOnce() {
    int code = run(Map.of("COLUMNS", "80"), "yandex", "operations", "--tag", "orders");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("getOrderIdentifiersStatusUnversioned", "updateOrderStatuses",
        "10000 answered/h", "(on every row: API orders)").doesNotContain("API  ");
    assertThat(out.toString().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
  }

  @Test
  void aLongOfferIdIsNeverCutTheNameIs() {
    server.enqueue(MockServer.json(200, "{\"status\":\"OK\",\"result\":{\"offerMappings\":[{\"offer\":{\"offerId\":"
        + "\"SKU-0123456789-ABCDEFGHIJ-long\",\"name\":\"A drill with a very long name that does not fit anywhere at"
        + " all\"},\"mapping\":{\"marketSku\":100956451345}}]}}"));

    int code = run(Map.of("COLUMNS", "80"), "--base-url", base(), "--yandex-api-key", API_KEY, "yandex", "offers",
        "--business-id", "1");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("SKU-0123456789-ABCDEFGHIJ-long", "100956451345", "…")
        .doesNotContain("does not fit anywhere");
    assertThat(out.toString().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
  }

  @Test
  void aServerRepeatingItsPageTokenStopsTheOrdersWithOneWarningAndWhatWasRead() {
    String page = "{\"orders\":[{\"orderId\":%d,\"campaignId\":5,\"status\":\"PROCESSING\"}],"
        + "\"paging\":{\"nextPageToken\":\"again\"}}";
    server.enqueue(MockServer.json(200, String.format(page, 1)));
    server.enqueue(MockServer.json(200, String.format(page, 123456789012345L)));

    int code = run("--base-url", base(), "--yandex-api-key", API_KEY, "yandex", "orders", "--business-id", "7",
        "--from", "2026-06-01", "--to", "2026-06-02");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString().lines().filter(l -> l.startsWith("warning:"))).singleElement().asString()
        .contains("stopped after page 2", "page token \"again\"", "--from, --to");
    assertThat(err.toString()).doesNotContain("--page-token");
    // the ORDER column is as wide as its widest id
    assertThat(out.toString().lines()).containsSubsequence(
        "ORDER            SHOP  STATUS      SUBSTATUS  CREATED  LINES  PAYMENT",
        "1                5     PROCESSING                      0",
        "123456789012345  5     PROCESSING                      0");
  }

  // --- help ----------------------------------------------------------------------------------------------------

  @Test
  void theHelpKeepsCredentialsAndEnvironmentApartWithinEightyColumns() {
    int code = run("--help");

    assertThat(code).isZero();
    String help = out.toString();
    assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(help.indexOf("Environment:")).isGreaterThan(help.indexOf("Credentials"));
    assertThat(help.substring(help.indexOf("Environment:"))).contains("MARKETPLACE_HOME", "MARKETPLACE_LIMITS_STORE");
    assertThat(help.substring(help.indexOf("Credentials"), help.indexOf("Environment:")))
        .doesNotContain("MARKETPLACE_");
    // every variable's text starts in the same column
    assertThat(help.lines().filter(l -> l.matches("  [A-Z_]{5,} +\\S.*")).map(l -> l.replaceFirst("^  [A-Z_]+ +", "")
        .length() - l.length()).distinct()).hasSize(help.lines().filter(l -> l.matches("  [A-Z_]{5,} +\\S.*"))
        .map(l -> l.indexOf(l.replaceFirst("^  [A-Z_]+ +", ""))).distinct().toList().size());
    assertThat(help.lines().filter(l -> l.matches("  [A-Z_]{5,} +\\S.*"))
        .map(l -> l.length() - l.replaceFirst("^  [A-Z_]+ +", "").length()).distinct()).containsExactly(29);
    assertThat(help.lines().filter(l -> l.startsWith("  drift"))).singleElement().asString().endsWith(".");
  }

  @Test
  void aBulkCommandsHelpSaysWhatItsJsonIsWithoutPaging() {
    int code = run("yandex", "prices", "update", "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).doesNotContain("--all-pages").contains("--checkpoint=PATH|NAME", "--resume",
        "with --json a JSON line");
  }

  // --- the embedded mock ---------------------------------------------------------------------------------------

  @Test
  void onTheEmbeddedMockOrdersEndAndLabelsAreSavedAsAPdf() throws Exception {
    int orders = run("yandex", "orders", "--business-id", "1", "--from", "2026-01-01", "--to", "2026-01-02");
    String ordersOut = out.toString();
    String ordersErr = err.toString();
    int labels = run("yandex", "labels", "123456789", "--campaign-id", "1", "--output", dir.toString());

    // the mock's example is the last page: the listing ends there, no guard has to stop it
    assertThat(orders).isZero();
    assertThat(ordersErr).doesNotContain("warning:");
    assertThat(ordersOut).contains("123456789", "123456790");
    assertThat(labels).isZero();
    try (var saved = Files.list(dir)) {
      Path pdf = saved.filter(f -> f.toString().endsWith(".pdf")).findFirst().orElseThrow();
      assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("%PDF-");
    }
  }

  @Test
  void labelsThatAreNotAPdfAreNotSaved() throws Exception {
    server.enqueue(new okhttp3.mockwebserver.MockResponse().setHeader("Content-Type", "application/pdf")
        .setBody("string"));

    int labels = run(Map.of("YANDEX_MARKET_API_KEY", "k"), "--base-url", server.url("/").toString(), "yandex",
        "labels", "1", "--campaign-id", "1", "--output", dir.toString());

    assertThat(labels).isEqualTo(ExitCodes.FAILURE);
    // a failed order is an error: on stderr, not among the results
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("the answer was not a PDF");
    try (var saved = Files.list(dir)) {
      assertThat(saved).as("nothing saved").isEmpty();
    }
  }

  @Test
  void mockServesTheSpecInTheForegroundUntilStopped() throws Exception {
    int port = refusedPort();
    StringWriter mockOut = new StringWriter();
    CommandLine line = MarketplaceCli.commandLine(Map.of());
    line.setOut(new PrintWriter(mockOut, true));
    line.setErr(new PrintWriter(new StringWriter(), true));
    AtomicInteger code = new AtomicInteger(-1);
    int at = port;
    Thread serving = new Thread(() -> code.set(line.execute("mock", "yandex", "--port", Integer.toString(at))));
    serving.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!mockOut.toString().contains("http://") && System.nanoTime() < deadline && serving.isAlive()) {
      Thread.sleep(50);
    }
    assertThat(mockOut.toString().strip()).isEqualTo("http://127.0.0.1:" + port);
    HttpURLConnection get = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/v2/campaigns").toURL()
        .openConnection();
    get.setRequestProperty("Api-Key", "mock");
    assertThat(get.getResponseCode()).isEqualTo(200);
    get.disconnect();
    assertThat(serving.isAlive()).as("still serving").isTrue();

    serving.interrupt();
    serving.join(20_000);

    assertThat(code.get()).isZero();
    assertThat(mockOut.toString().lines()).hasSize(1);
    assertThat(portFree(port)).as("the mock stopped").isTrue();
  }

  private static boolean portFree(int port) {
    try (ServerSocket free = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A loopback port nothing listens on: bound on loopback and let go, so a connection to it is refused. */
  private static int refusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
