package com.marketplacecontracts.cli;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.http.MockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The CLI with limits-store URIs and upstream URLs a script gets wrong, and a marketplace sending rate-limit headers
 * no marketplace would: bad input exits 2 before anything is sent, and no password or token is ever printed, with
 * or without {@code --quiet}.
 */
class HostileLimitsCliTest {

  private static final String API_KEY = "ACMA:limits-cli-key";
  private static final String PASSWORD = "store-pw-0001";
  private static final String TOKEN = "upstream-token-0002";

  @RegisterExtension
  final MockServer server = new MockServer();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine line = MarketplaceCli.commandLine(env);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    assertThat(out.toString() + err.toString()).doesNotContain(API_KEY, PASSWORD, TOKEN, "limits-cli-key",
        "store-pw", "upstream-token");
    return code;
  }

  private int uinStatus(Map<String, String> env, String... options) {
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(List.of("--base-url", server.url("/").toString(), "--yandex-api-key", API_KEY,
        "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2"));
    return run(env, args.toArray(String[]::new));
  }

  @ParameterizedTest
  @ValueSource(strings = {"lease=0", "lease=-5", "lease=", "lease=abc"})
  void aLeaseThatWouldSwitchOffTheParallelCapIsBadInput(String query) {
    int code = uinStatus(Map.of(), "--limits-store", "redis://:" + PASSWORD + "@127.0.0.1:6379?" + query);

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("invalid input, nothing was sent", "--limits-store = redis://***@127.0.0.1",
        "lease: must be whole seconds from 1 to 86400");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis://:" + PASSWORD + "@my_host:6379", "redis://:" + PASSWORD + "@host:99999",
      "redis://:" + PASSWORD + "@-host:6379", "redis://:" + PASSWORD + "@host:abc",
      "redis://user:" + PASSWORD + "@my_host:6379/1"})
  void aStoreUriTheParserDislikesIsBadInputAndNeverShowsItsPassword(String uri) {
    for (boolean quiet : new boolean[] {false, true}) {
      int code = quiet ? uinStatus(Map.of("MARKETPLACE_LIMITS_STORE", uri), "--quiet")
          : uinStatus(Map.of(), "--limits-store", uri);

      assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(err.toString()).contains("--limits-store = redis://***@");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aPasswordWithSpacesAndSlashesIsMaskedWhole() {
    int code = uinStatus(Map.of(), "--quiet", "--limits-store", "redis://:a/" + PASSWORD + " b@my_host:1");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void anUnreachableStoreIsOneWarningWithoutItsPassword() throws Exception {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"items\":[]}}"));
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    int code = uinStatus(Map.of(), "--quiet", "--limits-store",
        "redis://user:" + PASSWORD + "@127.0.0.1:" + closedPort + "?lease=5");

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(err.toString()).contains("warning: limits store redis://***@127.0.0.1:" + closedPort + "?lease=***"
        + " unreachable");
  }

  @Test
  void aLimitHeaderNoMarketplaceWouldSendIsAWarningEvenWhenQuiet() {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"items\":[]}}")
        .setHeader("X-RateLimit-Resource-Limit", "1000000000000000")
        .setHeader("X-RateLimit-Resource-Remaining", "1")
        .setHeader("X-RateLimit-Resource-Until", "Fri, 31 Dec 9999 23:59:59 GMT"));

    int code = uinStatus(Map.of(), "--quiet");

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(err.toString()).contains("warning: ", "the marketplace's X-RateLimit-Resource-Limit header is outside"
        + " 1..10000000: ignored");
  }

  @Test
  void anUpstreamTokenInTheQueryIsMaskedInProgressAndErrors() {
    server.enqueue(json(404, "{}"));
    String upstream = server.url("/openapi.yaml").toString() + "?token=" + TOKEN + "&v=2";

    int code = run(Map.of(), "drift", "yandex", "--upstream", upstream);

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("Reading " + server.url("/openapi.yaml") + "?token=***&v=***",
        "answered HTTP 404");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anUpstreamPasswordIsMaskedInErrors() {
    server.enqueue(json(401, "{}"));
    String upstream = "http://reader:" + TOKEN + "@127.0.0.1:" + server.url("/").port() + "/openapi.yaml";

    int code = run(Map.of(), "--quiet", "drift", "yandex", "--upstream", upstream);

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("error: ", "http://***@127.0.0.1:");
  }
}
