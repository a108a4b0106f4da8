package com.marketplacecontracts.cli;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.internal.http.ClientRuntime;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.json.JsonTrees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import java.net.ServerSocket;
import java.util.ArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The CLI in-process: against the embedded Prism mock for every command (no credentials, no --base-url), and against
 * MockWebServer for every exit code. No credential may appear in stdout or stderr.
 */
class MarketplaceCliTest {

  private static final String API_KEY = "ACMA:cli-secret-key";
  private static final String TEEZ_TOKEN = "eyJ.cli-secret-token";

  @RegisterExtension
  final MockServer server = new MockServer();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs the CLI as in a terminal wide enough for every table (the width tests set their own COLUMNS). */
  private int run(Map<String, String> env, String... args) {
    Map<String, String> terminal = new java.util.HashMap<>(env);
    terminal.putIfAbsent("COLUMNS", "400");
    CommandLine line = MarketplaceCli.commandLine(terminal);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    assertThat(out.toString() + err.toString()).doesNotContain(API_KEY, TEEZ_TOKEN, "cli-secret");
    assertThat(err.toString()).doesNotContain("\tat ");
    return code;
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  // --- every command against the embedded Prism mock ---------------------------------------------------------------

  @Test
  void teezImportStatusWaitsAndPrintsTheJobAndItsProducts() {
    int code = run("teez", "import-status", "--job-id", "123456789", "--wait");

    assertThat(code).isZero();
    assertThat(err.toString()).contains("Using the embedded Prism mock of specs/teez/seller-api.yaml",
        "Products_GetImportStatusAsync: poll 1 after", "settled");
    assertThat(out.toString()).contains("MARKETPLACE  ID         TYPE            STATE   RAW STATE")
        .contains("TEEZ         123456789  PRODUCT_IMPORT  FAILED  Created×1, Failed×1")
        .contains("name: REQUIRED (Name is required)");
  }

  @Test
  void yandexUinStatusAsJson() {
    int code = run("--json", "yandex", "uin-status", "--campaign-id", "1234567", "--order-id", "123456789");

    assertThat(code).isZero();
    assertThat(JsonTrees.normalized(out.toString())).isEqualTo(JsonTrees.normalized("{\"checks\":["
        + "{\"marketplace\":\"YANDEX_MARKET\",\"orderId\":\"123456789\",\"lineId\":\"101\",\"kind\":\"UIN\","
        + "\"identifier\":\"1234567890123456789012345\",\"state\":\"PASSED\",\"rawState\":\"OK\"},"
        + "{\"marketplace\":\"YANDEX_MARKET\",\"orderId\":\"123456789\",\"lineId\":\"102\",\"kind\":\"MARKING_CODE\","
        + "\"identifier\":\"010460123456789021abcdefghijklm\",\"state\":\"FAILED\",\"rawState\":\"INVALID\","
        + "\"rawSubstatus\":\"NOT_PLACED_ON_MARKET\",\"checkId\":\"5f0c6a1e-crpt\","
        + "\"checkedAt\":\"2026-07-17T10:15:30+03:00\"},"
        + "{\"marketplace\":\"YANDEX_MARKET\",\"orderId\":\"123456789\",\"lineId\":\"103\",\"kind\":\"UIN\","
        + "\"identifier\":\"9876543210987654321098765\",\"state\":\"FAILED\",\"rawState\":\"FAILED\","
        + "\"rawSubstatus\":\"UIN_NO_DATA\"},"
        + "{\"marketplace\":\"YANDEX_MARKET\",\"orderId\":\"123456789\",\"lineId\":\"103\",\"kind\":\"MARKING_CODE\","
        + "\"identifier\":\"010460123456789021nopqrstuvwxy\",\"state\":\"PASSED\",\"rawState\":\"OK\"}]}"));
  }

  @Test
  void yandexUinStatusTableShowsMarkingCodesAndSubstatuses() {
    int code = run("yandex", "uin-status", "--campaign-id", "1234567", "--order-id", "123456789");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("KIND", "IDENTIFIER", "SUBSTATUS",
        "MARKING_CODE  010460123456789021abcdefghijklm  FAILED  INVALID    NOT_PLACED_ON_MARKET");
  }

  @Test
  void yandexOffersOfABusinessShowsCardStatusShopIssuesAndTheNextPageToken() {
    int code = run("yandex", "offers", "--business-id", "12345", "--card-status", "HAS_CARD_CAN_UPDATE",
        "--card-status", "no_card_need_content", "--category-id", "91597", "--vendor", "Makita", "--tag", "x",
        "--archived", "--limit", "20");

    assertThat(code).isZero();
    assertThat(err.toString()).doesNotContain("warning");
    assertThat(out.toString()).contains("SKU-4607", "Impact drill Makita HP1630, 710 W", "NEEDS_ACTION",
        "HAS_CARD_CAN_UPDATE", "campaigns[7654321]: NO_STOCKS", "100956451345",
        "next page: --page-token eyBuZXh0SWQ6IDIzNDIgfQ==");
  }

  @Test
  void yandexOffersByIdReportsTheIdsNotFound() {
    int code = run("yandex", "offers", "--business-id", "12345", "--offer-id", "SKU-4607", "--offer-id", "NOPE");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("SKU-4607");
    assertThat(err.toString()).contains("not found: NOPE");
  }

  @Test
  void yandexOffersOfABusinessRejectsLegacyOnlyOptions() {
    int code = run("yandex", "offers", "--business-id", "12345", "--status", "READY");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--status needs --campaign-id");
  }

  @Test
  void yandexOffersNeedsExactlyOneOfBusinessAndCampaign() {
    assertThat(run("yandex", "offers", "--business-id", "1", "--campaign-id", "2")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).startsWith("error: give only one of --business-id or --campaign-id, not both\n")
        .doesNotContain("Error:");
  }

  @Test
  void theLegacyCampaignListingStillWorksWithAOneLineWarning() {
    int code = run("yandex", "offers", "--campaign-id", "1234567", "--limit", "20");

    assertThat(code).isZero();
    assertThat(err.toString().lines().filter(line -> line.startsWith("warning:")).toList()).containsExactly(
        "warning: getOfferMappingEntries (yandex offers --campaign-id) was removed by the marketplace on 2026-03-12;"
            + " use yandex offers --business-id B");
  }

  @Test
  void quietKeepsTheRemovedListingWarning() {
    int code = run("--quiet", "yandex", "offers", "--campaign-id", "1234567", "--limit", "20");

    assertThat(code).isZero();
    assertThat(err.toString().lines().toList()).containsExactly(
        "warning: getOfferMappingEntries (yandex offers --campaign-id) was removed by the marketplace on 2026-03-12;"
            + " use yandex offers --business-id B");
  }

  @Test
  void yandexOffersOnePageShowsTheNextPageToken() {
    int code = run("yandex", "offers", "--campaign-id", "1234567", "--status", "READY", "--status", "need_info",
        "--availability", "ACTIVE", "--category-id", "5", "--vendor", "LEVENHUK", "--mapping-kind", "ALL",
        "--limit", "20");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("SKU/INDEX", "example", "Impact drill Makita HP1630, 710 W",
        "ASSORTMENT (example)", "next page: --page-token example");
  }

  @Test
  void yandexOffersAllPagesPrintsJsonLinesAndStopsWhenTheMockRepeatsItsToken() {
    int code = run("yandex", "offers", "--campaign-id", "1234567", "--all-pages", "--json");

    // The mock answers every page with the example token "example": a token seen before stops the listing.
    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"marketplace\":\"YANDEX_MARKET\""));
    assertThat(err.toString()).contains("page 1 done, 1 offer so far", "listing stopped",
        "handed out page token \"example\" a second time", "resume from page token \"example\"");
  }

  @Test
  void allPagesTableRowsLineUpWhateverTheirCells() {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"paging\":{\"nextPageToken\":\"p2\"},"
        + "\"offerMappingEntries\":[{\"offer\":{\"shopSku\":\"A-1\",\"name\":\"Drill\"}}]}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"offerMappingEntries\":["
        + "{\"offer\":{\"shopSku\":\"LONGER-SKU-2\",\"name\":\"Impact drill Makita HP1630, 710 W\","
        + "\"processingState\":{\"status\":\"NEED_INFO\"}}}]}}"));

    int code = run("--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY,
        "yandex", "offers", "--campaign-id", "1", "--all-pages");

    assertThat(code).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(3);
    int stateColumn = lines.get(0).indexOf("STATE");
    assertThat(lines.get(1).substring(stateColumn)).startsWith("UNKNOWN");
    assertThat(lines.get(2).substring(stateColumn)).startsWith("NEEDS_ACTION");
    assertThat(err.toString()).as("page 1 reported once its row is out").contains("page 1 done, 1 offer so far");
  }

  @Test
  void inputTheSpecRejectsNeverStartsTheEmbeddedMock() {
    int code = run("yandex", "offers", "--campaign-id", "0");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--campaign-id must be a positive whole number (1 or more), was 0")
        .doesNotContain("embedded Prism mock");
  }

  @Test
  void demoRejectsBaseUrl() {
    int code = run("--base-url", server.url("/").toString(), "demo");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("demo always runs against the embedded mock: --base-url does not apply");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aMockThatCannotStartIsALocalSetupProblem() {
    String before = System.getProperty("prism.executable");
    System.setProperty("prism.executable", "/nonexistent/prism");
    try {
      int code = run("yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

      assertThat(code).isEqualTo(ExitCodes.SETUP);
      assertThat(err.toString()).contains("the embedded mock could not start",
          "prism.executable points to /nonexistent/prism");
    } finally {
      if (before == null) {
        System.clearProperty("prism.executable");
      } else {
        System.setProperty("prism.executable", before);
      }
    }
  }

  @Test
  void eachMarketplacesHelpShowsOnlyItsOwnCredentialFlagsAndDescribesEveryOption() {
    CommandLine line = MarketplaceCli.commandLine(Map.of());
    CommandLine yandexOffers = line.getSubcommands().get("yandex").getSubcommands().get("offers");
    CommandLine teezStatus = line.getSubcommands().get("teez").getSubcommands().get("import-status");

    assertThat(yandexOffers.getUsageMessage()).contains("--yandex-api-key").doesNotContain("--teez-");
    assertThat(teezStatus.getUsageMessage()).contains("--teez-access-token").doesNotContain("--yandex-");
    List<CommandLine> all = new java.util.ArrayList<>();
    collect(line, all);
    for (CommandLine command : all) {
      command.getCommandSpec().options().forEach(option -> assertThat(String.join(" ", option.description()))
          .as("%s %s", command.getCommandSpec().qualifiedName(), option.longestName()).isNotBlank());
    }
  }

  private static void collect(CommandLine command, List<CommandLine> all) {
    all.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, all));
  }

  @Test
  void yandexOperationsWithTheGlobalOptionAfterTheCommand() {
    int code = run("yandex", "operations", "--business-id", "12345", "--type", "ORDER_RECIPIENT_UPDATE",
        "--id", "example", "--id", "other", "--quiet");

    assertThat(code).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString()).contains("YANDEX_MARKET  example  ORDER_RECIPIENT_UPDATE  IN_PROGRESS  IN_PROGRESS");
  }

  @Test
  void demoRunsAllFourFlows() {
    int code = run("demo");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("== marketplace teez import-status", "== marketplace yandex uin-status",
        "== marketplace yandex offers --business-id", "== marketplace yandex operations", "PRODUCT_IMPORT", "PASSED",
        "MARKING_CODE", "SKU-4607", "next page", "IN_PROGRESS");
    assertThat(err.toString()).contains("not found: SKU-0000").doesNotContain("warning");
  }

  // --- exit codes against MockWebServer --------------------------------------------------------------------------------

  @Test
  void credentialsFromTheEnvironmentGoToTheBaseUrl() throws Exception {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"items\":[]}}"));

    int code = run(Map.of("YANDEX_MARKET_API_KEY", API_KEY), "--base-url", server.url("/").toString(),
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(server.takeRequest().getHeader("Api-Key")).isEqualTo(API_KEY);
  }

  @Test
  void manyOrdersAreCheckedConcurrentlyWithOneResultEachAndTheWorstExitCode() throws Exception {
    String uin = "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":%d,\"uin\":[{\"value\":\"U%d\","
        + "\"status\":\"OK\"}]}]}}";
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String order = request.getPath().replaceAll(".*/orders/(\\d+)/.*", "$1");
        return order.equals("13") ? json(404, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"NOT_FOUND\"}]}")
            : json(200, String.format(uin, Long.parseLong(order), Long.parseLong(order)));
      }
    });

    int code = run("--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY, "yandex", "uin-status",
        "--campaign-id", "1", "--order-id", "11", "--order-id", "12", "--order-id", "13", "--order-id", "14",
        "--order-id", "15", "--order-id", "16");

    assertThat(code).isEqualTo(ExitCodes.REJECTED);
    assertThat(server.getRequestCount()).isEqualTo(6);
    for (String order : List.of("11", "12", "14", "15", "16")) {
      assertThat(out.toString()).contains("U" + order);
      assertThat(err.toString()).contains("order " + order + ": done");
    }
    assertThat(err.toString()).contains("order 13: failed", "error: order 13:", "NOT_FOUND");
  }

  @Test
  void moreThanAHundredOfferIdsAreLookedUpInConcurrentRequests() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"offerMappings\":[]}}"));
    }
    List<String> args = new ArrayList<>(List.of("--base-url", server.url("/").toString(),
        "--yandex-api-key", API_KEY, "yandex", "offers", "--business-id", "5"));
    for (int i = 0; i < 250; i++) {
      args.add("--offer-id");
      args.add("SKU-" + i);
    }

    int code = run(args.toArray(String[]::new));

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(err.toString()).contains("250 ids in 3 requests, up to 4 at once", "not found: SKU-0");
  }

  @Test
  void aLimitsStoreWithoutAModuleForItsSchemeIsBadInput() {
    int code = run("--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY,
        "--limits-store", "memcached://127.0.0.1:11211", "yandex", "uin-status", "--campaign-id", "1",
        "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--limits-store", "no limits store for 'memcached://'");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anUnreachableLimitsStoreIsAWarningAndTheCallGoesOn() throws Exception {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"items\":[]}}"));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    // the password in the URI must not be printed (run() checks that "cli-secret" appears nowhere)
    int code = run(Map.of("MARKETPLACE_LIMITS_STORE", "redis://:cli-secret-pw@127.0.0.1:" + closedPort),
        "--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY,
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(err.toString()).contains("warning: limits store redis://", ":" + closedPort + " unreachable");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRejectedRequestExitsWith3AndShowsTheMarketplaceCodes() {
    server.enqueue(json(403, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"FORBIDDEN\",\"message\":\"no access\"}]}"));

    int code = run("--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY,
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.REJECTED);
    assertThat(err.toString()).contains("HTTP 403", "FORBIDDEN (no access)");
  }

  @Test
  void teezProblemDetailsExitWith3() {
    server.enqueue(json(400, "{\"status\":400,\"errorCode\":\"VALIDATION_ERROR\",\"errors\":{\"JobId\":"
        + "[{\"code\":\"Invalid\",\"description\":\"unknown job\"}]}}"));

    int code = run(Map.of("TEEZ_ACCESS_TOKEN", TEEZ_TOKEN), "--base-url", server.url("/").toString(),
        "teez", "import-status", "--job-id", "9");

    assertThat(code).isEqualTo(ExitCodes.REJECTED);
    assertThat(err.toString()).contains("VALIDATION_ERROR", "JobId: Invalid (unknown job)");
  }

  @Test
  void stillRateLimitedAfterRetriesExitsWith4() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(420, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\"}]}"));
    }

    int code = run("--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY,
        "yandex", "operations", "--business-id", "1", "--type", "ORDER_STATUS_UPDATE", "--id", "x");

    assertThat(code).isEqualTo(ExitCodes.RATE_LIMITED);
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(err.toString()).contains("retrying in", "LIMIT_EXCEEDED");
  }

  @Test
  void aServerErrorExitsWith5() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(500, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\"}]}"));
    }

    int code = run("--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY, "--quiet",
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("HTTP 500", "INTERNAL_ERROR").doesNotContain("retrying");
  }

  @Test
  void anUnreadableResponseExitsWith5() {
    server.enqueue(new MockResponse().setHeader("Content-Type", "text/html").setBody("<html>oops</html>"));

    int code = run("--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY,
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("unreadable response");
  }

  @Test
  void aNetworkFailureExitsWith5SayingWhatHappenedWhere() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    }

    int code = run("--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY, "--quiet",
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).isEqualTo("error: yandex getOrderIdentifiersStatus: " + server.url("/").host() + ":"
        + server.url("/").port() + " closed the connection before its answer was complete\n");
  }

  @Test
  void invalidInputExitsWith2AndSendsNothing() {
    int code = run("--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY,
        "yandex", "offers", "--campaign-id", "1", "--offer-id", "   ");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("nothing was sent",
        "offerId[] = \"   \": must be 1 to 255 characters, not only spaces, without control characters")
        .doesNotContain("\\x00");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anUnknownOptionValueExitsWith2() {
    int code = run("yandex", "offers", "--campaign-id", "1", "--status", "BOGUS");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--status: 'BOGUS' is not one of");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aMissingRequiredOptionExitsWith2() {
    assertThat(run("teez", "import-status")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("error: --job-id N is required (see --help)");
  }

  @Test
  void debugShowsTheStackTrace() {
    server.enqueue(json(404, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"NOT_FOUND\"}]}"));
    CommandLine line = MarketplaceCli.commandLine(Map.of());
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));

    int code = line.execute("--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY, "--debug",
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.REJECTED);
    assertThat(err.toString()).contains("NotFoundException", "\tat ").doesNotContain(API_KEY);
  }

  @Test
  void helpDocumentsCommandsExitCodesAndCredentials() {
    int code = run("--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("teez", "yandex", "demo", "--base-url", "--json", "--quiet", "--version",
        "Exit codes:", "3   the marketplace rejected the request", "YANDEX_MARKET_API_KEY",
        "YANDEX_MARKET_OAUTH_TOKEN", "TEEZ_ACCESS_TOKEN", "TEEZ_CLIENT_ID");
  }

  @Test
  void versionIsTheOneTheLibrarySendsInItsUserAgent() {
    int code = run("--version");

    assertThat(code).isZero();
    assertThat(out.toString().trim()).isEqualTo("marketplace " + ClientRuntime.version());
  }

  // --- the first hour: mistakes answered with a sentence, nothing sent ------------------------------------------

  @Test
  void aBaseUrlThatIsNotAUrlIsBadInputNamingTheOption() {
    int code = run("--base-url", "not-a-url", "--yandex-api-key", API_KEY,
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "5");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--base-url = not-a-url", "absolute http:// or https:// URL")
        .doesNotContain("Exception");
  }

  @Test
  void aZeroOrNegativeIdIsRefusedBeforeSendingFromTheSpecsBound() {
    int yandex = run("--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY,
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "-5");
    int teez = run("--base-url", server.url("/").toString(), "--teez-access-token", TEEZ_TOKEN, "teez", "import-status",
        "--job-id", "0");

    assertThat(yandex).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(teez).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--order-id must be a positive whole number (1 or more), was -5",
        "--job-id must be a positive whole number (1 or more), was 0");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void tablesFitEightyColumnsByDefaultAndWideKeepsEveryCell() {
    int narrow = run(Map.of("COLUMNS", "80"), "yandex", "uin-status", "--campaign-id", "1234567", "--order-id",
        "123456789");
    String cut = out.toString();
    out.getBuffer().setLength(0);
    int wide = run(Map.of("COLUMNS", "80"), "--wide", "yandex", "uin-status", "--campaign-id", "1234567",
        "--order-id", "123456789");

    assertThat(narrow).isZero();
    assertThat(wide).isZero();
    assertThat(cut.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    // ids are never cut: the ORDER column, one value on every row, is said once; a label is cut instead
    assertThat(cut).contains("…", "010460123456789021abcdefghijklm", "9876543210987654321098765",
        "(on every row: ORDER 123456789)");
    assertThat(out.toString()).contains("010460123456789021abcdefghijklm  FAILED  INVALID    NOT_PLACED_ON_MARKET");
  }

  @Test
  void aMistypedCommandOrOptionGetsASuggestion() {
    int command = run("yandex", "ofers");
    int option = run("yandex", "offers", "--busines-id", "3");

    assertThat(command).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(option).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("unknown command 'ofers'. Did you mean 'offers'?",
        "unknown option '--busines-id'. Did you mean --business-id?");
  }
}
