package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import com.marketplacecontracts.core.http.MockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * Credentials that are half there (one of Teez's pair, an empty option or variable) are refused before anything is
 * sent: they are a mistake, not a wish for the embedded mock, which a job meant for the marketplace would then
 * write to with exit 0.
 */
class CredentialsCliTest {

  @RegisterExtension
  final MockServer server = new MockServer();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    Map<String, String> terminal = new HashMap<>(env);
    terminal.put("COLUMNS", "200");
    CommandLine line = MarketplaceCli.commandLine(terminal);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    assertThat(out.toString() + err.toString()).doesNotContain("half-secret");
    return code;
  }

  @Test
  void aTeezClientIdWithoutItsSecretIsRefusedNamingTheSecret() {
    assertThat(run(Map.of("TEEZ_CLIENT_ID", "half-secret-id"), "teez", "import-status", "--job-id", "5"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--teez-client-secret (or TEEZ_CLIENT_SECRET)", "both are needed")
        .doesNotContain("embedded mock");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aTeezSecretWithoutItsClientIdIsRefusedNamingTheClientId() {
    assertThat(run(Map.of(), "--teez-client-secret", "half-secret", "teez", "import-status", "--job-id", "5"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--teez-client-id (or TEEZ_CLIENT_ID)", "both are needed");
  }

  @Test
  void anEmptyApiKeyVariableIsRefusedInsteadOfUsingTheMock() {
    assertThat(run(Map.of("YANDEX_MARKET_API_KEY", ""), "yandex", "uin-status", "--campaign-id", "1",
        "--order-id", "2")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("YANDEX_MARKET_API_KEY", "is set but empty");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anEmptyApiKeyOptionIsRefused() {
    assertThat(run(Map.of(), "--yandex-api-key", "", "yandex", "uin-status", "--campaign-id", "1",
        "--order-id", "2")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--yandex-api-key", "must not be empty");
  }

  @Test
  void withBothYandexCredentialsTheApiKeyIsSentAndStderrSaysSo() throws Exception {
    server.enqueue(MockServer.json(200, "{\"status\":\"OK\",\"result\":{\"returns\":[]}}"));

    assertThat(run(Map.of("YANDEX_MARKET_API_KEY", "half-secret-key", "YANDEX_MARKET_OAUTH_TOKEN",
        "half-secret-token"), "--base-url", server.url("/").toString(), "yandex", "call", "getReturns", "-p",
        "campaignId=12")).isZero();

    okhttp3.mockwebserver.RecordedRequest sent = server.takeRequest();
    assertThat(sent.getHeader("Api-Key")).isEqualTo("half-secret-key");
    assertThat(sent.getHeader("Authorization")).isNull();
    assertThat(err.toString()).contains("Both Yandex credentials are set: sending the API key",
        "the OAuth token is not used");
  }
}
