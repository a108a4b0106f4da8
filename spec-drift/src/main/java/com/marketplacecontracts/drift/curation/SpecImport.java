package com.marketplacecontracts.drift.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a marketplace's published document (bundled into one tree) into the project's curated spec: the structure
 * as published, none of its prose, the internal extensions dropped, one tag per operation, our one-line summary and
 * a link to the operation's documentation page; then the curation (Overlay 1.0 documents) applied; then every
 * operation's decision enforced — {@code covered} and {@code legacy} stay, {@code excluded} ones are removed and
 * listed with their reasons in {@code x-excluded-operations}, and an operation without a decision fails the import.
 * Components no operation reaches are dropped. The same inputs always give the same bytes.
 */
public final class SpecImport {

  /** What the runtime or the tools read, or what carries the marketplace's facts; every other {@code x-} goes. */
  static final Set<String> INTERNAL_EXTENSIONS = Set.of("x-allowed", "x-apphost", "x-resource-id", "x-inline");
  static final List<String> DECISIONS = List.of("covered", "legacy", "excluded");
  private static final Set<String> PROSE = Set.of("description", "summary", "title");
  /** Keys whose value maps names (properties, paths, status codes, media types...) to objects. */
  private static final Set<String> NAME_MAPS = Set.of("properties", "paths", "responses", "content", "headers",
      "schemas", "parameters", "requestBodies", "securitySchemes", "links", "callbacks", "encoding", "variables",
      "examples", "patternProperties");
  /** Values that are data, not structure: kept exactly as published (example values may hold the server's text). */
  private static final Set<String> DATA = Set.of("example", "examples", "default", "enum", "const", "mapping");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
  private static final List<String> ROOT_ORDER = List.of("openapi", "info", "externalDocs", "servers", "security",
      "tags", "x-excluded-operations", "paths", "components");
  private static final Map<String, String> STATUS_TEXT = Map.ofEntries(Map.entry("200", "Success."),
      Map.entry("201", "Created."), Map.entry("202", "Accepted."), Map.entry("204", "No content."),
      Map.entry("400", "The request is invalid."), Map.entry("401", "No valid credentials."),
      Map.entry("403", "The credentials do not allow this call."), Map.entry("404", "Not found."),
      Map.entry("409", "Conflict with the current state."), Map.entry("420", "Rate limit exceeded."),
      Map.entry("422", "The request cannot be processed."), Map.entry("423", "Locked."),
      Map.entry("429", "Too many requests."), Map.entry("500", "The marketplace failed."));

  private SpecImport() {
  }

  /** What an import produced. */
  public record Result(String yaml, Map<String, String> decisions, Map<String, String> exclusions) {

    public long count(String decision) {
      return decisions.values().stream().filter(decision::equals).count();
    }
  }

  /**
   * Reads the published document at {@code upstream} (file, folder or URL, within its root) and the curation
   * overlays in {@code curation} (every {@code *.yaml} there, applied in file-name order), and imports.
   */
  public static Result run(String upstream, java.nio.file.Path curation, List<String> header, String docsBase) {
    List<Overlay> overlays = new ArrayList<>();
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(curation)) {
      for (java.nio.file.Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted()
          .toList()) {
        try {
          overlays.add(Overlay.of(com.marketplacecontracts.drift.SpecLoader.tree(file.toString())));
        } catch (CurationException e) {
          throw new CurationException(file.getFileName() + ": " + e.getMessage());
        }
      }
    } catch (java.io.IOException e) {
      throw new CurationException("curation folder unreadable: " + curation);
    }
    if (overlays.isEmpty()) {
      throw new CurationException("no curation (*.yaml) in " + curation);
    }
    return run(com.marketplacecontracts.drift.SpecLoader.tree(upstream), overlays, header, docsBase);
  }

  /**
   * The curated spec from {@code upstream} (changed in place) and the curation overlays, applied in order.
   *
   * @param header comment lines written at the top (each without {@code #})
   * @param docsBase the documentation URL an operation's page is under: {@code docsBase + tag + "/" + operationId}
   */
  public static Result run(ObjectNode upstream, List<Overlay> curation, List<String> header, String docsBase) {
    strip(upstream, false);
    for (Map.Entry<String, JsonNode> path : fields(upstream.path("paths"))) {
      for (Map.Entry<String, JsonNode> method : fields(path.getValue())) {
        if (METHODS.contains(method.getKey()) && method.getValue() instanceof ObjectNode op) {
          shape(op, docsBase);
        }
      }
    }
    describeResponses(upstream);
    for (Overlay overlay : curation) {
      overlay.apply(upstream);
    }
    Map<String, String> decisions = new TreeMap<>();
    Map<String, String> exclusions = new TreeMap<>();
    decide(upstream, decisions, exclusions);
    tags(upstream);
    prune(upstream);
    ObjectNode ordered = order(upstream);
    return new Result(write(ordered, header), decisions, exclusions);
  }

  /** Drops prose and internal extensions, keeping names (a property called {@code description}) and data. */
  private static void strip(JsonNode node, boolean namesHere) {
    if (node.isArray()) {
      node.forEach(item -> strip(item, false));
      return;
    }
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    if (!namesHere) {
      object.remove(INTERNAL_EXTENSIONS);
      for (String prose : PROSE) {
        if (object.path(prose).isTextual()) {
          object.remove(prose);
        }
      }
      if (object.get("scopes") instanceof ObjectNode scopes) {
        scopes.fieldNames().forEachRemaining(scope -> scopes.put(scope, "Access to the Partner API."));
      }
    }
    for (Map.Entry<String, JsonNode> field : fields(object)) {
      String key = field.getKey();
      if (!namesHere && (DATA.contains(key) || key.startsWith("x-"))) {
        continue;
      }
      strip(field.getValue(), !namesHere && NAME_MAPS.contains(key) && field.getValue().isObject());
    }
  }

  /** One tag (the first: the documentation's section), our summary, the link to the operation's page. */
  private static void shape(ObjectNode op, String docsBase) {
    String id = op.path("operationId").asText("");
    if (id.isEmpty()) {
      throw new CurationException("an operation without operationId");
    }
    JsonNode tags = op.path("tags");
    String tag = tags.isArray() && !tags.isEmpty() ? tags.get(0).asText() : "default";
    op.putArray("tags").add(tag);
    op.put("summary", summaryOf(id));
    op.putObject("externalDocs").put("url", docsBase + tag + "/" + id);
  }

  /** {@code getBusinessOrders} → {@code Get business orders.}: a one-line summary of our own. */
  static String summaryOf(String operationId) {
    String words = operationId.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1) + ".";
  }

  /** A response object must have a description: ours, by status. */
  private static void describeResponses(ObjectNode root) {
    for (Map.Entry<String, JsonNode> response : fields(root.path("components").path("responses"))) {
      describe(response.getKey(), response.getValue());
    }
    for (Map.Entry<String, JsonNode> path : fields(root.path("paths"))) {
      for (Map.Entry<String, JsonNode> method : fields(path.getValue())) {
        for (Map.Entry<String, JsonNode> response : fields(method.getValue().path("responses"))) {
          describe(response.getKey(), response.getValue());
        }
      }
    }
  }

  private static void describe(String status, JsonNode response) {
    if (response instanceof ObjectNode object && !object.has("$ref") && !object.has("description")) {
      object.put("description", STATUS_TEXT.getOrDefault(status, "Answer."));
    }
  }

  private static void decide(ObjectNode root, Map<String, String> decisions, Map<String, String> exclusions) {
    List<String> undecided = new ArrayList<>();
    ArrayNode excludedList = JsonNodeFactory.instance.arrayNode();
    Map<String, ObjectNode> excludedRows = new TreeMap<>();
    ObjectNode paths = (ObjectNode) root.path("paths");
    for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext();) {
      Map.Entry<String, JsonNode> path = p.next();
      ObjectNode item = (ObjectNode) path.getValue();
      for (Iterator<Map.Entry<String, JsonNode>> m = item.fields(); m.hasNext();) {
        Map.Entry<String, JsonNode> method = m.next();
        if (!METHODS.contains(method.getKey())) {
          continue;
        }
        ObjectNode op = (ObjectNode) method.getValue();
        String id = op.path("operationId").asText();
        String decision = op.path("x-decision").asText("");
        if (decisions.put(id, decision) != null) {
          throw new CurationException("operationId used twice: " + id);
        }
        if (!DECISIONS.contains(decision)) {
          undecided.add(id + " (" + method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + ")");
        } else if (decision.equals("excluded")) {
          String reason = op.path("x-decision-reason").asText("");
          if (reason.isBlank()) {
            throw new CurationException(id + " is excluded without a reason (x-decision-reason)");
          }
          exclusions.put(id, reason);
          ObjectNode row = JsonNodeFactory.instance.objectNode();
          row.put("operationId", id).put("method", method.getKey().toUpperCase(Locale.ROOT))
              .put("path", path.getKey()).put("reason", reason);
          excludedRows.put(id, row);
          m.remove();
        }
      }
      if (item.fieldNames().hasNext() && fields(item).stream().noneMatch(e -> METHODS.contains(e.getKey()))) {
        p.remove();
      } else if (!item.fieldNames().hasNext()) {
        p.remove();
      }
    }
    if (!undecided.isEmpty()) {
      throw new CurationException(undecided.size() + " operation(s) without a decision (covered, legacy or excluded"
          + " with a reason) in the curation: " + String.join(", ", undecided));
    }
    excludedRows.values().forEach(excludedList::add);
    if (!excludedList.isEmpty()) {
      root.set("x-excluded-operations", excludedList);
    }
  }

  /** The root's tag list: each tag an operation uses, in name order. */
  private static void tags(ObjectNode root) {
    Set<String> used = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : fields(root.path("paths"))) {
      for (Map.Entry<String, JsonNode> method : fields(path.getValue())) {
        method.getValue().path("tags").forEach(t -> used.add(t.asText()));
      }
    }
    ArrayNode list = root.putArray("tags");
    used.forEach(tag -> list.addObject().put("name", tag));
  }

  /** Keeps only the components reachable from the paths and the root's security; each section in name order. */
  private static void prune(ObjectNode root) {
    JsonNode components = root.path("components");
    if (!(components instanceof ObjectNode sections)) {
      return;
    }
    Set<String> reached = new HashSet<>();
    Deque<JsonNode> todo = new ArrayDeque<>();
    for (Map.Entry<String, JsonNode> field : fields(root)) {
      if (!field.getKey().equals("components")) {
        todo.add(field.getValue());
      }
    }
    while (!todo.isEmpty()) {
      JsonNode node = todo.removeFirst();
      if (node.isObject() && node.path("$ref").isTextual()) {
        String ref = node.get("$ref").asText();
        String[] parts = ref.startsWith("#/components/") ? ref.substring(13).split("/") : new String[0];
        if (parts.length >= 2 && reached.add(parts[0] + "/" + parts[1])) {
          JsonNode target = sections.path(parts[0]).path(unescape(parts[1]));
          if (target.isMissingNode()) {
            throw new CurationException("a $ref that resolves to nothing: " + ref);
          }
          todo.add(target);
        }
      }
      node.forEach(todo::add);
    }
    for (Map.Entry<String, JsonNode> section : fields(sections)) {
      if (section.getKey().equals("securitySchemes")) {
        continue;
      }
      ObjectNode kept = JsonNodeFactory.instance.objectNode();
      new TreeMap<>(toMap(section.getValue())).forEach((name, value) -> {
        if (reached.contains(section.getKey() + "/" + name)) {
          kept.set(name, value);
        }
      });
      sections.set(section.getKey(), kept);
    }
  }

  private static String unescape(String pointerPart) {
    return pointerPart.replace("~1", "/").replace("~0", "~");
  }

  private static ObjectNode order(ObjectNode root) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String key : ROOT_ORDER) {
      if (root.has(key)) {
        out.set(key, root.get(key));
      }
    }
    fields(root).forEach(e -> {
      if (!out.has(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  private static String write(ObjectNode root, List<String> header) {
    YAMLMapper yaml = YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            // Every string quoted: a date-like or number-like value stays a string for every YAML reader.
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build())
        .build();
    StringBuilder out = new StringBuilder();
    header.forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
    try {
      out.append(yaml.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new CurationException("the curated spec could not be written: " + e.getOriginalMessage());
    }
    return out.toString().replace("\r\n", "\n");
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    node.fields().forEachRemaining(out::add);
    return out;
  }

  private static Map<String, JsonNode> toMap(JsonNode node) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
