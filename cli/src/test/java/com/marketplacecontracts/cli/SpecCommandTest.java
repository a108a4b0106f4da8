package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code marketplace spec import yandex --api notifications} in-process, on a small notification document and curation
 * of our own (test resources): what it writes, and what it refuses.
 */
class SpecCommandTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private static String resource(String name) throws URISyntaxException {
    return Path.of(SpecCommandTest.class.getResource("/" + name).toURI()).toString();
  }

  private int run(String... args) {
    CommandLine line = MarketplaceCli.commandLine(Map.of());
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line.execute(args);
  }

  @Test
  void apiNotificationsWritesTheCuratedNotificationSpecWithItsHeaderAndDocumentationLinks() throws Exception {
    Path output = dir.resolve("notification-api.yaml");

    int code = run("spec", "import", "yandex", "--api", "notifications", "--upstream",
        resource("notification-upstream"), "--curation", resource("notification-curation"), "--output",
        output.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("wrote " + output + ": 1 covered, 0 legacy, 0 excluded operations");
    String yaml = Files.readString(output);
    assertThat(yaml).startsWith("# The Yandex Market notifications as the project curates them.")
        .contains("--api notifications` from the marketplace's published document")
        .doesNotContain("Publisher prose", "Publisher summary", "Fixture publisher");
    JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    JsonNode post = spec.path("paths").path("/notification").path("post");
    assertThat(post.path("externalDocs").path("url").asText())
        .isEqualTo(SpecCommand.NOTIFICATION_DOCS + "notification/sendNotification");
    assertThat(post.path("x-decision").asText()).isEqualTo("covered");
    assertThat(post.path("x-delivery").path("timeout-ms").path("PING").asInt()).isEqualTo(1000);
    assertThat(spec.path("info").path("title").asText()).isEqualTo("Fixture notifications");
    assertThat(spec.path("components").path("schemas").path("NotificationType").path("enum").get(0).asText())
        .isEqualTo("PING");
  }

  @Test
  void theSameInputsWriteTheSameBytes() throws Exception {
    Path first = dir.resolve("first.yaml");
    Path second = dir.resolve("second.yaml");
    for (Path output : new Path[] {first, second}) {
      assertThat(run("spec", "import", "yandex", "--api", "notifications", "--upstream",
          resource("notification-upstream"), "--curation", resource("notification-curation"), "--output",
          output.toString())).isZero();
    }

    assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
  }

  @Test
  void apiNotificationsReadsItsOwnCurationFolderByDefault() throws Exception {
    // Run from the module folder, where no specs/yandex/notification-curation exists: the default is named.
    int code = run("spec", "import", "yandex", "--api", "notifications", "--upstream",
        resource("notification-upstream"), "--output", dir.resolve("out.yaml").toString());

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("curation folder unreadable: specs/yandex/notification-curation");
    assertThat(dir.resolve("out.yaml")).doesNotExist();
  }

  @Test
  void anUnknownApiIsBadInputNamingTheOption() throws Exception {
    int code = run("spec", "import", "yandex", "--api", "webhooks", "--upstream", resource("notification-upstream"));

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--api: must be partner or notifications, was webhooks");
  }

  @Test
  void theNotificationDocumentWithThePartnerCurationFailsNamingTheMismatch() throws Exception {
    Path curation = Files.createDirectories(dir.resolve("partner-curation"));
    Files.writeString(curation.resolve("01.yaml"), """
        overlay: 1.0.0
        info: {title: partner decisions, version: '1'}
        actions:
          - target: "$.paths['/v2/campaigns/{campaignId}/orders'].get"
            update: {x-decision: covered}
        """);

    int code = run("spec", "import", "yandex", "--api", "notifications", "--upstream",
        resource("notification-upstream"), "--curation", curation.toString(), "--output",
        dir.resolve("out.yaml").toString());

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("selects nothing");
    assertThat(dir.resolve("out.yaml")).doesNotExist();
  }
}
