package com.marketplacecontracts.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release gate both ways, on copies of the released 0.1.0 specs ({@code spec-baseline/}): edited specs against
 * the unedited baseline.
 */
class ReleaseGateTest {

  private static final String UIN_PATH = "  /campaigns/{campaignId}/orders/{orderId}/identifiers/status:";

  @TempDir
  Path root;

  private Path specs;
  private Path baseline;

  @BeforeEach
  void release() throws IOException {
    specs = root.resolve("specs");
    baseline = root.resolve("spec-baseline");
    Path released = Path.of(System.getProperty("mc.root", "..")).resolve("spec-baseline");
    for (String spec : new String[] {"teez/seller-api.yaml", "yandex/partner-api.yaml"}) {
      byte[] text = Files.readAllBytes(released.resolve(spec));
      Files.createDirectories(specs.resolve(spec).getParent());
      Files.createDirectories(baseline.resolve(spec).getParent());
      Files.write(specs.resolve(spec), text);
      Files.write(baseline.resolve(spec), text);
    }
    Files.writeString(baseline.resolve("VERSION"), "0.1.0\n");
    accept("accepted: []\n");
  }

  private void edit(String from, String to) throws IOException {
    Path file = specs.resolve("yandex/partner-api.yaml");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
  }

  private void accept(String yaml) throws IOException {
    Files.writeString(baseline.resolve(ReleaseGate.ACCEPTED_FILE), yaml, StandardCharsets.UTF_8);
  }

  @Test
  void unchangedSpecsPass() {
    ReleaseGate.Result result = ReleaseGate.check(specs, baseline, "0.1.0-SNAPSHOT");

    assertThat(result.passed()).as(result.message()).isTrue();
    assertThat(result.message()).isEqualTo("specs/ keep the contract of release 0.1.0 (0 breaking changes accepted)");
  }

  @Test
  void anAdditiveEditPasses() throws IOException {
    edit("    OperationResultDTO:\n      type: object\n      description: Результат выполнения.\n      properties:\n",
        "    OperationResultDTO:\n      type: object\n      description: Результат выполнения.\n      properties:\n"
            + "        createdAt:\n          type: string\n          format: date-time\n");

    ReleaseGate.Result result = ReleaseGate.check(specs, baseline, "0.1.1-SNAPSHOT");

    assertThat(result.passed()).as(result.message()).isTrue();
  }

  @Test
  void aBreakingEditFailsNamingTheOperationTheFieldAndWhy() throws IOException {
    edit("          minItems: 1\n          maxItems: 100\n", "          minItems: 1\n          maxItems: 20\n");

    ReleaseGate.Result result = ReleaseGate.check(specs, baseline, "0.2.0-SNAPSHOT");

    assertThat(result.passed()).isFalse();
    assertThat(result.failures()).containsExactly("yandex BREAKING constraint-narrowed getOperations"
        + " (POST /v1/businesses/{businessId}/operations) request body operationIds: maxItems 100 → 20: values we"
        + " accept are rejected by the marketplace");
    assertThat(result.message()).isEqualTo("""
        specs/ break consumers of release 0.1.0 (building 0.2.0-SNAPSHOT):
          yandex BREAKING constraint-narrowed getOperations (POST /v1/businesses/{businessId}/operations) \
        request body operationIds: maxItems 100 → 20: values we accept are rejected by the marketplace
        Raise the major version, or accept each change with its reason in spec-baseline/accepted-changes.yaml \
        (under 'accepted:'):
          - marketplace: yandex
            operation: getOperations
            change: constraint-narrowed
            field: "request body operationIds"
            reason: "<why consumers may take this in a minor release>"
        """);
  }

  @Test
  void aBreakingEditPassesWhenTheMajorVersionIsRaised() throws IOException {
    edit(UIN_PATH, "  /v2" + UIN_PATH.substring(2));

    ReleaseGate.Result result = ReleaseGate.check(specs, baseline, "1.0.0-SNAPSHOT");

    assertThat(result.passed()).as(result.message()).isTrue();
    assertThat(result.accepted()).singleElement().asString().contains("path-moved").endsWith("major version raised");
  }

  /** The edits of "Yandex Market as it is today": the UIN id moves to /v2, limits in the marketplace's terms. */
  @Test
  void todaysEditsPassOnceTheMoveIsAcceptedWithAReason() throws IOException {
    edit(UIN_PATH, "  /v2" + UIN_PATH.substring(2));
    edit("      x-rate-limit:\n        requests: 100000\n        per: hour\n", """
              x-resource-limit-config:
                path: resp
                none:
                  amount: 1000
                  period: hours
                  period-duration: 1
                medium:
                  amount: 1000
                  period: hours
                  period-duration: 1
        """);
    ReleaseGate.Result unaccepted = ReleaseGate.check(specs, baseline, "0.2.0-SNAPSHOT");
    assertThat(unaccepted.failures()).singleElement().asString().startsWith(
        "yandex BREAKING path-moved getOrderIdentifiersStatus");

    accept("""
        accepted:
          - marketplace: yandex
            operation: getOrderIdentifiersStatus
            change: path-moved
            reason: the marketplace switches the unversioned path off; the legacy path keeps its own operation
        """);
    ReleaseGate.Result result = ReleaseGate.check(specs, baseline, "0.2.0-SNAPSHOT");

    assertThat(result.passed()).as(result.message()).isTrue();
    assertThat(result.accepted()).singleElement().asString()
        .endsWith("accepted: the marketplace switches the unversioned path off; the legacy path keeps its own"
            + " operation");
  }

  @Test
  void anAcceptedChangeNeedsAReasonAndMustStillExist() throws IOException {
    edit(UIN_PATH, "  /v2" + UIN_PATH.substring(2));
    accept("""
        accepted:
          - marketplace: yandex
            operation: getOrderIdentifiersStatus
            change: path-moved
            reason: ""
          - marketplace: yandex
            operation: getOperations
            change: operation-removed
            reason: was removed once
        """);

    ReleaseGate.Result result = ReleaseGate.check(specs, baseline, "0.2.0-SNAPSHOT");

    assertThat(result.failures()).containsExactly(
        "accepted-changes.yaml: getOrderIdentifiersStatus path-moved has no reason",
        "accepted-changes.yaml: yandex getOperations operation-removed matches no breaking change any more:"
            + " remove it");
  }

  @Test
  void aRemovedSpecFileFails() throws IOException {
    Files.delete(specs.resolve("teez/seller-api.yaml"));

    assertThat(ReleaseGate.check(specs, baseline, "0.2.0-SNAPSHOT").failures())
        .containsExactly("teez: teez/seller-api.yaml was removed: every operation of it is gone for consumers");
  }
}
