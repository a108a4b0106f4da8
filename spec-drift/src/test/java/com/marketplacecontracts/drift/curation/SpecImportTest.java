package com.marketplacecontracts.drift.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import on a small multi-file document of our own: structure kept, prose gone, curation applied, repeatable. */
class SpecImportTest {

  private static final String BOTH = """
        - target: "$.paths['/v1/shops/{shopId}/orders'].post"
          update: {x-decision: covered, x-idempotent: true}
        - target: "$.paths['/v1/shops/{shopId}/items'].get"
          update: {x-decision: excluded, x-decision-reason: not needed by sellers}
      """;

  @TempDir
  Path dir;

  private static String fixture() throws URISyntaxException {
    return Path.of(SpecImportTest.class.getResource("/fixture/openapi/openapi.yaml").toURI()).toString();
  }

  private Path curation(String decisions) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("curation"));
    Files.writeString(folder.resolve("01-decisions.yaml"), """
        overlay: 1.0.0
        info: {title: decisions, version: '1'}
        actions:
          - target: "$.info"
            update: {title: Our title, description: Our words.}
        """ + decisions);
    return folder;
  }

  @Test
  void theSameInputsWriteTheSameBytes() throws Exception {
    Path curation = curation(BOTH);

    String first = SpecImport.run(fixture(), curation, List.of("header"), "https://docs.example/").yaml();
    String second = SpecImport.run(fixture(), curation, List.of("header"), "https://docs.example/").yaml();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void structureStaysProseGoesDecisionsApply() throws Exception {
    SpecImport.Result result = SpecImport.run(fixture(), curation(BOTH), List.of("header"), "https://docs.example/");
    String yaml = result.yaml();

    assertThat(yaml).startsWith("# header\n")
        .contains("operationId: \"searchOrders\"", "x-idempotent: true", "summary: \"Search orders.\"",
            "url: \"https://docs.example/", "title: \"Our title\"", "x-resource-limit-config:", "maximum: 100",
            "trackingCode:", "x-excluded-operations:", "reason: \"not needed by sellers\"")
        .doesNotContain("The orders.", "Fixture marketplace");
    com.fasterxml.jackson.databind.JsonNode written = new com.fasterxml.jackson.databind.ObjectMapper(
        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml);
    assertThat(written.path("paths").has("/v1/shops/{shopId}/orders")).isTrue();
    assertThat(written.path("paths").has("/v1/shops/{shopId}/items")).as("the excluded operation is left out").isFalse();
    assertThat(written.path("x-excluded-operations").get(0).path("operationId").asText()).isEqualTo("getItems");
    assertThat(result.decisions()).containsEntry("searchOrders", "covered").containsEntry("getItems", "excluded");
    assertThat(result.exclusions()).containsOnlyKeys("getItems");
  }

  @Test
  void anOperationWithoutADecisionFailsTheImportNamingIt() throws Exception {
    Path curation = curation("""
          - target: "$.paths['/v1/shops/{shopId}/orders'].post"
            update: {x-decision: covered}
        """);

    assertThatThrownBy(() -> SpecImport.run(fixture(), curation, List.of(), "https://docs.example/"))
        .isInstanceOf(CurationException.class)
        .hasMessageContaining("without a decision")
        .hasMessageContaining("/v1/shops/{shopId}/items");
  }

  @Test
  void anActionThatSelectsNothingFailsTheImport() throws Exception {
    Path curation = curation(BOTH + """
          - target: "$.paths['/v1/gone'].get"
            update: {x-decision: covered}
        """);

    assertThatThrownBy(() -> SpecImport.run(fixture(), curation, List.of(), "https://docs.example/"))
        .isInstanceOf(CurationException.class)
        .hasMessageContaining("selects nothing")
        .hasMessageContaining("/v1/gone");
  }

  @Test
  void anExclusionWithoutAReasonIsRefused() throws Exception {
    Path curation = curation("""
          - target: "$.paths['/v1/shops/{shopId}/orders'].post"
            update: {x-decision: covered}
          - target: "$.paths['/v1/shops/{shopId}/items'].get"
            update: {x-decision: excluded}
        """);

    assertThatThrownBy(() -> SpecImport.run(fixture(), curation, List.of(), "https://docs.example/"))
        .isInstanceOf(CurationException.class)
        .hasMessageContaining("without a reason");
  }

  @Test
  void summariesAreOurOwnWords() {
    assertThat(SpecImport.summaryOf("getBusinessOrders")).isEqualTo("Get business orders.");
    assertThat(SpecImport.summaryOf("updateStocks")).isEqualTo("Update stocks.");
  }
}
