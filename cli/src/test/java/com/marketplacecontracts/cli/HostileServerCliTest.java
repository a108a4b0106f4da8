package com.marketplacecontracts.cli;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.http.MockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The CLI against servers that misbehave on purpose (the library-level cases are in contract-tests'
 * {@code HostileServerTest}): what reaches the terminal, exit codes, options a script gets wrong. No secret may
 * appear in stdout or stderr, and no escape character may reach either.
 */
class HostileServerCliTest {

  private static final String API_KEY = "ACMA:hostile-cli-key";
  private static final char ESC = 0x1b;

  @RegisterExtension
  final MockServer server = new MockServer();

  @RegisterExtension
  final MockServer elsewhere = new MockServer();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine line = MarketplaceCli.commandLine(env);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    String printed = out.toString() + err.toString();
    assertThat(printed).doesNotContain(API_KEY, "hostile-cli-key");
    assertThat(printed.chars().filter(c -> c == ESC || (c >= 0x80 && c <= 0x9f)).count())
        .as("control characters printed").isZero();
    return code;
  }

  private String base() {
    return server.url("/").toString();
  }

  @Test
  void ansiEscapesInAnErrorMessageAreShownNotObeyed() {
    server.enqueue(json(403, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"FORBIDDEN\",\"message\":\""
        + "\\u001b[2J\\u001b]0;pwned\\u0007no access\\u009b31m\"}]}"));

    int code = run(Map.of(), "--base-url", base(), "--yandex-api-key", API_KEY,
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.REJECTED);
    assertThat(err.toString()).contains("\\x1b[2J", "\\x1b]0;pwned\\x07no access\\x9b31m");
  }

  @Test
  void ansiEscapesInDataAreNeutralisedInTablesAndJson() {
    String body = "{\"status\":\"OK\",\"result\":{\"operations\":[{\"id\":\"op\\u001b[31m\\u202e\","
        + "\"type\":\"ORDER_STATUS_UPDATE\",\"status\":\"DONE\\u009b\"}]}}";
    server.enqueue(json(200, body));
    server.enqueue(json(200, body));

    int table = run(Map.of(), "--base-url", base(), "--yandex-api-key", API_KEY,
        "yandex", "operations", "--business-id", "1", "--type", "ORDER_STATUS_UPDATE", "--id", "op");
    int json = run(Map.of(), "--json", "--base-url", base(), "--yandex-api-key", API_KEY,
        "yandex", "operations", "--business-id", "1", "--type", "ORDER_STATUS_UPDATE", "--id", "op");

    assertThat(table).isZero();
    assertThat(json).isZero();
    assertThat(out.toString()).contains("op\\x1b[31m\\u202e", "\"op\\u001b[31m\\u202e\"", "DONE\\u009b")
        .doesNotContain("\u202e");
  }

  @Test
  void longErrorMessagesAreTruncated() {
    // 50 000 characters: parsed (inside the error-body prefix), the message cut; 250 000: past the prefix, so the
    // body is not the documented shape and only a cut raw body is shown.
    for (int length : new int[] {50_000, 250_000}) {
      server.enqueue(json(400, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"BAD\",\"message\":\""
          + "x".repeat(length) + "\"}]}"));
      err.getBuffer().setLength(0);

      int code = run(Map.of(), "--base-url", base(), "--yandex-api-key", API_KEY,
          "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

      assertThat(code).isEqualTo(ExitCodes.REJECTED);
      assertThat(err.toString().length()).as("stderr for a %d-character message", length).isLessThan(2_500);
      assertThat(err.toString()).contains("chars, truncated");
    }
  }

  @Test
  void anApiKeyWithANewlineIsBadInputAndIsNotPrinted() {
    int code = run(Map.of("YANDEX_MARKET_API_KEY", API_KEY + "\n"), "--base-url", base(),
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--yandex-api-key = ***: must be printable ASCII");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anAbsurdRetryAfterIsARateLimitExit() {
    server.enqueue(json(420, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\"}]}")
        .setHeader("Retry-After", "99999999999999999999"));

    int code = run(Map.of(), "--base-url", base(), "--yandex-api-key", API_KEY, "--quiet",
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.RATE_LIMITED);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aHugeOrNegativeTimeoutIsBadInput() {
    for (String value : new String[] {"9223372036854775807", "-3", "0", "soon"}) {
      int code = run(Map.of(), "--base-url", base(), "--yandex-api-key", API_KEY, "yandex", "operations",
          "--business-id", "1", "--type", "ORDER_STATUS_UPDATE", "--id", "x", "--wait", "--timeout", value);
      assertThat(code).as(value).isEqualTo(ExitCodes.BAD_INPUT);
    }
    assertThat(err.toString()).contains("--timeout: must be from 1 to 86400 seconds");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void waitThatRunsOutOfTimeHasItsOwnExitCodeAndJsonField() {
    for (int i = 0; i < 10; i++) {
      server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"operations\":[{\"id\":\"x\","
          + "\"type\":\"ORDER_STATUS_UPDATE\",\"status\":\"IN_PROGRESS\"}]}}"));
    }

    int code = run(Map.of(), "--json", "--base-url", base(), "--yandex-api-key", API_KEY, "yandex", "operations",
        "--business-id", "1", "--type", "ORDER_STATUS_UPDATE", "--id", "x", "--wait", "--timeout", "1");

    assertThat(code).isEqualTo(ExitCodes.WAIT_TIMED_OUT);
    assertThat(out.toString()).contains("\"settled\":false", "IN_PROGRESS");
    assertThat(err.toString()).contains("gave up waiting, exit 6");
    assertThat(server.getRequestCount()).isBetween(2, 3);
  }

  @Test
  void aCrossOriginRedirectIsAFailureExitAndNothingFollows() {
    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", elsewhere.url("/steal")));

    int code = run(Map.of(), "--base-url", base(), "--yandex-api-key", API_KEY,
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("redirect not followed", "another origin");
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void helpDocumentsTheWaitExitCode() {
    run(Map.of(), "--help");
    assertThat(out.toString()).contains("6   --wait gave up");
  }

  // --- rows of --all-pages, a key echoed where OkHttp quotes the answer, broken lengths, many tiny values ----------

  /** Two pages whose SKU and name hold an ANSI escape, BEL, a C1 control, a bidi override and a lone surrogate. */
  private void hostilePages() {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"paging\":{\"nextPageToken\":\"p2\"},"
        + "\"offerMappingEntries\":[{\"offer\":{\"shopSku\":\"A\\u001b[2J-1\",\"name\":\"Drill\\u0007\\u009b31m"
        + "\\u202e\\ud800\"}}]}}"));
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"offerMappingEntries\":[{\"offer\":{\"shopSku\":"
        + "\"B-2\\u001b]0;pwned\\u0007\",\"name\":\"\\udc00\\u2066x\"}}]}}"));
  }

  @Test
  void tableRowsAreCutToTheTerminalWidthWithAnEllipsis() {
    hostilePages();

    int code = run(Map.of("COLUMNS", "70"), "--base-url", base(), "--yandex-api-key", API_KEY,
        "yandex", "offers", "--campaign-id", "1", "--all-pages");

    assertThat(code).isZero();
    assertThat(out.toString().lines()).isNotEmpty().allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(70));
    // the SKUs (ids) whole, the name cut
    assertThat(out.toString()).contains("A\\x1b[2J-1", "B-2\\x1b]0;pwned\\x07");
    assertThat(out.toString()).contains("…").doesNotContain("Drill\\x07\\x9b31m\\u202e\\ud800");
  }

  @Test
  void allPagesTableRowsShowControlCharactersAsEscapes() {
    hostilePages();

    int code = run(Map.of(), "--base-url", base(), "--yandex-api-key", API_KEY,
        "yandex", "offers", "--campaign-id", "1", "--all-pages", "--wide");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("A\\x1b[2J-1", "Drill\\x07\\x9b31m\\u202e\\ud800",
        "B-2\\x1b]0;pwned\\x07", "\\udc00\\u2066x").doesNotContain("\u202e", "\u2066", "\u0007");
    assertThat(out.toString().chars().filter(c -> Character.isSurrogate((char) c)).count()).as("lone surrogates").isZero();
  }

  @Test
  void allPagesJsonLinesShowControlCharactersAsEscapes() {
    hostilePages();

    int code = run(Map.of(), "--json", "--base-url", base(), "--yandex-api-key", API_KEY,
        "yandex", "offers", "--campaign-id", "1", "--all-pages");

    assertThat(code).isZero();
    assertThat(out.toString().lines()).hasSize(2);
    // JSON escapes for what a terminal acts on; a lone surrogate has no UTF-8 form: the JSON writer puts "?".
    assertThat(out.toString()).contains("\"A\\u001b[2J-1\"", "\"Drill\\u0007\\u009b31m\\u202e?\"",
        "\"B-2\\u001b]0;pwned\\u0007\"", "\"?\\u2066x\"").doesNotContain("\u202e", "\u2066", "\u0007");
    assertThat(out.toString().chars().filter(c -> Character.isSurrogate((char) c)).count()).as("lone surrogates").isZero();
  }

  @Test
  void aStatusLineEchoingTheKeyIsMaskedOnStderrEvenWithDebug() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setStatus("HTTP/1.1 2x0 " + API_KEY));
    }

    int code = run(Map.of(), "--debug", "--base-url", base(), "--yandex-api-key", API_KEY,
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("Unexpected status line: HTTP/1.1 2x0 ***", "retrying in",
        "Caused by: java.net.ProtocolException");
  }

  @Test
  void aNegativeContentLengthIsAFailureExitNotAnInternalError() {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"items\":[]}}").setHeader("Content-Length", "-5"));

    int code = run(Map.of(), "--base-url", base(), "--yandex-api-key", API_KEY,
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("unreadable response", "Content-Length is not one byte count: -5")
        .doesNotContain("internal failure");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aBodyOfMillionsOfTinyValuesIsAFailureExitNamingTheBound() {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"items\":[" + "{},".repeat(1_100_000) + "{}]}}"));

    int code = run(Map.of(), "--base-url", base(), "--yandex-api-key", API_KEY,
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("more than 1000000 JSON values", "ResponseLimits.maxJsonValues");
  }
}
