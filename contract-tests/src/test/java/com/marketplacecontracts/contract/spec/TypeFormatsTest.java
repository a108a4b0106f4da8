package com.marketplacecontracts.contract.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.json.MoshiFactory;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code type}/{@code format} pair either spec uses decodes and re-encodes through the one Moshi setup, as the
 * Java type the generator gives it — so a new format (e.g. {@code date-time} without an adapter) fails here, not in
 * every call that returns such a model.
 */
class TypeFormatsTest {

  /** A pair, the Java type the generator maps it to (see the parent pom's typeMappings), and JSON samples. */
  record Known(Type javaType, List<String> samples) {
  }

  private static final Map<String, Known> KNOWN = Map.ofEntries(Map.entry(
      "boolean", new Known(Boolean.class, List.of("true", "false"))),
      Map.entry("integer", new Known(Integer.class, List.of("0", "-7", "2147483647"))),
      Map.entry("integer/int32", new Known(Integer.class, List.of("0", "-2147483648", "2147483647"))),
      Map.entry("integer/int64", new Known(Long.class, List.of("0", "100956451345", "9007199254740991"))),
      Map.entry("number", new Known(BigDecimal.class,
          List.of("0.5", "65.55", "1.001", "5490", "-12345678901234567890.123"))),
      Map.entry("number/double", new Known(Double.class, List.of("0.5", "65.55", "-7.25"))),
      Map.entry("string", new Known(String.class, List.of("\"Ударная дрель\"", "\"\"", "\"a\\\"b\""))),
      Map.entry("string/date-time", new Known(OffsetDateTime.class, List.of("\"2026-07-17T10:15:30+03:00\"",
          "\"2026-06-15T12:00:00Z\"", "\"2026-07-01T09:30:00.123456789-05:00\""))),
      Map.entry("string/date", new Known(LocalDate.class, List.of("\"2026-07-17\"", "\"2024-02-29\""))),
      // The document's own day-first formats and times of day are kept as the marketplace's text.
      Map.entry("string/date-dd-MM-yyyy", new Known(String.class, List.of("\"17-07-2026\""))),
      Map.entry("string/date-dd-MM-yyyy-HH-mm-ss", new Known(String.class, List.of("\"17-07-2026 10:15:30\""))),
      Map.entry("string/time", new Known(String.class, List.of("\"10:15\""))),
      // A binary answer or file part is never JSON: a Download (answers) or a multipart part (uploads).
      Map.entry("string/binary", new Known(com.marketplacecontracts.core.http.Download.class, List.of())));

  private static final Moshi MOSHI = MoshiFactory.create();

  /** Every pair used by a schema of either spec (components, operations' parameters, bodies and answers). */
  static Set<String> pairsUsed() {
    Set<String> pairs = new TreeSet<>();
    for (Path spec : Specs.all()) {
      OpenAPI api = Specs.parse(spec, false).getOpenAPI();
      Map<Schema<?>, Boolean> seen = new IdentityHashMap<>();
      if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
        api.getComponents().getSchemas().values().forEach(schema -> collect(schema, pairs, seen));
      }
      if (api.getComponents() != null && api.getComponents().getParameters() != null) {
        api.getComponents().getParameters().values().forEach(p -> collect(p.getSchema(), pairs, seen));
      }
      api.getPaths().values().forEach(item -> item.readOperations().forEach(operation ->
          collect(operation, pairs, seen)));
    }
    return pairs;
  }

  private static void collect(Operation operation, Set<String> pairs, Map<Schema<?>, Boolean> seen) {
    if (operation.getParameters() != null) {
      for (Parameter parameter : operation.getParameters()) {
        collect(parameter.getSchema(), pairs, seen);
      }
    }
    if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
      operation.getRequestBody().getContent().values().forEach(media -> collect(media.getSchema(), pairs, seen));
    }
    for (ApiResponse response : operation.getResponses().values()) {
      if (response.getContent() != null) {
        for (MediaType media : response.getContent().values()) {
          collect(media.getSchema(), pairs, seen);
        }
      }
    }
  }

  private static void collect(Schema<?> schema, Set<String> pairs, Map<Schema<?>, Boolean> seen) {
    if (schema == null || seen.put(schema, Boolean.TRUE) != null) {
      return;
    }
    String type = schema.getType();
    if (type == null && schema.getTypes() != null && schema.getTypes().size() == 1) {
      type = schema.getTypes().iterator().next();
    }
    if (type != null && !type.equals("object") && !type.equals("array")) {
      pairs.add(schema.getFormat() == null ? type : type + "/" + schema.getFormat());
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(property -> collect(property, pairs, seen));
    }
    collect(schema.getItems(), pairs, seen);
    if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
      collect(additional, pairs, seen);
    }
    for (List<Schema> parts : Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
      if (parts != null) {
        parts.forEach(part -> collect(part, pairs, seen));
      }
    }
  }

  @Test
  void everyPairUsedInTheSpecsIsKnownHere() {
    Set<String> used = pairsUsed();

    assertThat(used).contains("string/date-time", "integer/int64", "number");
    assertThat(KNOWN.keySet()).as("type/format pairs with a decoding check").containsAll(used);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairsUsed")
  void eachPairDecodesAndReEncodesUnchanged(String pair) throws Exception {
    Known known = KNOWN.get(pair);
    assertThat(known).as("no check for %s", pair).isNotNull();
    if (known.samples().isEmpty()) {
      // Never JSON: the client's own converter decodes it (DownloadConverterFactory).
      return;
    }
    JsonAdapter<Object> adapter = MOSHI.adapter(known.javaType());

    for (String sample : known.samples()) {
      Object decoded = adapter.fromJson(sample);
      assertThat(decoded).as(sample).isInstanceOf((Class<?>) known.javaType());
      assertThat(adapter.toJson(decoded)).isEqualTo(sample);
    }
    assertThat(adapter.fromJson("null")).isNull();
  }
}
