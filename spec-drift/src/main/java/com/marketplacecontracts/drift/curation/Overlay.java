package com.marketplacecontracts.drift.curation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAPI Overlay 1.0 document applied to a tree: each action's {@code target} (a JSONPath) selects nodes, then
 * {@code update} is merged into each (objects recursively, arrays appended) or {@code remove: true} deletes them.
 * An action whose target selects nothing is an error: the curation no longer matches the document it was written
 * for, and a re-import must say so instead of dropping the decision silently.
 */
public final class Overlay {

  private static final Configuration PATHS = Configuration.builder()
      .jsonProvider(new JacksonJsonNodeJsonProvider()).mappingProvider(new JacksonMappingProvider())
      .options(Option.AS_PATH_LIST, Option.SUPPRESS_EXCEPTIONS).build();
  private static final Pattern STEP = Pattern.compile("\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d+)\\]");

  private final List<Action> actions;

  private Overlay(List<Action> actions) {
    this.actions = actions;
  }

  /** One action: what it selects, and the update to merge or the removal. */
  public record Action(String target, JsonNode update, boolean remove, String description) {
  }

  /** The overlay of a tree read from an Overlay 1.0 document. */
  public static Overlay of(JsonNode document) {
    if (!document.path("overlay").asText().startsWith("1.")) {
      throw new CurationException("not an Overlay 1.x document: 'overlay: 1.0.0' is missing");
    }
    JsonNode list = document.path("actions");
    if (!list.isArray() || list.isEmpty()) {
      throw new CurationException("an overlay needs at least one action");
    }
    List<Action> actions = new ArrayList<>();
    for (JsonNode action : list) {
      String target = action.path("target").asText("");
      boolean remove = action.path("remove").asBoolean(false);
      JsonNode update = action.get("update");
      if (target.isEmpty() || (update == null) == !remove) {
        throw new CurationException("action #" + (actions.size() + 1) + ": a target and either update or remove"
            + " are needed");
      }
      actions.add(new Action(target, update, remove, action.path("description").asText("")));
    }
    return new Overlay(List.copyOf(actions));
  }

  public List<Action> actions() {
    return actions;
  }

  /** Applies every action in order to {@code tree} (changed in place). */
  public void apply(ObjectNode tree) {
    for (int i = 0; i < actions.size(); i++) {
      Action action = actions.get(i);
      List<String> paths = new ArrayList<>();
      try {
        Object found = JsonPath.using(PATHS).parse(tree).read(action.target());
        if (found instanceof JsonNode list) {
          list.forEach(path -> paths.add(path.asText()));
        } else if (found instanceof List<?> list) {
          list.forEach(path -> paths.add(String.valueOf(path)));
        }
      } catch (InvalidPathException e) {
        throw new CurationException("action #" + (i + 1) + ": not a JSONPath: " + action.target());
      }
      if (paths.isEmpty()) {
        throw new CurationException("action #" + (i + 1) + " selects nothing in the document: " + action.target()
            + (action.description().isEmpty() ? "" : " (" + action.description() + ")"));
      }
      // Removing from the end keeps the earlier array positions valid.
      List<String> order = new ArrayList<>(paths);
      if (action.remove()) {
        java.util.Collections.reverse(order);
      }
      for (String path : order) {
        apply(tree, steps(path), action);
      }
    }
  }

  private static void apply(ObjectNode tree, List<Object> steps, Action action) {
    if (steps.isEmpty()) {
      if (action.remove()) {
        throw new CurationException("an overlay cannot remove the whole document");
      }
      merge(tree, action.update());
      return;
    }
    JsonNode parent = tree;
    for (Object step : steps.subList(0, steps.size() - 1)) {
      parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
    }
    Object last = steps.get(steps.size() - 1);
    if (action.remove()) {
      if (parent instanceof ObjectNode object) {
        object.remove((String) last);
      } else {
        ((ArrayNode) parent).remove((Integer) last);
      }
      return;
    }
    JsonNode target = last instanceof Integer index ? parent.get(index) : parent.get((String) last);
    if (target.isObject() && action.update().isObject()) {
      merge((ObjectNode) target, action.update());
    } else if (target.isArray()) {
      ArrayNode array = (ArrayNode) target;
      if (action.update().isArray()) {
        action.update().forEach(item -> array.add(item.deepCopy()));
      } else {
        array.add(action.update().deepCopy());
      }
    } else if (parent instanceof ObjectNode object) {
      object.set((String) last, action.update().deepCopy());
    } else {
      ((ArrayNode) parent).set((Integer) last, action.update().deepCopy());
    }
  }

  /** Overlay merge: members of an object update replace or recursively merge; arrays in the update replace. */
  private static void merge(ObjectNode target, JsonNode update) {
    update.fields().forEachRemaining(e -> {
      JsonNode existing = target.get(e.getKey());
      if (existing instanceof ObjectNode object && e.getValue().isObject()) {
        merge(object, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    });
  }

  /** {@code $['paths']['/a']['get']} as its steps. */
  private static List<Object> steps(String path) {
    List<Object> steps = new ArrayList<>();
    Matcher m = STEP.matcher(path);
    int at = 1;
    while (m.find(at) && m.start() == at) {
      steps.add(m.group(1) != null ? m.group(1).replace("\\'", "'").replace("\\\\", "\\")
          : (Object) Integer.valueOf(m.group(2)));
      at = m.end();
    }
    if (at != path.length()) {
      throw new CurationException("unexpected JSONPath result: " + path);
    }
    return steps;
  }
}
