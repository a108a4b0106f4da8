package com.marketplacecontracts.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML or JSON file of a spec into a Jackson tree, bounded: a few aliases (so an alias bomb cannot expand),
 * a nesting depth, a size in code points, a number of values after aliases are expanded; no duplicate keys, no
 * recursive structures, no custom tags. Aliases are expanded here, so a {@code $ref} behind an alias is seen by the
 * reference checks like any other. Scalars keep their text (a date stays a string).
 */
final class SafeYaml {

  static final int MAX_ALIASES = 50;
  static final int MAX_DEPTH = 64;
  static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
  static final int MAX_VALUES = 2_000_000;
  private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]{0,63})");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]{1,64}(\\.[0-9]{0,64})?([eE][-+]?[0-9]{1,3})?");

  private SafeYaml() {
  }

  /** The tree of a file; {@code name} only names it in errors. */
  static JsonNode read(byte[] bytes, String name) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new UnreadableSpecException("not UTF-8: " + name);
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setProcessComments(false);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (YAMLException | IllegalStateException e) {
      // The parser's message quotes the offending line: say where, not what.
      throw new UnreadableSpecException("not valid YAML or JSON, or past the reader's bounds (" + MAX_ALIASES
          + " aliases, depth " + MAX_DEPTH + ", " + MAX_CODE_POINTS + " code points): " + name
          + at(e));
    }
    if (root == null) {
      throw new UnreadableSpecException("empty document: " + name);
    }
    return new Converter(name).convert(root, 0);
  }

  private static String at(RuntimeException e) {
    if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
      return " (line " + (marked.getProblemMark().getLine() + 1) + ")";
    }
    return "";
  }

  /** Node graph to tree, counting values after alias expansion and refusing a structure that contains itself. */
  private static final class Converter {
    private final String name;
    private final Map<Node, Boolean> open = new IdentityHashMap<>();
    private int values;

    Converter(String name) {
      this.name = name;
    }

    JsonNode convert(Node node, int depth) {
      if (++values > MAX_VALUES) {
        throw new UnreadableSpecException("more than " + MAX_VALUES + " values once aliases are expanded: " + name);
      }
      if (depth > MAX_DEPTH * 4) {
        throw new UnreadableSpecException("nested deeper than " + MAX_DEPTH * 4 + " once aliases are expanded: "
            + name);
      }
      if (node instanceof ScalarNode scalar) {
        return scalar(scalar);
      }
      if (open.put(node, Boolean.TRUE) != null) {
        throw new UnreadableSpecException("a YAML structure that contains itself: " + name);
      }
      try {
        if (node instanceof SequenceNode sequence) {
          ArrayNode array = JsonNodeFactory.instance.arrayNode();
          for (Node item : sequence.getValue()) {
            array.add(convert(item, depth + 1));
          }
          return array;
        }
        MappingNode mapping = (MappingNode) node;
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (NodeTuple tuple : mapping.getValue()) {
          if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
            throw new UnreadableSpecException("a mapping key that is not a plain value: " + name);
          }
          if (Tag.MERGE.equals(key.getTag())) {
            throw new UnreadableSpecException("YAML merge keys (<<) are not read: " + name);
          }
          object.set(key.getValue(), convert(tuple.getValueNode(), depth + 1));
        }
        return object;
      } finally {
        open.remove(node);
      }
    }

    private JsonNode scalar(ScalarNode scalar) {
      String value = scalar.getValue();
      Tag tag = scalar.getTag();
      if (Tag.NULL.equals(tag)) {
        return JsonNodeFactory.instance.nullNode();
      }
      if (Tag.BOOL.equals(tag)) {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        return JsonNodeFactory.instance.booleanNode(lower.equals("true") || lower.equals("yes") || lower.equals("on")
            || lower.equals("y"));
      }
      if (Tag.INT.equals(tag) && INTEGER.matcher(value).matches()) {
        BigInteger number = new BigInteger(value);
        return number.bitLength() < 64 ? JsonNodeFactory.instance.numberNode(number.longValue())
            : JsonNodeFactory.instance.numberNode(number);
      }
      if (Tag.FLOAT.equals(tag) && DECIMAL.matcher(value).matches()) {
        return JsonNodeFactory.instance.numberNode(new BigDecimal(value));
      }
      if (Tag.STR.equals(tag) || Tag.TIMESTAMP.equals(tag) || Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)
          || Tag.BINARY.equals(tag)) {
        return JsonNodeFactory.instance.textNode(value);
      }
      throw new UnreadableSpecException("a YAML tag that is not read (" + tag.getValue().replaceAll("[^!-~]", "?")
          + "): " + name);
    }
  }
}
