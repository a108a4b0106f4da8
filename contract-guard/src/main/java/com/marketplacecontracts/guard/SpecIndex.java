package com.marketplacecontracts.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The operations of one spec, compiled once: a path pattern per operation and a checker per request body and per
 * documented response — a {@link CompiledSchema} read in one pass over the body, or, for a schema using what it
 * does not compile, a {@link ValidatorSchema}. Schemas that list their properties are closed
 * ({@code additionalProperties: false} unless they say otherwise), so a field the marketplace added is reported.
 */
final class SpecIndex {

  private static final ObjectMapper MAPPER = Json.mapper();
  private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
      .nullableKeywordEnabled(true).pathType(PathType.JSON_PATH).build();

  /** One operation: how to recognise its requests and what its bodies must look like. */
  record Entry(String operationId, String method, Pattern path, int parameters, String tail, String lastSegment,
      BodySchema requestBody, Statuses statuses) {

    /** The schema for {@code status}: exact, then {@code 4XX}-style, then {@code default}; empty when none. */
    Optional<BodySchema> response(int status) {
      return statuses.response(status);
    }

    /** Whether the operation lists {@code status} (with or without a body). */
    boolean documents(int status) {
      return statuses.documents(status);
    }

    /**
     * Whether a 200 answer may be checked by the client's checked read: its schema is documented for 200 itself
     * (the one the generated method decodes) and uses nothing that read does not check.
     */
    boolean okCheckedWhileDecoding() {
      return statuses.exactly(200).orElse(null) instanceof CompiledSchema compiled && compiled.coveredByCheckedRead();
    }
  }

  /**
   * The statuses an operation documents ({@code 200}, {@code 4XX}, {@code default}), each read once into the
   * numbers it stands for, so a call's status is found with no key made for it.
   */
  static final class Statuses {
    private static final int NONE = -1;
    /** Per documented key: the status it names ({@code 200}), or NONE. */
    private final int[] exact;
    /** Per key: the hundreds it names ({@code 4} for {@code 4XX}), or NONE. */
    private final int[] hundreds;
    private final boolean[] fallback;
    /** Per key: its JSON body's schema, or empty. */
    private final List<Optional<BodySchema>> schemas;

    Statuses(Map<String, BodySchema> responses, Set<String> documented) {
      int n = documented.size();
      exact = new int[n];
      hundreds = new int[n];
      fallback = new boolean[n];
      List<Optional<BodySchema>> schemas = new ArrayList<>();
      int i = 0;
      for (String key : documented) {
        exact[i] = number(key);
        hundreds[i] = key.endsWith("XX") ? number(key.substring(0, key.length() - 2)) : NONE;
        fallback[i] = key.equals("DEFAULT");
        schemas.add(Optional.ofNullable(responses.get(key)));
        i++;
      }
      this.schemas = List.copyOf(schemas);
    }

    /** The number {@code text} is written as, digits only and as {@link Integer#toString} writes it; else NONE. */
    private static int number(String text) {
      if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return NONE;
      }
      int value = Integer.parseInt(text);
      return Integer.toString(value).equals(text) ? value : NONE;
    }

    /** The index of the key {@code status} meets first: exact, {@code 4XX}-style, then {@code default}; or -1. */
    private int find(int status, boolean withBody) {
      for (int rule = 0; rule < 3; rule++) {
        for (int i = 0; i < exact.length; i++) {
          boolean meets = rule == 0 ? exact[i] == status : rule == 1 ? hundreds[i] == status / 100 : fallback[i];
          if (meets && (!withBody || schemas.get(i).isPresent())) {
            return i;
          }
        }
      }
      return -1;
    }

    /** The body schema of the key that names {@code status} itself; empty when none does or it has none. */
    Optional<BodySchema> exactly(int status) {
      for (int i = 0; i < exact.length; i++) {
        if (exact[i] == status) {
          return schemas.get(i);
        }
      }
      return Optional.empty();
    }

    Optional<BodySchema> response(int status) {
      int i = find(status, true);
      return i < 0 ? Optional.empty() : schemas.get(i);
    }

    boolean documents(int status) {
      return find(status, false) >= 0;
    }
  }

  /** How bodies are checked: compiled where the schema allows (the guard), or all by the validator (tests). */
  enum Checking { COMPILED, VALIDATOR }

  /** The operations of one HTTP method that a path may be of, by the path's last segment. */
  private record Candidates(Map<String, Entry[]> bySegment, Entry[] anySegment) {
  }

  /**
   * The operations by HTTP method, then by the last segment of their template when it is literal (a path ending
   * {@code /offer-mappings} can only be of a template that does, or of one ending with a parameter); each list in
   * the spec's order, as the first that matches is the one.
   */
  private final Map<String, Candidates> byMethod;
  private final List<String> validated;

  private SpecIndex(List<Entry> entries, List<String> validated) {
    Map<String, List<Entry>> grouped = new HashMap<>();
    for (Entry entry : entries) {
      grouped.computeIfAbsent(entry.method(), method -> new ArrayList<>()).add(entry);
    }
    Map<String, Candidates> byMethod = new HashMap<>();
    grouped.forEach((method, unordered) -> {
      // A path matching templates of more than one operation is of the one with the fewest parameters: OpenAPI
      // matches concrete paths before templated ones (/outlets/licenses is not /outlets/{outletId}).
      List<Entry> list = unordered.stream()
          .sorted(java.util.Comparator.comparingInt(Entry::parameters))
          .toList();
      Map<String, Entry[]> bySegment = new HashMap<>();
      for (Entry entry : list) {
        if (entry.lastSegment() != null) {
          bySegment.computeIfAbsent(entry.lastSegment(), segment -> list.stream()
              .filter(other -> other.lastSegment() == null || other.lastSegment().equals(segment))
              .toArray(Entry[]::new));
        }
      }
      byMethod.put(method, new Candidates(Map.copyOf(bySegment),
          list.stream().filter(entry -> entry.lastSegment() == null).toArray(Entry[]::new)));
    });
    this.byMethod = Map.copyOf(byMethod);
    this.validated = validated;
  }

  static SpecIndex parse(String yaml, String name) {
    return parse(yaml, name, Checking.COMPILED);
  }

  static SpecIndex parse(String yaml, String name, Checking checking) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
    OpenAPI api = result.getOpenAPI();
    if (api == null || api.getPaths() == null) {
      throw new IllegalArgumentException(name + " is not a readable OpenAPI spec: " + result.getMessages());
    }
    Map<String, io.swagger.v3.oas.models.media.Schema> components = api.getComponents() == null
        || api.getComponents().getSchemas() == null ? Map.of() : api.getComponents().getSchemas();
    SchemaNode.Compiler compiler = new SchemaNode.Compiler(reference -> {
      String prefix = "#/components/schemas/";
      io.swagger.v3.oas.models.media.Schema<?> target = reference.startsWith(prefix)
          ? components.get(reference.substring(prefix.length())) : null;
      if (target == null) {
        return null;
      }
      JsonNode schema = MAPPER.valueToTree(target);
      close(schema, false);
      return schema;
    });
    Bodies bodies = new Bodies(checking, compiler, new ArrayList<>());
    List<Entry> entries = new ArrayList<>();
    api.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) ->
        entries.add(entry(template, method, operation, bodies))));
    return new SpecIndex(List.copyOf(entries), List.copyOf(bodies.validated));
  }

  /** The bodies checked by the validator rather than compiled, with the keyword why: "operationId status: why". */
  List<String> validatedBodies() {
    return validated;
  }

  private record Bodies(Checking checking, SchemaNode.Compiler compiler, List<String> validated) {
    BodySchema of(String where, JsonNode schema) {
      if (checking == Checking.COMPILED) {
        try {
          return new CompiledSchema(compiler.compile(schema));
        } catch (SchemaNode.Unsupported e) {
          validated.add(where + ": " + e.getMessage());
        }
      }
      return new ValidatorSchema(SCHEMAS.getSchema(schema, CONFIG));
    }
  }

  /** The operation a request to {@code method path} belongs to; the path may carry the base URL's prefix. */
  Optional<Entry> find(String method, String path) {
    // A path can only match a template of its last segment (or one ending with a parameter) and whose literal
    // tail it ends with: checked first, so the patterns of the other few hundred operations are not run.
    Candidates byPath = byMethod.get(method);
    if (byPath == null) {
      return Optional.empty();
    }
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    Entry[] candidates = byPath.bySegment().getOrDefault(trimmed.substring(trimmed.lastIndexOf('/') + 1),
        byPath.anySegment());
    for (Entry entry : candidates) {
      if (trimmed.endsWith(entry.tail) && entry.path.matcher(path).matches()) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /**
   * The template's last segment ({@code offer-mappings}) when it is literal, which the last segment of a path of it
   * then is too (after the one {@code /} the pattern lets end it); null when a parameter is in it or the template
   * ends with {@code /}.
   */
  static String lastSegment(String template) {
    int slash = template.lastIndexOf('/');
    String segment = template.substring(slash + 1);
    return slash < 0 || segment.isEmpty() || segment.contains("{") || segment.contains("}") ? null : segment;
  }

  /** The literal text after a template's last parameter ({@code /offer-mappings}); empty when it ends with one. */
  static String tail(String template) {
    String trimmed = template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
    int parameter = trimmed.lastIndexOf('}');
    return parameter < 0 ? trimmed : trimmed.substring(parameter + 1);
  }

  private static Entry entry(String template, PathItem.HttpMethod method, Operation operation, Bodies bodies) {
    String id = operation.getOperationId() != null ? operation.getOperationId() : method + " " + template;
    BodySchema requestBody = operation.getRequestBody() == null ? null
        : json(operation.getRequestBody().getContent(), id + " request", bodies);
    Map<String, BodySchema> responses = new HashMap<>();
    Set<String> documented = new HashSet<>();
    if (operation.getResponses() != null) {
      for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
        String status = response.getKey().toUpperCase(Locale.ROOT);
        documented.add(status);
        BodySchema schema = json(response.getValue().getContent(), id + " " + status, bodies);
        if (schema != null) {
          responses.put(status, schema);
        }
      }
    }
    return new Entry(id, method.name(), pathPattern(template), (int) template.chars().filter(c -> c == '{').count(),
        tail(template), lastSegment(template), requestBody,
        new Statuses(responses, documented));
  }

  private static Pattern pathPattern(String template) {
    StringBuilder regex = new StringBuilder("(?:/.*)?");
    for (String part : template.split("(?=\\{)|(?<=})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex + "/?");
  }

  private static BodySchema json(Content content, String where, Bodies bodies) {
    if (content == null) {
      return null;
    }
    for (Map.Entry<String, MediaType> media : content.entrySet()) {
      if (media.getKey().contains("json") && media.getValue().getSchema() != null) {
        JsonNode schema = MAPPER.valueToTree(media.getValue().getSchema());
        close(schema, false);
        return bodies.of(where, schema);
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
