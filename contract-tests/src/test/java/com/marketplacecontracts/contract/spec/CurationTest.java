package com.marketplacecontracts.contract.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coverage gate: the curated Yandex spec and its curation agree — every operation in the spec has a decision,
 * every decision names an operation the spec holds (or lists as excluded, with its reason) — and no marketplace
 * prose is left in any spec.
 */
class CurationTest {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final Pattern TARGET = Pattern.compile("^\\$\\.paths\\['([^']+)'\\]\\.(get|put|post|delete|patch)$");
  private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static JsonNode spec;
  /** operationId → decision, as the spec holds them. */
  private static final Map<String, String> inSpec = new TreeMap<>();
  /** "METHOD path" → operationId. */
  private static final Map<String, String> routes = new TreeMap<>();

  @BeforeAll
  static void read() throws IOException {
    spec = YAML.readTree(Specs.root().resolve("yandex/partner-api.yaml").toFile());
    spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
      if (METHODS.contains(method.getKey())) {
        String id = method.getValue().path("operationId").asText();
        inSpec.put(id, method.getValue().path("x-decision").asText(""));
        routes.put(method.getKey() + " " + path.getKey(), id);
      }
    }));
  }

  @Test
  void aReadOnlyOperationIsAnIdempotentRead() {
    List<String> readOnly = new ArrayList<>();
    spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
      JsonNode op = method.getValue();
      if (METHODS.contains(method.getKey()) && op.path("x-read-only").asBoolean(false)) {
        String id = op.path("operationId").asText();
        readOnly.add(id);
        assertThat(op.path("x-idempotent").asBoolean(false)).as("%s is read-only, so it may be sent twice", id)
            .isTrue();
        // what the CLI lets run on its mock without credentials: no verb of a write may be read-only
        assertThat(id).as("a read-only operation's name").doesNotMatch(
            "(update|set|put|delete|create|confirm|send|accept|cancel|submit|provide|add|transfer|skip|verify)[A-Z].*");
        // an allow-list too: a report or barcode generation starts a job, so it is no read
        assertThat(id).as("a read-only operation's name")
            .matches("(get|search|calculate|download)[A-Z].*|generateOrderLabels?");
      }
    }));
    assertThat(readOnly).contains("getBusinessOrders", "getCampaigns", "generateOrderLabels")
        .doesNotContain("updateOrderStatuses", "updateBusinessPrices", "generateUnitedNettingReport");
  }

  @Test
  void everyOperationOfTheSpecIsCoveredOrLegacy() {
    assertThat(inSpec).isNotEmpty();
    assertThat(inSpec).allSatisfy((id, decision) ->
        assertThat(decision).as("decision of %s", id).isIn("covered", "legacy"));
    assertThat(inSpec.values().stream().filter("covered"::equals).count()).isGreaterThanOrEqualTo(150);
  }

  @Test
  void everyDecisionOfTheCurationNamesAnOperationOfTheSpecOrAListedExclusion() throws IOException {
    Map<String, String> decided = new TreeMap<>();
    List<String> strangers = new ArrayList<>();
    Set<String> excluded = new TreeSet<>();
    spec.path("x-excluded-operations").forEach(row -> {
      excluded.add(row.path("operationId").asText());
      assertThat(row.path("reason").asText()).as("reason for excluding %s", row.path("operationId")).isNotBlank();
    });
    for (JsonNode overlay : curation()) {
      for (JsonNode action : overlay.path("actions")) {
        Matcher target = TARGET.matcher(action.path("target").asText());
        JsonNode update = action.path("update");
        if (target.matches() && update.has("x-decision")) {
          String id = routes.get(target.group(2) + " " + target.group(1));
          if (id == null && !update.path("x-decision").asText().equals("excluded")) {
            strangers.add(action.path("target").asText());
          } else if (id != null) {
            decided.put(id, update.path("x-decision").asText());
          }
        }
        // Operations the curation adds (legacy, ahead of the document) carry their decision inline.
        update.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
          if (METHODS.contains(method.getKey()) && method.getValue().has("x-decision")) {
            decided.put(method.getValue().path("operationId").asText(), method.getValue().path("x-decision").asText());
          }
        }));
      }
    }

    assertThat(strangers).as("decisions for operations the spec does not hold").isEmpty();
    assertThat(decided.keySet()).as("operations with a decision in the curation")
        .containsAll(inSpec.keySet());
    assertThat(decided).allSatisfy((id, decision) -> {
      if (!excluded.contains(id)) {
        assertThat(inSpec).as("covered or legacy operation %s in the spec", id).containsEntry(id, decision);
      }
    });
  }

  @Test
  void everyOperationHasOurSummaryAndItsDocumentationPage() {
    spec.path("paths").forEach(item -> item.fields().forEachRemaining(method -> {
      if (METHODS.contains(method.getKey())) {
        JsonNode op = method.getValue();
        assertThat(op.path("summary").asText()).as("summary of %s", op.path("operationId")).isNotBlank();
        assertThat(op.path("externalDocs").path("url").asText()).startsWith("https://yandex.ru/dev/market/");
        assertThat(op.path("tags")).as("one tag for %s", op.path("operationId")).hasSize(1);
      }
    }));
  }

  @Test
  void noMarketplaceProseInAnySpec() throws IOException {
    List<String> prose = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Specs.root())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        collectProse(YAML.readTree(file.toFile()), Specs.root().relativize(file) + ":", prose);
      }
    }
    assertThat(prose).as("summaries and descriptions in the marketplace's own words (Cyrillic)").isEmpty();
  }

  /** Prose is a textual summary, description or title; example values (what a server sends) may keep Cyrillic. */
  private static void collectProse(JsonNode node, String at, List<String> out) {
    if (node.isArray()) {
      node.forEach(item -> collectProse(item, at, out));
    } else if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        String key = field.getKey();
        JsonNode value = field.getValue();
        if (Set.of("summary", "description", "title").contains(key) && value.isTextual()
            && CYRILLIC.matcher(value.asText()).find()) {
          out.add(at + " " + key + ": " + value.asText().substring(0, Math.min(60, value.asText().length())));
        } else if (!Set.of("example", "examples", "default", "enum").contains(key)) {
          collectProse(value, at, out);
        }
      });
    }
  }

  private static List<JsonNode> curation() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Specs.root().resolve("yandex/curation"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        out.add(YAML.readTree(file.toFile()));
      }
    }
    return out;
  }
}
