package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code marketplace drift} in-process: formats, --fail-on exit codes, bad input and an unreadable upstream. */
class DriftCommandTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path upstream;

  @BeforeEach
  void publishedSpecEqualToOurs() throws IOException {
    upstream = dir.resolve("published/openapi.yaml");
    Files.createDirectories(upstream.getParent());
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(
        "META-INF/marketplace-contracts/specs/yandex/partner-api.yaml")) {
      Files.write(upstream, in.readAllBytes());
    }
  }

  private void moveOperationsPath() throws IOException {
    String text = Files.readString(upstream, StandardCharsets.UTF_8);
    assertThat(text).contains("  /v1/businesses/{businessId}/operations:");
    Files.writeString(upstream, text.replace("  /v1/businesses/{businessId}/operations:",
        "  /v2/businesses/{businessId}/operations:"), StandardCharsets.UTF_8);
  }

  private int run(String... args) {
    CommandLine line = MarketplaceCli.commandLine(Map.of());
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line.execute(args);
  }

  @Test
  void noDifferencePassesEveryLevel() {
    assertThat(run("drift", "yandex", "--upstream", upstream.getParent().toString(), "--fail-on", "any"))
        .isEqualTo(0);
    assertThat(out.toString()).contains(" operations compared\nNo differences.\n");
  }

  @Test
  void aBreakingChangeFailsFailOnBreakingWithExitOne() throws IOException {
    moveOperationsPath();

    int code = run("drift", "--marketplace", "yandex", "--upstream", upstream.toString(), "--fail-on", "breaking");

    assertThat(code).isEqualTo(DriftCommand.DRIFT);
    assertThat(out.toString()).contains("breaking  path-moved  getOperations")
        .contains("1 breaking, 0 scheduled, 0 degraded, 0 compatible");
    assertThat(err.toString()).contains("drift at the --fail-on breaking level");
  }

  @Test
  void withoutFailOnTheReportExitsZero() throws IOException {
    moveOperationsPath();

    assertThat(run("drift", "yandex", "--upstream", upstream.toString(), "--format", "markdown")).isEqualTo(0);
    assertThat(out.toString()).startsWith("### Spec drift").contains("| breaking | path-moved |");
  }

  @Test
  void jsonForScripts() throws IOException {
    moveOperationsPath();

    assertThat(run("drift", "yandex", "--upstream", upstream.toString(), "--json")).isEqualTo(0);
    assertThat(out.toString()).startsWith("{").contains("\"change\": \"PATH_MOVED\"");
  }

  @Test
  void anUnreadableUpstreamIsAClearErrorWithExitFive() {
    int code = run("drift", "yandex", "--upstream", dir.resolve("missing.yaml").toString());

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("error: upstream spec not found: " + dir.resolve("missing.yaml"))
        .doesNotContain("\tat ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void badInputIsExitTwo() {
    assertThat(run("drift", "ozon", "--upstream", upstream.toString())).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("marketplace: must be teez or yandex, was ozon");

    assertThat(run("drift", "yandex", "--upstream", upstream.toString(), "--format", "html"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("drift", "yandex", "--upstream", upstream.toString(), "--fail-on", "sometimes"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("drift", "--upstream", upstream.toString())).isEqualTo(ExitCodes.BAD_INPUT);
  }
}
