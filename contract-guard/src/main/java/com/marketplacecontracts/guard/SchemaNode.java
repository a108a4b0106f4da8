package com.marketplacecontracts.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplacecontracts.core.internal.json.ClassRun;
import com.marketplacecontracts.core.internal.json.Rfc3339;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One schema compiled into the checks {@link CompiledSchema} runs while it reads a body: the JSON Schema (draft 4,
 * with OpenAPI's {@code nullable}) the specs use. A keyword it does not compile makes {@link Compiler#compile} throw
 * {@link Unsupported}, and that body is checked by {@link ValidatorSchema} instead.
 */
final class SchemaNode {

  static final int OBJECT = 1;
  static final int ARRAY = 2;
  static final int STRING = 4;
  static final int INTEGER = 8;
  static final int NUMBER = 16;
  static final int BOOLEAN = 32;
  static final int NULL = 64;
  static final int ANY = 127;

  static final int FORMAT_NONE = Rfc3339.NONE;

  int types = ANY;
  String typeText;
  boolean nullable;
  /** This node and the members of its {@code allOf}, flattened: every schema a value of this node must meet. */
  SchemaNode[] flat;
  SchemaNode[] allOf = new SchemaNode[0];

  Names properties = Names.EMPTY;
  String[] required = new String[0];
  /** {@code additionalProperties}: true (anything), false (each one reported), or the schema they must meet. */
  boolean additionalAllowed = true;
  SchemaNode additional;
  int minProperties = -1;
  int maxProperties = -1;

  SchemaNode items;
  int minItems = -1;
  int maxItems = -1;
  boolean uniqueItems;

  int minLength = -1;
  int maxLength = -1;
  Pattern pattern;
  /** The pattern's answer from a table when it is one character class repeated; null when not of that form. */
  ClassRun patternRun;
  int format = FORMAT_NONE;
  String formatText;

  BigDecimal minimum;
  BigDecimal maximum;
  boolean exclusiveMinimum;
  boolean exclusiveMaximum;

  /** The allowed values as {@link CompiledSchema#key} keys; null when the schema has no {@code enum}. */
  Set<Object> enumKeys;
  /** The string values of the {@code enum}, found from a value's raw bytes. */
  Names enumStrings;
  String enumText;
  /** {@link #minimum} and {@link #maximum} as doubles, for the values a double compares exactly. */
  double minimumValue = Double.NaN;
  double maximumValue = Double.NaN;

  /** Whether a value of the instance type {@code type} needs this node's look at it, beyond its type. */
  boolean checksStrings() {
    return enumKeys != null || minLength >= 0 || maxLength >= 0 || pattern != null || format != FORMAT_NONE;
  }

  /** Eight bytes of an array as one little-endian {@code long}. */
  static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** A keyword or form the compiled checker does not handle. */
  static final class Unsupported extends Exception {
    Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  /** Property names of one object schema, found from the raw bytes of a name (no string made per field). */
  static final class Names {
    static final Names EMPTY = new Names(new LinkedHashSet<>(), Map.of(), Map.of());

    final byte[][] names;
    /**
     * Each name's bytes and its closing quote, to be found in place where an answer writes the name as it is;
     * null for a name an answer must escape (a quote, a backslash or a control character in it).
     */
    final byte[][] quoted;
    /** {@link #quoted} as little-endian words, the last one's unused bytes zero; null where it is. */
    private final long[][] quotedWords;
    /** Per name, the bytes of its last word that are its own. */
    private final long[] lastMask;
    final String[] texts;
    /** The property's schema; null for a name only listed as required. */
    final SchemaNode[] schemas;
    /** The bit of a required name in the object's seen-mask; -1 when not required. */
    final int[] requiredBit;
    private final int[] slots;
    private final int mask;

    Names(Set<String> all, Map<String, SchemaNode> schemas, Map<String, Integer> requiredBits) {
      int n = all.size();
      this.names = new byte[n][];
      this.quoted = new byte[n][];
      this.quotedWords = new long[n][];
      this.lastMask = new long[n];
      this.texts = new String[n];
      this.schemas = new SchemaNode[n];
      this.requiredBit = new int[n];
      int size = Integer.highestOneBit(Math.max(4, n * 3)) << 1;
      this.slots = new int[size];
      this.mask = size - 1;
      Arrays.fill(slots, -1);
      int i = 0;
      for (String name : all) {
        names[i] = name.getBytes(StandardCharsets.UTF_8);
        quoted[i] = plain(names[i]) ? Arrays.copyOf(names[i], names[i].length + 1) : null;
        if (quoted[i] != null) {
          quoted[i][names[i].length] = '"';
          quotedWords[i] = words(quoted[i]);
          int tail = quoted[i].length - 8 * (quotedWords[i].length - 1);
          lastMask[i] = tail == 8 ? -1L : (1L << (8 * tail)) - 1;
        }
        texts[i] = name;
        this.schemas[i] = schemas.get(name);
        requiredBit[i] = requiredBits.getOrDefault(name, -1);
        int slot = hash(names[i], 0, names[i].length) & mask;
        while (slots[slot] >= 0) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = i;
        i++;
      }
    }

    private static boolean plain(byte[] name) {
      for (byte c : name) {
        if (c == '"' || c == '\\' || c >= 0 && c < 0x20) {
          return false;
        }
      }
      return true;
    }

    /**
     * Whether the string starting at {@code bytes[from]} (after its opening quote) is the name at {@code index},
     * written as it is and closed: then its end is known without scanning it. False says nothing (it may be the
     * name escaped).
     */
    boolean at(int index, byte[] bytes, int from) {
      long[] words = index < quotedWords.length ? quotedWords[index] : null;
      if (words == null) {
        return false;
      }
      int last = words.length - 1;
      if (from + 8 * words.length > bytes.length) {
        byte[] name = quoted[index];
        return from + name.length <= bytes.length
            && Arrays.equals(name, 0, name.length, bytes, from, from + name.length);
      }
      for (int i = 0; i < last; i++) {
        if ((long) LONGS.get(bytes, from + 8 * i) != words[i]) {
          return false;
        }
      }
      return ((long) LONGS.get(bytes, from + 8 * last) & lastMask[index]) == words[last];
    }

    private static long[] words(byte[] bytes) {
      long[] words = new long[(bytes.length + 7) / 8];
      for (int i = 0; i < bytes.length; i++) {
        words[i / 8] |= (bytes[i] & 0xFFL) << (8 * (i % 8));
      }
      return words;
    }

    /** Length and three bytes: cheap per field; names sharing them are told apart by the comparison. */
    static int hash(byte[] bytes, int from, int to) {
      int length = to - from;
      if (length == 0) {
        return 0;
      }
      int h = length * 29791 + bytes[from] * 961 + bytes[from + (length >> 1)] * 31 + bytes[to - 1];
      return h ^ (h >>> 7);
    }

    /**
     * The index of the name in {@code bytes[from, to)} (UTF-8, unescaped), or -1. {@code guess} is tried first:
     * answers list their fields in one order, so the one after the previous field is usually next.
     */
    int find(byte[] bytes, int from, int to, int guess) {
      if (guess >= 0 && guess < names.length && is(guess, bytes, from, to)) {
        return guess;
      }
      if (names.length == 0) {
        return -1;
      }
      int slot = hash(bytes, from, to) & mask;
      for (int i; (i = slots[slot]) >= 0; slot = (slot + 1) & mask) {
        if (is(i, bytes, from, to)) {
          return i;
        }
      }
      return -1;
    }

    /** The schema of the property named {@code name}; null when there is none, or it is only listed as required. */
    SchemaNode schemaOf(String name) {
      for (int i = 0; i < texts.length; i++) {
        if (texts[i].equals(name)) {
          return schemas[i];
        }
      }
      return null;
    }

    int find(byte[] bytes, int from, int to) {
      return find(bytes, from, to, -1);
    }

    private boolean is(int index, byte[] bytes, int from, int to) {
      byte[] name = names[index];
      return name.length == to - from && Arrays.equals(name, 0, name.length, bytes, from, to);
    }
  }

  /**
   * Compiles the schemas of one spec; a {@code $ref} is compiled once per target and may refer back to itself
   * (a region's parent region): the body's depth bounds the walk, not the schema.
   */
  static final class Compiler {
    private static final Set<String> UNSUPPORTED = Set.of("oneOf", "anyOf", "not", "patternProperties",
        "dependencies", "additionalItems", "multipleOf");

    private final Function<String, JsonNode> references;
    private final Map<String, SchemaNode> byReference = new HashMap<>();
    private final Map<JsonNode, SchemaNode> byNode = new IdentityHashMap<>();

    /** {@code references} gives the schema a {@code $ref} names (closed like the rest), or null. */
    Compiler(Function<String, JsonNode> references) {
      this.references = references;
    }

    SchemaNode compile(JsonNode schema) throws Unsupported {
      SchemaNode node = node(schema, 0);
      flatten(node, new IdentityHashMap<>());
      return node;
    }

    private SchemaNode node(JsonNode schema, int depth) throws Unsupported {
      if (depth > 200) {
        throw new Unsupported("schema nested more than 200 levels");
      }
      if (!schema.isObject()) {
        throw new Unsupported("schema that is not an object");
      }
      SchemaNode known = byNode.get(schema);
      if (known != null) {
        return known;
      }
      JsonNode ref = schema.get("$ref");
      if (ref != null) {
        String name = ref.asText();
        SchemaNode target = byReference.get(name);
        if (target == null) {
          JsonNode referenced = references.apply(name);
          if (referenced == null) {
            throw new Unsupported("$ref " + name);
          }
          target = new SchemaNode();
          byReference.put(name, target);
          fill(target, referenced, depth);
        }
        return target;
      }
      SchemaNode node = new SchemaNode();
      byNode.put(schema, node);
      fill(node, schema, depth);
      return node;
    }

    private void fill(SchemaNode node, JsonNode schema, int depth) throws Unsupported {
      for (String keyword : (Iterable<String>) schema::fieldNames) {
        if (UNSUPPORTED.contains(keyword)) {
          throw new Unsupported(keyword);
        }
      }
      JsonNode type = schema.get("type");
      if (type != null) {
        node.types = 0;
        if (type.isArray()) {
          for (JsonNode one : type) {
            node.types |= type(one.asText());
          }
        } else {
          node.types = type(type.asText());
        }
        node.typeText = type.isArray() ? type.toString() : type.asText();
      }
      node.nullable = schema.path("nullable").asBoolean(false);
      JsonNode allOf = schema.get("allOf");
      if (allOf != null) {
        List<SchemaNode> members = new ArrayList<>();
        for (JsonNode member : allOf) {
          members.add(node(member, depth + 1));
        }
        node.allOf = members.toArray(new SchemaNode[0]);
      }
      Map<String, SchemaNode> properties = new HashMap<>();
      Set<String> names = new LinkedHashSet<>();
      JsonNode declared = schema.get("properties");
      if (declared != null) {
        for (Map.Entry<String, JsonNode> property : (Iterable<Map.Entry<String, JsonNode>>) declared::fields) {
          names.add(property.getKey());
          properties.put(property.getKey(), node(property.getValue(), depth + 1));
        }
      }
      JsonNode required = schema.get("required");
      Map<String, Integer> bits = new HashMap<>();
      if (required != null) {
        List<String> list = new ArrayList<>();
        for (JsonNode name : required) {
          if (bits.putIfAbsent(name.asText(), list.size()) == null) {
            list.add(name.asText());
            names.add(name.asText());
          }
        }
        if (list.size() > 64) {
          throw new Unsupported("more than 64 required properties");
        }
        node.required = list.toArray(new String[0]);
      }
      node.properties = names.isEmpty() ? Names.EMPTY : new Names(names, properties, bits);
      JsonNode additional = schema.get("additionalProperties");
      if (additional != null) {
        if (additional.isBoolean()) {
          node.additionalAllowed = additional.asBoolean();
        } else if (additional.isObject()) {
          node.additional = node(additional, depth + 1);
        }
      }
      node.minProperties = schema.path("minProperties").asInt(-1);
      node.maxProperties = schema.path("maxProperties").asInt(-1);
      JsonNode items = schema.get("items");
      if (items != null) {
        if (!items.isObject()) {
          throw new Unsupported("items as a list");
        }
        node.items = node(items, depth + 1);
      }
      node.minItems = schema.path("minItems").asInt(-1);
      node.maxItems = schema.path("maxItems").asInt(-1);
      node.uniqueItems = schema.path("uniqueItems").asBoolean(false);
      node.minLength = schema.path("minLength").asInt(-1);
      node.maxLength = schema.path("maxLength").asInt(-1);
      JsonNode pattern = schema.get("pattern");
      if (pattern != null) {
        try {
          node.pattern = Pattern.compile(pattern.asText());
          node.patternRun = ClassRun.of(pattern.asText());
        } catch (PatternSyntaxException e) {
          throw new Unsupported("pattern " + pattern.asText());
        }
      }
      String format = schema.path("format").asText("");
      node.format = Rfc3339.format(format); // the validator asserts only three of the specs' formats
      node.formatText = format;
      if (schema.has("minimum")) {
        node.minimum = schema.get("minimum").decimalValue();
        node.minimumValue = exactDouble(node.minimum);
        node.exclusiveMinimum = schema.path("exclusiveMinimum").asBoolean(false);
      }
      if (schema.has("maximum")) {
        node.maximum = schema.get("maximum").decimalValue();
        node.maximumValue = exactDouble(node.maximum);
        node.exclusiveMaximum = schema.path("exclusiveMaximum").asBoolean(false);
      }
      JsonNode values = schema.get("enum");
      if (values != null) {
        Set<Object> keys = new LinkedHashSet<>();
        for (JsonNode value : values) {
          keys.add(CompiledSchema.key(value));
        }
        node.enumKeys = keys;
        Set<String> strings = new LinkedHashSet<>();
        for (Object key : keys) {
          if (key instanceof String text) {
            strings.add(text);
          }
        }
        node.enumStrings = new Names(strings, Map.of(), Map.of());
        node.enumText = values.toString();
      }
    }

    /** The bound as a double when the double is exactly it (0, 1, 0.5, ...); NaN otherwise. */
    private static double exactDouble(BigDecimal bound) {
      double value = bound.doubleValue();
      return !Double.isInfinite(value) && new BigDecimal(value).compareTo(bound) == 0 ? value : Double.NaN;
    }

    private static int type(String name) throws Unsupported {
      return switch (name) {
        case "object" -> OBJECT;
        case "array" -> ARRAY;
        case "string" -> STRING;
        case "integer" -> INTEGER;
        case "number" -> NUMBER | INTEGER;
        case "boolean" -> BOOLEAN;
        case "null" -> NULL;
        case "any" -> ANY;
        default -> throw new Unsupported("type " + name);
      };
    }

    private static void flatten(SchemaNode node, Map<SchemaNode, Boolean> done) throws Unsupported {
      if (done.put(node, Boolean.TRUE) != null) {
        return;
      }
      Set<SchemaNode> all = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      collect(node, all, 0);
      node.flat = all.toArray(new SchemaNode[0]);
      for (SchemaNode member : node.allOf) {
        flatten(member, done);
      }
      for (SchemaNode property : node.properties.schemas) {
        if (property != null) {
          flatten(property, done);
        }
      }
      if (node.additional != null) {
        flatten(node.additional, done);
      }
      if (node.items != null) {
        flatten(node.items, done);
      }
    }

    private static void collect(SchemaNode node, Set<SchemaNode> all, int depth) throws Unsupported {
      if (depth > 32) {
        throw new Unsupported("allOf nested more than 32 levels or referring to itself");
      }
      if (all.add(node)) {
        for (SchemaNode member : node.allOf) {
          collect(member, all, depth + 1);
        }
      }
    }
  }
}
