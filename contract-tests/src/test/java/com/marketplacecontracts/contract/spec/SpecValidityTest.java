package com.marketplacecontracts.contract.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both specs parse without errors or unresolved references, and every example in them fits its schema. */
class SpecValidityTest {

  private static final ObjectMapper MAPPER = Json.mapper();
  // An OpenAPI schema's own keywords (example, deprecated, the x- extensions) are not JSON Schema's: taken as
  // annotations by a Draft 4 meta-schema that knows them, not each warned about as an unknown keyword.
  private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
      builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV4())
          .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword)).build()));
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
      .nullableKeywordEnabled(true).build();

  static List<Path> specs() {
    return Specs.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void parsesWithoutErrors(Path spec) {
    SwaggerParseResult result = Specs.parse(spec, false);

    assertThat(result.getMessages()).isNullOrEmpty();
    assertThat(result.getOpenAPI()).isNotNull();
    assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void leavesNoReferenceUnresolved(Path spec) {
    OpenAPI api = Specs.load(spec);
    List<String> dangling = new ArrayList<>();
    Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    api.getComponents().getSchemas().forEach((name, schema) -> collectRefs(name, schema, dangling, seen));
    // Full resolution keeps a recursive schema (a region's parent region, a category's children) as its $ref; such a
    // ref resolves when its component exists.
    dangling.removeIf(ref -> ref.contains(" -> #/components/schemas/")
        && api.getComponents().getSchemas().containsKey(ref.substring(ref.lastIndexOf('/') + 1)));
    forEachOperation(api, (where, operation) -> {
      mediaTypes(operation).forEach((key, media) -> collectRefs(where + " " + key, media.getSchema(), dangling, seen));
      if (operation.getParameters() != null) {
        operation.getParameters().forEach(p -> collectRefs(where + " " + p.getName(), p.getSchema(), dangling, seen));
      }
    });

    assertThat(dangling).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void everyExampleFitsItsSchema(Path spec) {
    OpenAPI api = Specs.load(spec);
    List<String> failures = new ArrayList<>();
    int[] checked = {0};

    // Component examples as written (full resolution merges the examples of allOf parts into a list).
    Map<String, Schema> declared = Specs.parse(spec, false).getOpenAPI().getComponents().getSchemas();
    api.getComponents().getSchemas().forEach((name, schema) -> {
      Object example = declared.get(name).getExample();
      if (example != null) {
        checked[0]++;
        check("schema " + name, schema, example, failures);
      }
    });
    forEachOperation(api, (where, operation) -> {
      mediaTypes(operation).forEach((key, media) -> {
        if (media.getExample() != null) {
          checked[0]++;
          check(where + " " + key, media.getSchema(), media.getExample(), failures);
        }
        if (media.getExamples() != null) {
          media.getExamples().forEach((exampleName, example) -> {
            checked[0]++;
            check(where + " " + key + " " + exampleName, media.getSchema(), example.getValue(), failures);
          });
        }
      });
      if (operation.getParameters() != null) {
        for (Parameter parameter : operation.getParameters()) {
          if (parameter.getExample() != null) {
            checked[0]++;
            check(where + " parameter " + parameter.getName(), parameter.getSchema(), parameter.getExample(),
                failures);
          }
        }
      }
    });

    assertThat(failures).isEmpty();
    assertThat(checked[0]).as("examples checked").isGreaterThan(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void everyOperationHasAnIdAndEveryErrorResponseASchema(Path spec) {
    OpenAPI api = Specs.load(spec);
    List<String> problems = new ArrayList<>();
    forEachOperation(api, (where, operation) -> {
      if (operation.getOperationId() == null || operation.getOperationId().isBlank()) {
        problems.add(where + ": no operationId");
      }
      operation.getResponses().forEach((status, response) -> {
        if (status.startsWith("4") || status.startsWith("5")) {
          MediaType json = response.getContent() == null ? null : response.getContent().get("application/json");
          if (json == null || json.getSchema() == null) {
            problems.add(where + " " + status + ": no JSON schema");
          }
        }
      });
    });

    assertThat(problems).isEmpty();
  }

  private static void check(String where, Schema<?> schema, Object example, List<String> failures) {
    JsonNode schemaNode = MAPPER.valueToTree(schema);
    // The parser reads a format: date example as a java.util.Date (midnight UTC): compare the date it wrote.
    JsonNode exampleNode = example instanceof java.util.Date date
        ? MAPPER.getNodeFactory().textNode(date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString())
        : MAPPER.valueToTree(example);
    JsonSchema validator = SCHEMAS.getSchema(schemaNode, CONFIG);
    Set<ValidationMessage> messages = validator.validate(exampleNode);
    if (!messages.isEmpty()) {
      failures.add(where + ": " + messages);
    }
  }

  private static void collectRefs(String where, Schema<?> schema, List<String> dangling, Set<Schema<?>> seen) {
    if (schema == null || !seen.add(schema)) {
      return;
    }
    if (schema.get$ref() != null) {
      dangling.add(where + " -> " + schema.get$ref());
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, property) -> collectRefs(where + "." + name, property, dangling, seen));
    }
    collectRefs(where + "[]", schema.getItems(), dangling, seen);
    if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
      collectRefs(where + "{}", additional, dangling, seen);
    }
    for (List<Schema> parts : Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
      if (parts != null) {
        for (Schema<?> part : parts) {
          collectRefs(where + "(part)", part, dangling, seen);
        }
      }
    }
  }

  private static Map<String, MediaType> mediaTypes(Operation operation) {
    Map<String, MediaType> out = new LinkedHashMap<>();
    if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
      operation.getRequestBody().getContent().forEach((type, media) -> out.put("request " + type, media));
    }
    for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
      if (response.getValue().getContent() != null) {
        response.getValue().getContent().forEach((type, media) ->
            out.put("response " + response.getKey() + " " + type, media));
      }
    }
    return out;
  }

  static void forEachOperation(OpenAPI api, BiConsumer<String, Operation> action) {
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
        action.accept(method + " " + path, operation)));
  }
}
