package com.marketplacecontracts.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplacecontracts.core.internal.json.Rfc3339;
import com.marketplacecontracts.core.json.Checks;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.ContractMismatch.Direction;
import com.marketplacecontracts.core.operation.ContractMismatch.Kind;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A body checked against a {@link SchemaNode} in one pass over its bytes: no tree, no string made for a value
 * the schema does not constrain. The reader is strict JSON (RFC 8259, UTF-8) and stops at the bounds the guard
 * states: {@link ContractGuard#MAX_CHECKED_TOKENS} tokens, {@link ContractGuard#MAX_CHECKED_DEPTH} levels, numbers
 * of at most 1000 characters, {@link #MAX_PATTERN_LENGTH} characters matched against a pattern. A body it stops on
 * gets that one finding, not the ones found before.
 */
final class CompiledSchema implements BodySchema {

  static final String TOO_BIG = "body of more than " + ContractGuard.MAX_CHECKED_TOKENS + " JSON tokens or "
      + ContractGuard.MAX_CHECKED_DEPTH + " levels, more than the guard checks";
  /** Longer strings are not run through a spec's pattern (a regular expression's cost may grow faster). */
  static final int MAX_PATTERN_LENGTH = Checks.MAX_PATTERN_LENGTH;
  private static final int MAX_NUMBER_LENGTH = 1000;
  private static final SchemaNode[] NOTHING = new SchemaNode[0];
  private static final ObjectMapper TREES = new ObjectMapper();

  private final SchemaNode root;
  /** Whether the client's checked read covers every rule of this schema (see {@link #coveredByCheckedRead}). */
  private final boolean coveredByCheckedRead;

  CompiledSchema(SchemaNode root) {
    this.root = root;
    this.coveredByCheckedRead = coveredByCheckedRead(root, java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>()));
  }

  /**
   * Whether a body of this schema may be left to the client's checked read ({@code Checks}), which checks types,
   * required fields, string enums, lengths, patterns, bounds, formats and item counts as strictly as this class,
   * but not counts of properties, schemas for additional ones, enums of other values, repeated items other than
   * strings and integers, or a required name with no property. A schema using one of those is always checked here.
   */
  boolean coveredByCheckedRead() {
    return coveredByCheckedRead;
  }

  SchemaNode root() {
    return root;
  }

  private static boolean coveredByCheckedRead(SchemaNode node, Set<SchemaNode> seen) {
    if (!seen.add(node)) {
      return true;
    }
    if (node.minProperties >= 0 || node.maxProperties >= 0 || node.additional != null) {
      return false;
    }
    // A required name the schema gives no property for is in no generated model, so its read cannot miss it;
    // a value meets all of node.flat (its allOf), whose properties together make the model's.
    for (SchemaNode one : node.flat) {
      for (String required : one.required) {
        if (Arrays.stream(node.flat).noneMatch(other -> other.properties.schemaOf(required) != null)) {
          return false;
        }
      }
    }
    if (node.enumKeys != null && !node.enumKeys.stream().allMatch(key -> key instanceof String)) {
      return false;
    }
    if (node.uniqueItems && (node.items == null || Arrays.stream(node.items.flat).anyMatch(item ->
        (item.types & ~SchemaNode.NULL) != SchemaNode.STRING && (item.types & ~SchemaNode.NULL) != SchemaNode.INTEGER))) {
      return false;
    }
    for (SchemaNode member : node.allOf) {
      if (!coveredByCheckedRead(member, seen)) {
        return false;
      }
    }
    for (SchemaNode property : node.properties.schemas) {
      if (property != null && !coveredByCheckedRead(property, seen)) {
        return false;
      }
    }
    return node.items == null || coveredByCheckedRead(node.items, seen);
  }

  static String more(int count) {
    return count + " more mismatches not reported (at most " + ContractGuard.MAX_REPORTED + " a message)";
  }

  @Override
  public void check(byte[] body, String operationId, Direction direction, List<ContractMismatch> found) {
    int before = found.size();
    Walk walk = new Walk(body, operationId, direction, found);
    try {
      walk.skipSpace();
      if (walk.p == body.length) {
        found.add(new ContractMismatch(operationId, direction, Kind.CONSTRAINT, "$", "body is empty"));
        return;
      }
      walk.value(root.flat, false);
      walk.skipSpace();
      if (walk.p != body.length) {
        throw Stop.NOT_JSON;
      }
    } catch (Stop stop) {
      found.subList(before, found.size()).clear();
      found.add(stop == Stop.NOT_JSON
          ? new ContractMismatch(operationId, direction, Kind.CONSTRAINT, "$", "body is not JSON")
          : ValidatorSchema.notChecked(operationId, direction, stop.why));
      return;
    }
    if (walk.unreported > 0) {
      found.add(ValidatorSchema.notChecked(operationId, direction, more(walk.unreported)));
    }
  }

  /** Why a body is not checked further. */
  private static final class Stop extends RuntimeException {
    static final Stop NOT_JSON = new Stop("body is not JSON");
    static final Stop TOO_BIG = new Stop(CompiledSchema.TOO_BIG);
    final String why;

    Stop(String why) {
      super(why, null, false, false);
      this.why = why;
    }
  }

  /**
   * The key a value is compared by for {@code enum} and {@code uniqueItems}, equal where the validator's JSON
   * trees are equal: a string by its text, an integer by its value, a decimal as a double, objects and arrays as
   * trees.
   */
  static Object key(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    } else if (value.isIntegralNumber()) {
      return new IntegerKey(value.bigIntegerValue().toString());
    } else if (value.isNumber()) {
      return value.doubleValue();
    } else if (value.isBoolean()) {
      return value.booleanValue();
    } else if (value.isNull()) {
      return NullKey.NULL;
    }
    return value;
  }

  private record IntegerKey(String digits) {
  }

  private enum NullKey { NULL }

  /** One check of one body. */
  private static final class Walk {
    final byte[] b;
    final String operationId;
    final Direction direction;
    final List<ContractMismatch> found;
    final int start;
    int p;
    long tokens;
    int depth;
    int unreported;
    /** The path to the current value: per level a name's span (escaped or not) or an index. */
    final int[] nameFrom = new int[ContractGuard.MAX_CHECKED_DEPTH + 2];
    final int[] nameTo = new int[ContractGuard.MAX_CHECKED_DEPTH + 2];
    final int[] index = new int[ContractGuard.MAX_CHECKED_DEPTH + 2];
    Set<String> reported;
    /** Of the string {@link #stringEnd} last passed: its UTF-8 continuation bytes (0 for ASCII). */
    int continuations;
    /**
     * Whether that string's bytes are the one UTF-8 form of its text: no escape, and no character of three or four
     * bytes (whose overlong forms and surrogates the scan lets through), so equal text means equal bytes.
     */
    boolean canonical;

    Walk(byte[] b, String operationId, Direction direction, List<ContractMismatch> found) {
      this.b = b;
      this.operationId = operationId;
      this.direction = direction;
      this.found = found;
      this.start = found.size();
    }

    void skipSpace() {
      byte[] b = this.b;
      int p = this.p;
      while (p < b.length && (b[p] == ' ' || b[p] == '\n' || b[p] == '\r' || b[p] == '\t')) {
        p++;
      }
      this.p = p;
    }

    private void token() {
      if (++tokens > ContractGuard.MAX_CHECKED_TOKENS) {
        throw Stop.TOO_BIG;
      }
    }

    /**
     * Checks the value at {@code p} against {@code nodes}. {@code inNullable}: the enclosing object's or array's
     * schema is nullable, which lets a null through the type check as the validator does.
     */
    void value(SchemaNode[] nodes, boolean inNullable) {
      if (p >= b.length) {
        throw Stop.NOT_JSON;
      }
      switch (b[p]) {
        case '{' -> object(nodes);
        case '[' -> array(nodes);
        case '"' -> string(nodes);
        case 't' -> literal("true", SchemaNode.BOOLEAN, Boolean.TRUE, nodes, false);
        case 'f' -> literal("false", SchemaNode.BOOLEAN, Boolean.FALSE, nodes, false);
        case 'n' -> literal("null", SchemaNode.NULL, NullKey.NULL, nodes, inNullable);
        default -> number(nodes);
      }
    }

    private void open() {
      token();
      if (++depth > ContractGuard.MAX_CHECKED_DEPTH) {
        throw Stop.TOO_BIG;
      }
      p++;
      skipSpace();
      if (p >= b.length) {
        throw Stop.NOT_JSON;
      }
    }

    /** After a member or element: true when another follows, false at the closing {@code close}. */
    private boolean next(byte close) {
      skipSpace();
      if (p < b.length && b[p] == ',') {
        p++;
        skipSpace();
        return true;
      }
      if (p < b.length && b[p] == close) {
        p++;
        token();
        depth--;
        return false;
      }
      throw Stop.NOT_JSON;
    }

    private void object(SchemaNode[] nodes) {
      int at = p;
      open();
      int level = depth;
      long seen = 0;
      long[] seenMore = nodes.length > 1 ? new long[nodes.length] : null;
      boolean nullable = nullable(nodes);
      int guess = 0;
      int count = 0;
      if (b[p] == '}') {
        p++;
        token();
        depth--;
      } else {
        do {
          if (p >= b.length || b[p] != '"') {
            throw Stop.NOT_JSON;
          }
          int from = p + 1;
          // Answers list their fields in the schema's order: the expected name is compared in place, its end
          // then known without scanning it.
          int expected = nodes.length > 0 && nodes[0].properties.at(guess, b, from) ? guess : -1;
          boolean escaped = false;
          if (expected >= 0) {
            p = from + nodes[0].properties.quoted[expected].length;
          } else {
            escaped = stringEnd();
          }
          int to = p - 1;
          token();
          skipSpace();
          if (p >= b.length || b[p] != ':') {
            throw Stop.NOT_JSON;
          }
          p++;
          skipSpace();
          nameFrom[level] = from;
          nameTo[level] = to;
          index[level] = escaped ? -2 : -1;
          byte[] nameBytes = b;
          int nameStart = from;
          int nameEnd = to;
          if (escaped) {
            nameBytes = text(from, to).getBytes(StandardCharsets.UTF_8);
            nameStart = 0;
            nameEnd = nameBytes.length;
          }
          SchemaNode[] child = NOTHING;
          for (int i = 0; i < nodes.length; i++) {
            SchemaNode node = nodes[i];
            int property = i == 0 ? (expected >= 0 ? expected
                : node.properties.find(nameBytes, nameStart, nameEnd, guess))
                : node.properties.find(nameBytes, nameStart, nameEnd);
            if (i == 0) {
              guess = property + 1;
            }
            SchemaNode schema = null;
            if (property >= 0) {
              int bit = node.properties.requiredBit[property];
              if (bit >= 0) {
                if (i == 0) {
                  seen |= 1L << bit;
                } else {
                  seenMore[i] |= 1L << bit;
                }
              }
              schema = node.properties.schemas[property];
            }
            if (schema == null) {
              if (node.additional != null) {
                schema = node.additional;
              } else if (!node.additionalAllowed) {
                String name = text(from, to);
                report(Kind.UNKNOWN_FIELD, path(level - 1), name, "property '" + name
                    + "' is not defined in the schema and the schema does not allow additional properties");
              }
            }
            if (schema != null) {
              child = child.length == 0 ? schema.flat : union(child, schema.flat);
            }
          }
          if (p < b.length && b[p] == '"') {
            string(child); // most values: no dispatch
          } else {
            value(child, nullable);
          }
          count++;
        } while (next((byte) '}'));
      }
      for (int i = 0; i < nodes.length; i++) {
        SchemaNode node = nodes[i];
        typeCheck(node, SchemaNode.OBJECT, "object", level - 1);
        enumCheck(node, at, level - 1);
        long mask = i == 0 ? seen : seenMore[i];
        String[] required = node.required;
        for (int bit = 0; bit < required.length; bit++) {
          if ((mask & (1L << bit)) == 0) {
            report(Kind.MISSING_REQUIRED, path(level - 1), null,
                "required property '" + required[bit] + "' not found");
          }
        }
        if (node.minProperties >= 0 && count < node.minProperties) {
          report(Kind.CONSTRAINT, path(level - 1), null, "must have at least " + node.minProperties
              + " properties but found " + count);
        }
        if (node.maxProperties >= 0 && count > node.maxProperties) {
          report(Kind.CONSTRAINT, path(level - 1), null, "must have at most " + node.maxProperties
              + " properties but found " + count);
        }
      }
    }

    private static boolean nullable(SchemaNode[] nodes) {
      for (SchemaNode node : nodes) {
        if (node.nullable) {
          return true;
        }
      }
      return false;
    }

    private static SchemaNode[] union(SchemaNode[] a, SchemaNode[] b) {
      List<SchemaNode> all = new ArrayList<>(List.of(a));
      for (SchemaNode node : b) {
        if (!all.contains(node)) {
          all.add(node);
        }
      }
      return all.toArray(NOTHING);
    }

    private void array(SchemaNode[] nodes) {
      int at = p;
      open();
      int level = depth;
      SchemaNode[] child = NOTHING;
      boolean unique = false;
      for (SchemaNode node : nodes) {
        if (node.items != null) {
          child = child.length == 0 ? node.items.flat : union(child, node.items.flat);
        }
        unique |= node.uniqueItems;
      }
      Distinct keys = unique ? new Distinct() : null;
      boolean nullable = nullable(nodes);
      boolean duplicate = false;
      int count = 0;
      if (b[p] == ']') {
        p++;
        token();
        depth--;
      } else {
        do {
          index[level] = count;
          int from = p;
          if (p < b.length && b[p] == '"') {
            string(child); // most values: no dispatch
          } else {
            value(child, nullable);
          }
          if (keys != null && !keys.add(from, p)) {
            duplicate = true;
          }
          count++;
        } while (next((byte) ']'));
      }
      for (SchemaNode node : nodes) {
        typeCheck(node, SchemaNode.ARRAY, "array", level - 1);
        enumCheck(node, at, level - 1);
        if (node.minItems >= 0 && count < node.minItems) {
          report(Kind.CONSTRAINT, path(level - 1), null, "must have at least " + node.minItems
              + " items but found " + count);
        }
        if (node.maxItems >= 0 && count > node.maxItems) {
          report(Kind.CONSTRAINT, path(level - 1), null, "must have at most " + node.maxItems
              + " items but found " + count);
        }
        if (node.uniqueItems && duplicate) {
          report(Kind.CONSTRAINT, path(level - 1), null, "must have only unique items in the array");
        }
      }
    }

    /**
     * The items of one {@code uniqueItems} array seen so far. The first few, while all are strings compared by their
     * bytes (no escape, no character of three or four bytes: equal bytes then mean equal text and back), are kept as
     * spans and compared pairwise with no key made; past them, or at the first other item, every item so far
     * becomes a {@link #key} in a set.
     */
    private final class Distinct {
      private static final int SPANS = 8;
      private final int[] spans = new int[2 * SPANS];
      private int count;
      private Set<Object> keys;

      /** Adds the item in {@code b[from, to)}; false when an equal one was added before. */
      boolean add(int from, int to) {
        if (keys == null) {
          if (count < SPANS && b[from] == '"' && canonical) {
            for (int i = 0; i < 2 * count; i += 2) {
              if (Arrays.equals(b, spans[i], spans[i + 1], b, from, to)) {
                spans[2 * count] = from;
                spans[2 * count + 1] = to;
                count++;
                return false;
              }
            }
            spans[2 * count] = from;
            spans[2 * count + 1] = to;
            count++;
            return true;
          }
          keys = new HashSet<>();
          for (int i = 0; i < 2 * count; i += 2) {
            keys.add(key(spans[i], spans[i + 1]));
          }
        }
        return keys.add(key(from, to));
      }
    }

    /** The comparison key of the value in {@code b[from, to)}: a scalar's from its bytes, a container's as a tree. */
    private Object key(int from, int to) {
      byte first = b[from];
      if (first == '"') {
        return text(from + 1, to - 1);
      } else if (first == 't' || first == 'f') {
        return first == 't';
      } else if (first == 'n') {
        return NullKey.NULL;
      } else if (first != '{' && first != '[') {
        String number = new String(b, from, to - from, StandardCharsets.US_ASCII);
        boolean integral = number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
        return integral ? new IntegerKey(new java.math.BigInteger(number).toString()) : Double.parseDouble(number);
      }
      try {
        return CompiledSchema.key(TREES.readTree(b, from, to - from));
      } catch (IOException e) {
        throw Stop.NOT_JSON;
      }
    }

    /** Bytes a string's fast scan passes over: printable ASCII other than the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
      for (int c = 0x20; c < 0x80; c++) {
        PLAIN[c] = c != '"' && c != '\\';
      }
    }

    private static final VarHandle LONGS = SchemaNode.LONGS;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    /**
     * Whether the eight bytes are all plain (printable ASCII, no quote, no backslash). Once no byte has its high bit
     * set, {@code v - n * ONES} sets a byte's high bit exactly when some byte of {@code v} is below {@code n}.
     */
    private static boolean plainWord(long x) {
      return ((x | (x - 0x20 * ONES) | ((x ^ '"' * ONES) - ONES) | ((x ^ '\\' * ONES) - ONES)) & HIGH) == 0;
    }

    /**
     * Whether the eight bytes are four two-byte UTF-8 characters: each lead byte {@code 110xxxxx} but not
     * {@code C0}/{@code C1} (some of its bits 1-4 set), each second byte {@code 10xxxxxx}.
     */
    private static boolean twoByteWord(long x) {
      long leads = x & 0x001E001E001E001EL;
      return (x & 0xC0E0C0E0C0E0C0E0L) == 0x80C080C080C080C0L
          && ((leads + 0x00FF00FF00FF00FFL) & 0x0100010001000100L) == 0x0100010001000100L;
    }

    /**
     * Moves past the string at {@code p} (its opening quote); true when it holds an escape. Sets
     * {@link #continuations} and {@link #canonical} for it.
     */
    private boolean stringEnd() {
      byte[] b = this.b;
      int p = this.p + 1;
      boolean escaped = false;
      boolean wide = false;
      int continuations = 0;
      int end = b.length;
      while (true) {
        while (p <= end - 8 && plainWord((long) LONGS.get(b, p))) {
          p += 8;
        }
        while (p < end) {
          byte c = b[p];
          if (c >= 0) {
            if (!PLAIN[c]) {
              break;
            }
            p++;
          } else if (c >= (byte) 0xC2 && c <= (byte) 0xDF && p + 1 < end && (b[p + 1] & 0xC0) == 0x80) {
            p += 2; // the two-byte characters of Cyrillic text, most of a marketplace's non-ASCII
            continuations++;
            while (p <= end - 8 && twoByteWord((long) LONGS.get(b, p))) {
              p += 8;
              continuations += 4;
            }
          } else {
            break;
          }
        }
        if (p >= end) {
          throw Stop.NOT_JSON;
        }
        byte c = b[p];
        if (c == '"') {
          this.p = p + 1;
          this.continuations = continuations;
          this.canonical = !escaped && !wide;
          return escaped;
        } else if (c == '\\') {
          escaped = true;
          if (p + 1 >= end) {
            throw Stop.NOT_JSON;
          }
          switch (b[p + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> p += 2;
            case 'u' -> {
              if (p + 5 >= end) {
                throw Stop.NOT_JSON;
              }
              for (int i = p + 2; i < p + 6; i++) {
                if (Character.digit(b[i], 16) < 0) {
                  throw Stop.NOT_JSON;
                }
              }
              p += 6;
            }
            default -> throw Stop.NOT_JSON;
          }
        } else if (c >= 0) {
          throw Stop.NOT_JSON; // a control character
        } else {
          int next = utf8(b, p);
          continuations += next - p - 1;
          wide = true;
          p = next;
        }
      }
    }

    /** Past one multi-byte UTF-8 character starting at {@code p}. */
    private static int utf8(byte[] b, int p) {
      int lead = b[p] & 0xFF;
      int length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
          : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
      if (length == 0 || p + length > b.length) {
        throw Stop.NOT_JSON;
      }
      for (int i = p + 1; i < p + length; i++) {
        if ((b[i] & 0xC0) != 0x80) {
          throw Stop.NOT_JSON;
        }
      }
      return p + length;
    }

    /** The text of the string whose content is {@code b[from, to)}. */
    private String text(int from, int to) {
      boolean plain = true;
      for (int i = from; i < to && plain; i++) {
        plain = b[i] != '\\';
      }
      if (plain) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
      }
      StringBuilder text = new StringBuilder(to - from);
      int i = from;
      while (i < to) {
        int plainEnd = i;
        while (plainEnd < to && b[plainEnd] != '\\') {
          plainEnd++;
        }
        text.append(new String(b, i, plainEnd - i, StandardCharsets.UTF_8));
        if (plainEnd >= to) {
          break;
        }
        char c = (char) b[plainEnd + 1];
        switch (c) {
          case 'b' -> text.append('\b');
          case 'f' -> text.append('\f');
          case 'n' -> text.append('\n');
          case 'r' -> text.append('\r');
          case 't' -> text.append('\t');
          case 'u' -> text.append((char) Integer.parseInt(new String(b, plainEnd + 2, 4, StandardCharsets.US_ASCII),
              16));
          default -> text.append(c);
        }
        i = plainEnd + (c == 'u' ? 6 : 2);
      }
      return text.toString();
    }

    private void string(SchemaNode[] nodes) {
      int from = p + 1;
      boolean escaped = stringEnd();
      int to = p - 1;
      int continuations = this.continuations;
      token();
      String text = null;
      for (SchemaNode node : nodes) {
        typeCheck(node, SchemaNode.STRING, "string", depth);
        if (!node.checksStrings()) {
          continue;
        }
        if (escaped && text == null) {
          text = text(from, to);
        }
        if (node.enumKeys != null && !(text == null ? node.enumStrings.find(b, from, to) >= 0
            : node.enumKeys.contains(text))) {
          report(Kind.UNKNOWN_ENUM_VALUE, path(depth), null,
              "does not have a value in the enumeration " + node.enumText);
        }
        if (node.minLength >= 0 || node.maxLength >= 0) {
          // unescaped: a character per byte that is not a continuation
          int length = text == null ? to - from - continuations : text.codePointCount(0, text.length());
          if (node.minLength >= 0 && length < node.minLength) {
            report(Kind.CONSTRAINT, path(depth), null, "must be at least " + node.minLength + " characters long");
          }
          if (node.maxLength >= 0 && length > node.maxLength) {
            report(Kind.CONSTRAINT, path(depth), null, "must be at most " + node.maxLength + " characters long");
          }
        }
        if (node.pattern != null || node.format != SchemaNode.FORMAT_NONE) {
          boolean ascii = text == null && continuations == 0;
          CharSequence chars = text != null ? text : ascii ? this.ascii.of(from, to) : (text = text(from, to));
          if (node.pattern != null) {
            if (chars.length() > MAX_PATTERN_LENGTH) {
              report(Kind.NOT_CHECKED, path(depth), null, "string longer than " + MAX_PATTERN_LENGTH
                  + " characters not matched against the pattern " + node.pattern.pattern());
            } else if (!(ascii && node.patternRun != null && node.patternRun.accepts(chars))
                && !node.pattern.matcher(chars).find()) {
              report(Kind.CONSTRAINT, path(depth), null, "does not match the regex pattern "
                  + node.pattern.pattern());
            }
          }
          if (node.format != SchemaNode.FORMAT_NONE && !Rfc3339.valid(node.format, chars)) {
            report(Kind.CONSTRAINT, path(depth), null, "is not a valid RFC 3339 " + node.formatText);
          }
        }
      }
    }

    private final AsciiChars ascii = new AsciiChars();

    /** An unescaped ASCII string's bytes seen as characters, with no copy (for patterns and formats). */
    private final class AsciiChars implements CharSequence {
      private int from;
      private int to;

      AsciiChars of(int from, int to) {
        this.from = from;
        this.to = to;
        return this;
      }

      @Override
      public int length() {
        return to - from;
      }

      @Override
      public char charAt(int index) {
        return (char) b[from + index];
      }

      @Override
      public CharSequence subSequence(int start, int end) {
        return new String(b, from + start, end - start, StandardCharsets.US_ASCII);
      }

      @Override
      public String toString() {
        return new String(b, from, to - from, StandardCharsets.US_ASCII);
      }
    }

    private void literal(String word, int type, Object key, SchemaNode[] nodes, boolean inNullable) {
      int length = word.length();
      if (p + length > b.length) {
        throw Stop.NOT_JSON;
      }
      for (int i = 0; i < length; i++) {
        if (b[p + i] != word.charAt(i)) {
          throw Stop.NOT_JSON;
        }
      }
      p += length;
      token();
      for (SchemaNode node : nodes) {
        if (type == SchemaNode.NULL && node.nullable) {
          continue;
        }
        if (!inNullable) {
          typeCheck(node, type, word.equals("null") ? "null" : "boolean", depth);
        }
        if (node.enumKeys != null && !node.enumKeys.contains(key)) {
          report(Kind.UNKNOWN_ENUM_VALUE, path(depth), null,
              "does not have a value in the enumeration " + node.enumText);
        }
      }
    }

    private void number(SchemaNode[] nodes) {
      int from = p;
      byte[] b = this.b;
      int p = from;
      if (p < b.length && b[p] == '-') {
        p++;
      }
      if (p >= b.length) {
        throw Stop.NOT_JSON;
      }
      // The digits as a long and the count after the point: the value for bounds() of a short number (a longer
      // one's long overflows, and it is not used).
      long mantissa = 0;
      if (b[p] == '0') {
        p++;
      } else if (b[p] >= '1' && b[p] <= '9') {
        while (p < b.length && b[p] >= '0' && b[p] <= '9') {
          mantissa = mantissa * 10 + (b[p] - '0');
          p++;
        }
      } else {
        throw Stop.NOT_JSON;
      }
      boolean integral = true;
      int scale = 0;
      if (p < b.length && b[p] == '.') {
        integral = false;
        int point = ++p;
        while (p < b.length && b[p] >= '0' && b[p] <= '9') {
          mantissa = mantissa * 10 + (b[p] - '0');
          p++;
        }
        if (p == point) {
          throw Stop.NOT_JSON;
        }
        scale = p - point;
      }
      boolean exponent = false;
      if (p < b.length && (b[p] == 'e' || b[p] == 'E')) {
        integral = false;
        exponent = true;
        p++;
        if (p < b.length && (b[p] == '+' || b[p] == '-')) {
          p++;
        }
        p = digits(b, p);
      }
      if (p - from > MAX_NUMBER_LENGTH) {
        throw new Stop("a number of more than " + MAX_NUMBER_LENGTH + " characters, more than the guard checks");
      }
      this.p = p;
      token();
      int type = integral ? SchemaNode.INTEGER : SchemaNode.NUMBER;
      for (SchemaNode node : nodes) {
        typeCheck(node, type, integral ? "integer" : "number", depth);
        if (node.minimum == null && node.maximum == null && node.enumKeys == null) {
          continue;
        }
        if (node.enumKeys == null && !exponent && bounds(node, p - from, b[from] == '-' ? -mantissa : mantissa,
            scale)) {
          continue;
        }
        String text = new String(b, from, p - from, StandardCharsets.US_ASCII);
        BigDecimal value = integral ? new BigDecimal(text) : decimal(text);
        if (node.minimum != null && value != null) {
          int order = value.compareTo(node.minimum);
          if (order < 0 || order == 0 && node.exclusiveMinimum) {
            report(Kind.CONSTRAINT, path(depth), null, "must have " + (node.exclusiveMinimum ? "an exclusive " : "a ")
                + "minimum value of " + node.minimum.toPlainString());
          }
        }
        if (node.maximum != null && value != null) {
          int order = value.compareTo(node.maximum);
          if (order > 0 || order == 0 && node.exclusiveMaximum) {
            report(Kind.CONSTRAINT, path(depth), null, "must have " + (node.exclusiveMaximum ? "an exclusive " : "a ")
                + "maximum value of " + node.maximum.toPlainString());
          }
        }
        if (node.enumKeys != null) {
          Object key = integral ? new IntegerKey(value.toBigInteger().toString()) : Double.parseDouble(text);
          if (!node.enumKeys.contains(key)) {
            report(Kind.UNKNOWN_ENUM_VALUE, path(depth), null,
                "does not have a value in the enumeration " + node.enumText);
          }
        }
      }
    }

    /**
     * Checks {@code minimum}/{@code maximum} on a number of {@code length} characters without an exponent, whose
     * digits are {@code mantissa} with {@code scale} of them after the point, without making an object, when both it
     * and the bounds are exact doubles (up to 15 characters); false to leave it to the exact path.
     */
    private boolean bounds(SchemaNode node, int length, long mantissa, int scale) {
      if (length > 15 || node.minimum != null && Double.isNaN(node.minimumValue)
          || node.maximum != null && Double.isNaN(node.maximumValue)) {
        return false;
      }
      double value = mantissa / POWERS[scale];
      if (node.minimum != null && (value < node.minimumValue || value == node.minimumValue && node.exclusiveMinimum)) {
        report(Kind.CONSTRAINT, path(depth), null, "must have " + (node.exclusiveMinimum ? "an exclusive " : "a ")
            + "minimum value of " + node.minimum.toPlainString());
      }
      if (node.maximum != null && (value > node.maximumValue || value == node.maximumValue && node.exclusiveMaximum)) {
        report(Kind.CONSTRAINT, path(depth), null, "must have " + (node.exclusiveMaximum ? "an exclusive " : "a ")
            + "maximum value of " + node.maximum.toPlainString());
      }
      return true;
    }

    private static final double[] POWERS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16};

    /** A decimal as the validator sees it: a double, or its exact value past a double's range. */
    private static BigDecimal decimal(String text) {
      double value = Double.parseDouble(text);
      return Double.isInfinite(value) ? new BigDecimal(text) : BigDecimal.valueOf(value);
    }

    private static int digits(byte[] b, int p) {
      int from = p;
      while (p < b.length && b[p] >= '0' && b[p] <= '9') {
        p++;
      }
      if (p == from) {
        throw Stop.NOT_JSON;
      }
      return p;
    }

    private void typeCheck(SchemaNode node, int type, String name, int level) {
      if ((node.types & type) == 0) {
        report(Kind.WRONG_TYPE, path(level), null, name + " found, " + node.typeText + " expected");
      }
    }

    /** An object or array never equals an enum of the specs' scalar values; checked as a tree if one lists one. */
    private void enumCheck(SchemaNode node, int from, int level) {
      if (node.enumKeys != null && !node.enumKeys.contains(key(from, p))) {
        report(Kind.UNKNOWN_ENUM_VALUE, path(level), null, "does not have a value in the enumeration "
            + node.enumText);
      }
    }

    /** The path of the value at {@code level} (0: the body), in the validator's JSONPath form. */
    private String path(int level) {
      StringBuilder path = new StringBuilder("$");
      for (int i = 1; i <= level; i++) {
        if (index[i] >= 0) {
          path.append('[').append(index[i]).append(']');
        } else {
          appendName(path, text(nameFrom[i], nameTo[i]));
        }
      }
      return path.toString();
    }

    private static void appendName(StringBuilder path, String name) {
      boolean simple = !name.isEmpty() && (Character.isLetter(name.charAt(0)) || name.charAt(0) == '_');
      for (int i = 1; i < name.length() && simple; i++) {
        simple = Character.isLetterOrDigit(name.charAt(i)) || name.charAt(i) == '_';
      }
      if (simple) {
        path.append('.').append(name);
      } else {
        path.append("['").append(name.replace("\\", "\\\\").replace("'", "\\'")).append("']");
      }
    }

    private void report(Kind kind, String location, String property, String message) {
      if (property != null) {
        StringBuilder at = new StringBuilder(location);
        appendName(at, property);
        location = at.toString();
      }
      if (reported == null) {
        reported = new HashSet<>();
      }
      String text = location + ": " + message;
      if (!reported.add(kind + text)) {
        return; // two schemas of an allOf saying the same
      }
      if (found.size() - start >= ContractGuard.MAX_REPORTED) {
        unreported++;
        return;
      }
      found.add(new ContractMismatch(operationId, direction, kind, location, text));
    }
  }
}
