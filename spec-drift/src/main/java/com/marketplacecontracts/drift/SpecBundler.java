package com.marketplacecontracts.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a document split over files into one tree whose every {@code $ref} is local ({@code #/components/...}), so
 * the parser that reads it never opens a file or a connection.
 *
 * <p>A file in a folder named after a component kind ({@code schemas/Foo.yaml}, {@code parameters/...},
 * {@code responses/...}, ...) becomes that component, named after the file; any other referenced file (the path
 * items) is inlined where it is referenced. Every file is read through a {@link DocumentRoot}, which refuses
 * anything outside the document's own folder.
 */
final class SpecBundler {

  static final Set<String> KINDS = Set.of("schemas", "parameters", "responses", "requestBodies", "headers",
      "examples", "securitySchemes", "links", "callbacks");
  private static final Pattern COMPONENT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final int MAX_INLINE_DEPTH = 32;

  private final DocumentRoot root;
  private String rootName;
  private final Map<String, JsonNode> files = new HashMap<>();
  /** kind → name → the file it came from; filled as references are met, bundled in name order. */
  private final Map<String, Map<String, String>> components = new TreeMap<>();
  private final Deque<String[]> pending = new ArrayDeque<>();
  private final Map<String, JsonNode> bundled = new HashMap<>();

  private SpecBundler(DocumentRoot root) {
    this.root = root;
  }

  /** The whole document whose root file is {@code rootName}, as one tree. */
  static ObjectNode bundle(DocumentRoot root, String rootName) {
    return new SpecBundler(root).run(rootName);
  }

  private ObjectNode run(String rootName) {
    this.rootName = rootName;
    JsonNode top = file(rootName);
    if (!top.isObject()) {
      throw new UnreadableSpecException("not an OpenAPI 3 document: " + root.describe());
    }
    ObjectNode out = (ObjectNode) rewrite(top, rootName, new ArrayList<>());
    while (!pending.isEmpty()) {
      String[] next = pending.removeFirst();
      String key = next[0] + "/" + next[1];
      if (!bundled.containsKey(key)) {
        bundled.put(key, rewrite(file(next[2]), next[2], new ArrayList<>()));
      }
    }
    if (components.isEmpty()) {
      return out;
    }
    ObjectNode componentsNode = out.has("components") && out.get("components").isObject()
        ? (ObjectNode) out.get("components") : out.putObject("components");
    for (Map.Entry<String, Map<String, String>> kind : components.entrySet()) {
      ObjectNode section = componentsNode.has(kind.getKey()) && componentsNode.get(kind.getKey()).isObject()
          ? (ObjectNode) componentsNode.get(kind.getKey()) : componentsNode.putObject(kind.getKey());
      for (String name : new TreeMap<>(kind.getValue()).keySet()) {
        if (section.has(name)) {
          throw new UnreadableSpecException("two definitions of " + kind.getKey() + " " + Text.visible(name, 200));
        }
        section.set(name, bundled.get(kind.getKey() + "/" + name));
      }
    }
    return out;
  }

  private JsonNode file(String relative) {
    JsonNode tree = files.get(relative);
    if (tree == null) {
      tree = SafeYaml.read(root.read(relative), relative);
      files.put(relative, tree);
    }
    return tree;
  }

  /** A copy of {@code node} (from file {@code from}) with every {@code $ref} made local; {@code inlining} guards loops. */
  private JsonNode rewrite(JsonNode node, String from, List<String> inlining) {
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
      node.forEach(item -> copy.add(rewrite(item, from, inlining)));
      return copy;
    }
    if (!node.isObject()) {
      return node;
    }
    JsonNode ref = node.get("$ref");
    if (ref != null && ref.isTextual()) {
      return reference(ref.asText(), (ObjectNode) node, from, inlining);
    }
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    node.fields().forEachRemaining(e -> copy.set(e.getKey(), rewrite(e.getValue(), from, inlining)));
    return copy;
  }

  private JsonNode reference(String ref, ObjectNode node, String from, List<String> inlining) {
    int hash = ref.indexOf('#');
    String filePart = hash < 0 ? ref : ref.substring(0, hash);
    String pointer = hash < 0 ? "" : ref.substring(hash + 1);
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw new UnreadableSpecException("$ref refused: " + Text.visible(ref, 200) + " in " + from
          + ": only JSON pointers are read after '#'");
    }
    String target = filePart.isEmpty() ? from : DocumentRoot.resolve(from, filePart);
    String[] component = componentOf(target);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (target.equals(rootName)) {
      out.put("$ref", "#" + pointer);   // local to the root document: already in its final place
    } else if (component != null) {
      register(component, target);
      out.put("$ref", "#/components/" + component[0] + "/" + component[1] + pointer);
    } else {
      if (inlining.contains(target + "#" + pointer) || inlining.size() >= MAX_INLINE_DEPTH) {
        throw new UnreadableSpecException("$ref refused: " + Text.visible(ref, 200) + " in " + from
            + ": a loop of inlined files");
      }
      JsonNode at = file(target).at(pointer);
      if (at.isMissingNode()) {
        throw new UnreadableSpecException("$ref does not resolve: " + Text.visible(ref, 200) + " in " + from);
      }
      List<String> deeper = new ArrayList<>(inlining);
      deeper.add(target + "#" + pointer);
      return rewrite(at, target, deeper);
    }
    // Siblings of a $ref are kept as written (OpenAPI 3.0 ignores them; the importer drops prose among them).
    node.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("$ref")) {
        out.set(e.getKey(), rewrite(e.getValue(), from, inlining));
      }
    });
    return out;
  }

  private void register(String[] component, String target) {
    Map<String, String> names = components.computeIfAbsent(component[0], k -> new LinkedHashMap<>());
    String known = names.putIfAbsent(component[1], target);
    if (known == null) {
      pending.add(new String[] {component[0], component[1], target});
    } else if (!known.equals(target)) {
      throw new UnreadableSpecException("two files define " + component[0] + " " + Text.visible(component[1], 200)
          + ": " + Text.visible(known, 200) + " and " + Text.visible(target, 200));
    }
  }

  /** {kind, name} when {@code file} sits in a component folder, else null (the file is inlined). */
  private static String[] componentOf(String file) {
    String[] parts = file.split("/");
    if (parts.length < 2 || !KINDS.contains(parts[parts.length - 2])) {
      return null;
    }
    String name = parts[parts.length - 1].replaceFirst("\\.(ya?ml|json)$", "");
    if (!COMPONENT_NAME.matcher(name).matches()) {
      throw new UnreadableSpecException("a component file whose name is not a component name: "
          + Text.visible(file, 200));
    }
    return new String[] {parts[parts.length - 2], name};
  }
}
