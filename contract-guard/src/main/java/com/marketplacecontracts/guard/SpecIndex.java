package com.marketplacecontracts.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operations of one spec, compiled once: a path pattern per operation and a JSON Schema validator per request
 * body and per documented response. Schemas that list their properties are closed ({@code additionalProperties:
 * false} unless they say otherwise), so a field the marketplace added is reported.
 */
final class SpecIndex {

  private static final ObjectMapper MAPPER = Json.mapper();
  private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
      .nullableKeywordEnabled(true).pathType(PathType.JSON_PATH).build();

  /** One operation: how to recognise its requests and what its bodies must look like. */
  record Entry(String operationId, String method, Pattern path, String tail, JsonSchema requestBody,
      Map<String, JsonSchema> responses, Set<String> documented) {

    /** The schema for {@code status}: exact, then {@code 4XX}-style, then {@code default}; empty when none. */
    Optional<JsonSchema> response(int status) {
      for (String key : keys(status)) {
        if (responses.containsKey(key)) {
          return Optional.of(responses.get(key));
        }
      }
      return Optional.empty();
    }

    /** Whether the operation lists {@code status} (with or without a body). */
    boolean documents(int status) {
      return keys(status).stream().anyMatch(documented::contains);
    }

    private static List<String> keys(int status) {
      return List.of(Integer.toString(status), status / 100 + "XX", "DEFAULT");
    }
  }

  private final List<Entry> entries;

  private SpecIndex(List<Entry> entries) {
    this.entries = entries;
  }

  static SpecIndex parse(String yaml, String name) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
    OpenAPI api = result.getOpenAPI();
    if (api == null || api.getPaths() == null) {
      throw new IllegalArgumentException(name + " is not a readable OpenAPI spec: " + result.getMessages());
    }
    List<Entry> entries = new ArrayList<>();
    api.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) ->
        entries.add(entry(template, method, operation))));
    return new SpecIndex(List.copyOf(entries));
  }

  /** The operation a request to {@code method path} belongs to; the path may carry the base URL's prefix. */
  Optional<Entry> find(String method, String path) {
    // A path can only match a template it ends with the literal tail of: checked first, so the patterns of the
    // other few hundred operations are not run on every call.
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (Entry entry : entries) {
      if (entry.method.equals(method) && trimmed.endsWith(entry.tail) && entry.path.matcher(path).matches()) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /** The literal text after a template's last parameter ({@code /offer-mappings}); empty when it ends with one. */
  static String tail(String template) {
    String trimmed = template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
    int parameter = trimmed.lastIndexOf('}');
    return parameter < 0 ? trimmed : trimmed.substring(parameter + 1);
  }

  private static Entry entry(String template, PathItem.HttpMethod method, Operation operation) {
    JsonSchema requestBody = operation.getRequestBody() == null ? null : json(operation.getRequestBody().getContent());
    Map<String, JsonSchema> responses = new HashMap<>();
    Set<String> documented = new HashSet<>();
    if (operation.getResponses() != null) {
      for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
        String status = response.getKey().toUpperCase(Locale.ROOT);
        documented.add(status);
        JsonSchema schema = json(response.getValue().getContent());
        if (schema != null) {
          responses.put(status, schema);
        }
      }
    }
    String id = operation.getOperationId() != null ? operation.getOperationId() : method + " " + template;
    return new Entry(id, method.name(), pathPattern(template), tail(template), requestBody, Map.copyOf(responses),
        Set.copyOf(documented));
  }

  private static Pattern pathPattern(String template) {
    StringBuilder regex = new StringBuilder("(?:/.*)?");
    for (String part : template.split("(?=\\{)|(?<=})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex + "/?");
  }

  private static JsonSchema json(Content content) {
    if (content == null) {
      return null;
    }
    for (Map.Entry<String, MediaType> media : content.entrySet()) {
      if (media.getKey().contains("json") && media.getValue().getSchema() != null) {
        JsonNode schema = MAPPER.valueToTree(media.getValue().getSchema());
        close(schema, false);
        return SCHEMAS.getSchema(schema, CONFIG);
      }
    }
    return null;
  }

  /** Sets {@code additionalProperties: false} on object schemas that list properties and say nothing about it. */
  private static void close(JsonNode node, boolean insideComposition) {
    if (node instanceof ObjectNode object) {
      if (!insideComposition && object.has("properties") && !object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        boolean composition = field.getKey().equals("allOf") || field.getKey().equals("anyOf")
            || field.getKey().equals("oneOf");
        if (field.getKey().equals("properties") && field.getValue() instanceof ObjectNode properties) {
          properties.elements().forEachRemaining(property -> close(property, false));
        } else {
          close(field.getValue(), composition);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.elements().forEachRemaining(element -> close(element, insideComposition));
    }
  }
}
