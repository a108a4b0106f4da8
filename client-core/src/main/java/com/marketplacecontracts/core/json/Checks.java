package com.marketplacecontracts.core.json;

import com.marketplacecontracts.core.internal.json.ClassRun;
import com.marketplacecontracts.core.internal.json.JsonEscapes;
import com.marketplacecontracts.core.internal.json.Rfc3339;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import okio.Buffer;

/**
 * The checked read of one body: the client decodes an answer once and shows on the way that it conforms to its
 * schema (JSON types, required fields, enum values, lengths, patterns, bounds, formats, item counts, repeated
 * items), so a contract guard need not read it again. The generated adapters call it through the readers made
 * here ({@link CheckedDecoding}). It never judges, it only tells whether the guard must look: a value that may
 * break a rule (an unknown field or enum value, a length, a bound, a missing field) is decoded as usual and
 * {@link #flagged() flags} the body, which the guard then checks from its bytes; a value the usual decoding would
 * read otherwise (another JSON type, an integer written {@code 1.0}) or a body past the bounds throws
 * {@link #DOUBT}, and the body is then checked by the guard and decoded the usual way. So every rule here is as
 * strict as the guard's own or stricter, never looser. One instance per body; not thread-safe.
 */
public final class Checks {

  /** Thrown where the checked read cannot show the body conforms; carries nothing (no stack, no value). */
  public static final RuntimeException DOUBT = new Doubt();

  /** Strings longer than this are not run through a pattern (the guard's bound too: a regex's cost may grow fast). */
  public static final int MAX_PATTERN_LENGTH = 10_000;

  private final long maxTokens;
  private final int maxDepth;
  /** The body as it came, for the bytes of a literal just read; the reader consumes a copy of it. */
  private final Buffer body;
  private final Buffer reading;
  private final JsonReader reader;
  private long tokens;
  private int depth;
  private boolean flagged;

  Checks(Buffer body, long maxTokens, int maxDepth) {
    this.maxTokens = maxTokens;
    this.maxDepth = maxDepth;
    this.body = body;
    this.reading = body.copy(); // shares the body's segments: no bytes copied
    this.reader = JsonReader.of(reading);
  }

  /** A checked read of a whole body, and whether it was flagged for the guard. */
  public record Read<T>(T value, boolean flagged) {
  }

  /**
   * Reads {@code body} (left as it is), a JSON object and nothing after it, with {@code decoding}, no further than
   * the guard's bounds: its value and whether it was flagged for the guard; null where it cannot be read as the
   * usual decoding reads it (a doubt), so the usual decoding and the guard take it.
   */
  public static <T> Read<T> read(CheckedDecoding<T> decoding, Buffer body, long maxTokens, int maxDepth) {
    Checks checks = new Checks(body, maxTokens, maxDepth);
    if (!JsonEscapes.plain(body)) {
      checks.flag(); // a raw control character or an escape JSON does not have: only the guard can say
    }
    try {
      if (checks.reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        return null;
      }
      T value = decoding.fromJsonChecked(checks.reader, checks);
      return checks.reader.peek() == JsonReader.Token.END_DOCUMENT ? new Read<>(value, checks.flagged) : null;
    } catch (IOException | RuntimeException e) {
      return null; // a doubt, or a body the checked read could not decode
    }
  }

  /** The reader of this body (for tests of single readers). */
  JsonReader reader() {
    return reader;
  }

  /**
   * Flags a literal just read that is not written as JSON writes it: Moshi's reader takes {@code TRUE} or
   * {@code Null} too. It ends where the reader now is.
   */
  private void literal(String text) {
    long end = body.size() - reading.size();
    for (int i = 0; i < text.length(); i++) {
      if (body.getByte(end - text.length() + i) != text.charAt(i)) {
        flag();
        return;
      }
    }
  }

  private static final class Doubt extends RuntimeException {
    Doubt() {
      super("the checked read cannot show the body conforms", null, false, false);
    }
  }

  /** Opens an object of a generated model. */
  public void beginObject(JsonReader reader) throws IOException {
    open();
    reader.beginObject();
  }

  public void endObject(JsonReader reader) throws IOException {
    reader.endObject();
    close();
  }

  /** Counts a member's name. */
  public void name() {
    token();
  }

  /** Whether something read may break a rule, so the guard must check the body's bytes itself. */
  public boolean flagged() {
    return flagged;
  }

  private void flag() {
    flagged = true;
  }

  /** A member whose name the model does not know: skipped, as the usual decoding does, for the guard to judge. */
  public void unknownName(JsonReader reader) throws IOException {
    flag();
    reader.skipName();
    reader.skipValue();
  }

  /** A required member was not there. */
  public void missingRequired() {
    flag();
  }

  private void token() {
    if (++tokens > maxTokens) {
      throw DOUBT;
    }
  }

  private void open() {
    token();
    if (++depth > maxDepth) {
      throw DOUBT;
    }
  }

  private void close() {
    token();
    depth--;
  }

  /** True for a null (read, as the usual decoding reads it: null); one the schema does not allow flags the body. */
  private boolean isNull(JsonReader reader, boolean nullable) throws IOException {
    if (reader.peek() != JsonReader.Token.NULL) {
      return false;
    }
    if (!nullable) {
      flag();
    }
    token();
    reader.nextNull();
    literal("null");
    return true;
  }

  private void expect(JsonReader reader, JsonReader.Token token) throws IOException {
    if (reader.peek() != token) {
      throw DOUBT;
    }
    token();
  }

  /**
   * {@code read}, or where the checked read has none for a field's form (a map, an untyped value) the field's usual
   * adapter, which flags the body.
   */
  public static <T> CheckedDecoding<T> orUsual(CheckedDecoding<T> read, JsonAdapter<T> usual) {
    if (read != null) {
      return read;
    }
    return (reader, checks) -> {
      checks.flag();
      return usual.fromJson(reader);
    };
  }

  /**
   * A generated model, through its own checked read (or Moshi's adapter for the type, if another, flagging). Its
   * adapter is looked up at the first read: a model that holds itself (a region's parent) is built while its own
   * adapter is, when Moshi can only give a stand-in.
   */
  public static <T> CheckedDecoding<T> model(Moshi moshi, Class<T> type, boolean nullable) {
    return new CheckedDecoding<>() {
      private volatile CheckedDecoding<T> model;

      @Override
      @SuppressWarnings("unchecked")
      public T fromJsonChecked(JsonReader reader, Checks checks) throws IOException {
        if (checks.isNull(reader, nullable)) {
          return null;
        }
        CheckedDecoding<T> read = model;
        if (read == null) {
          JsonAdapter<T> adapter = moshi.adapter(type);
          read = adapter instanceof CheckedDecoding<?> checked ? (CheckedDecoding<T>) checked : orUsual(null, adapter);
          model = read;
        }
        return read.fromJsonChecked(reader, checks);
      }
    };
  }

  /**
   * A string: lengths in characters ({@code -1} for none), a pattern found anywhere in it (JSON Schema's reading),
   * a {@code format} of which {@code date-time}, {@code date} and {@code time} are checked.
   */
  public static CheckedDecoding<String> text(boolean nullable, int minLength, int maxLength, String pattern,
      String format) {
    Pattern compiled = pattern == null ? null : Pattern.compile(pattern);
    ClassRun run = pattern == null ? null : ClassRun.of(pattern); // the specs' ids: a table, not the regex
    int formatCode = Rfc3339.format(format);
    return (reader, checks) -> {
      if (checks.isNull(reader, nullable)) {
        return null;
      }
      checks.expect(reader, JsonReader.Token.STRING);
      String text = reader.nextString();
      // Broken UTF-8 is decoded as U+FFFD, which the guard would refuse as bytes: only the guard can tell.
      if (text.indexOf('\uFFFD') >= 0
          || (minLength > 0 || maxLength >= 0) && !lengthWithin(text, minLength, maxLength)
          || compiled != null && (text.length() > MAX_PATTERN_LENGTH
              || !(run != null && run.accepts(text)) && !compiled.matcher(text).find())
          || formatCode != Rfc3339.NONE && !Rfc3339.valid(formatCode, text)) {
        checks.flag();
      }
      return text;
    };
  }

  /**
   * Lengths count characters (code points), the UTF-16 length counts a pair as two: a text of {@code n} units has
   * between {@code n / 2} and {@code n} characters, and only when that range straddles a bound is it counted.
   */
  private static boolean lengthWithin(String text, int minLength, int maxLength) {
    int units = text.length();
    if ((maxLength < 0 || units <= maxLength) && (units + 1) / 2 >= minLength) {
      return true;
    }
    int characters = text.codePointCount(0, units);
    return characters >= minLength && (maxLength < 0 || characters <= maxLength);
  }

  /** A string of an open enum, kept as its text (as the models keep it); a value it does not know flags the body. */
  public static <E extends Enum<E> & OpenEnum> CheckedDecoding<String> enumText(Class<E> type, boolean nullable) {
    Known<E> known = new Known<>(type);
    return (reader, checks) -> {
      if (checks.isNull(reader, nullable)) {
        return null;
      }
      int index = known.select(reader, checks);
      return index >= 0 ? known.values[index] : reader.nextString();
    };
  }

  /** A value of an open enum as its constant (a list's items): {@code UNRECOGNIZED}, flagging, for another value. */
  public static <E extends Enum<E> & OpenEnum> CheckedDecoding<E> enumValue(Class<E> type, boolean nullable) {
    Known<E> known = new Known<>(type);
    E unrecognized = Enum.valueOf(type, OpenEnum.UNRECOGNIZED);
    return (reader, checks) -> {
      if (checks.isNull(reader, nullable)) {
        return null;
      }
      int index = known.select(reader, checks);
      if (index >= 0) {
        return known.constants.get(index);
      }
      reader.skipValue();
      return unrecognized;
    };
  }

  /** The values an enum knows, matched in place. */
  private static final class Known<E extends Enum<E> & OpenEnum> {
    final String[] values;
    final List<E> constants = new ArrayList<>();
    final JsonReader.Options options;

    Known(Class<E> type) {
      List<String> values = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        if (constant.getValue() != null) {
          values.add(constant.getValue());
          constants.add(constant);
        }
      }
      this.values = values.toArray(new String[0]);
      this.options = JsonReader.Options.of(this.values);
    }

    /** The index of the known value at the reader (read), or -1 (flagging) with the string not read. */
    int select(JsonReader reader, Checks checks) throws IOException {
      checks.expect(reader, JsonReader.Token.STRING);
      int index = reader.selectString(options);
      if (index < 0) {
        checks.flag();
      }
      return index;
    }
  }

  /** Bounds of a number from the spec's text ({@code null} for none). */
  private record Bounds(BigDecimal minimum, boolean exclusiveMinimum, BigDecimal maximum, boolean exclusiveMaximum,
      long low, long high, BigDecimal[] near) {

    /** How close to a bound, relatively, a value is before the double the guard reads it as may differ. */
    private static final BigDecimal CLOSE = new BigDecimal("1e-12");
    /** Below this a value may be 0 as a double (the least double is about 4.9e-324). */
    private static final BigDecimal TINY = new BigDecimal("1e-300");

    static Bounds of(String minimum, boolean exclusiveMinimum, String maximum, boolean exclusiveMaximum) {
      BigDecimal min = minimum == null ? null : new BigDecimal(minimum);
      BigDecimal max = maximum == null ? null : new BigDecimal(maximum);
      // The least and greatest whole numbers within the bounds, for integers compared without a BigDecimal.
      long low = min == null ? Long.MIN_VALUE : whole(exclusiveMinimum
          ? min.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE) : min.setScale(0, RoundingMode.CEILING));
      long high = max == null ? Long.MAX_VALUE : whole(exclusiveMaximum
          ? max.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE) : max.setScale(0, RoundingMode.FLOOR));
      List<BigDecimal> near = new ArrayList<>();
      for (BigDecimal bound : new BigDecimal[] {min, max}) {
        if (bound != null) {
          BigDecimal reach = bound.signum() == 0 ? TINY : bound.abs().multiply(CLOSE);
          near.add(bound.subtract(reach));
          near.add(bound.add(reach));
        }
      }
      return new Bounds(min, exclusiveMinimum, max, exclusiveMaximum, low, high, near.toArray(new BigDecimal[0]));
    }

    private static long whole(BigDecimal value) {
      BigDecimal clamped = value.max(BigDecimal.valueOf(Long.MIN_VALUE)).min(BigDecimal.valueOf(Long.MAX_VALUE));
      return clamped.longValueExact();
    }

    boolean within(long value) {
      return value >= low && value <= high;
    }

    /**
     * Whether a decimal (its exact {@code value}, and the {@code text} it was read from) may break the bounds as the
     * guard reads it: exactly, or as the double it reads the text as when the value is so close to a bound that
     * the double may fall on the other side ({@code 1e-400} is 0 as a double, on an exclusive minimum of 0). Farther
     * off, the double and its shortest decimal are on the same side as the exact value.
     */
    boolean broken(BigDecimal value, String text) {
      if (!within(value)) {
        return true;
      }
      for (int i = 0; i < near.length; i += 2) {
        if (value.compareTo(near[i]) > 0 && value.compareTo(near[i + 1]) < 0) {
          double asDouble = Double.parseDouble(text);
          return !Double.isFinite(asDouble) || !within(BigDecimal.valueOf(asDouble));
        }
      }
      return false;
    }

    boolean within(BigDecimal value) {
      if (minimum != null) {
        int against = value.compareTo(minimum);
        if (against < 0 || exclusiveMinimum && against == 0) {
          return false;
        }
      }
      if (maximum != null) {
        int against = value.compareTo(maximum);
        return against <= 0 && !(exclusiveMaximum && against == 0);
      }
      return true;
    }
  }

  /** A JSON number's text, no longer than the client reads ({@link MoshiFactory#MAX_NUMBER_LENGTH}). */
  private String number(JsonReader reader) throws IOException {
    expect(reader, JsonReader.Token.NUMBER);
    String text = reader.nextString();
    if (text.length() > MoshiFactory.MAX_NUMBER_LENGTH) {
      throw DOUBT;
    }
    return text;
  }

  /** Whether {@code text} is an integer written plainly: digits, maybe a minus, no fraction or exponent. */
  private static boolean plainInteger(String text) {
    int i = text.startsWith("-") ? 1 : 0;
    if (i == text.length()) {
      return false;
    }
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** A {@code type: integer} read as a {@code Long}. */
  public static CheckedDecoding<Long> int64(boolean nullable, String minimum, boolean exclusiveMinimum,
      String maximum, boolean exclusiveMaximum) {
    Bounds bounds = Bounds.of(minimum, exclusiveMinimum, maximum, exclusiveMaximum);
    return (reader, checks) -> checks.isNull(reader, nullable) ? null : checks.whole(reader, bounds);
  }

  /** A {@code type: integer} read as an {@code Integer}. */
  public static CheckedDecoding<Integer> int32(boolean nullable, String minimum, boolean exclusiveMinimum,
      String maximum, boolean exclusiveMaximum) {
    Bounds bounds = Bounds.of(minimum, exclusiveMinimum, maximum, exclusiveMaximum);
    return (reader, checks) -> {
      if (checks.isNull(reader, nullable)) {
        return null;
      }
      long value = checks.whole(reader, bounds);
      if (value != (int) value) {
        throw DOUBT;
      }
      return (int) value;
    };
  }

  private long whole(JsonReader reader, Bounds bounds) throws IOException {
    String text = number(reader);
    if (!plainInteger(text) || text.length() > 19) {
      throw DOUBT;
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw DOUBT;
    }
    if (!bounds.within(value)) {
      flag();
    }
    return value;
  }

  /** A {@code type: number} read exactly as a {@code BigDecimal}. */
  public static CheckedDecoding<BigDecimal> decimal(boolean nullable, String minimum, boolean exclusiveMinimum,
      String maximum, boolean exclusiveMaximum) {
    Bounds bounds = Bounds.of(minimum, exclusiveMinimum, maximum, exclusiveMaximum);
    return (reader, checks) -> {
      if (checks.isNull(reader, nullable)) {
        return null;
      }
      String text = checks.number(reader);
      BigDecimal value = new BigDecimal(text);
      if (bounds.broken(value, text)) {
        checks.flag();
      }
      return value;
    };
  }

  /** A {@code type: number} read as a finite {@code Double}; the bounds are compared as for a decimal. */
  public static CheckedDecoding<Double> float64(boolean nullable, String minimum, boolean exclusiveMinimum,
      String maximum, boolean exclusiveMaximum) {
    Bounds bounds = Bounds.of(minimum, exclusiveMinimum, maximum, exclusiveMaximum);
    return (reader, checks) -> {
      if (checks.isNull(reader, nullable)) {
        return null;
      }
      String text = checks.number(reader);
      double value = Double.parseDouble(text);
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw DOUBT;
      }
      if (bounds.near.length > 0 && bounds.broken(new BigDecimal(text), text)) {
        checks.flag();
      }
      return value;
    };
  }

  public static CheckedDecoding<Boolean> bool(boolean nullable) {
    return (reader, checks) -> {
      if (checks.isNull(reader, nullable)) {
        return null;
      }
      checks.expect(reader, JsonReader.Token.BOOLEAN);
      boolean value = reader.nextBoolean();
      checks.literal(value ? "true" : "false");
      return value;
    };
  }

  /** A {@code date-time} string (its rules in {@code text}), as the client's adapter reads it. */
  public static CheckedDecoding<OffsetDateTime> dateTime(CheckedDecoding<String> text) {
    return (reader, checks) -> {
      String value = text.fromJsonChecked(reader, checks);
      if (value == null) {
        return null;
      }
      OffsetDateTime usual = IsoText.dateTime(value); // the adapter's own first reading, else the adapter
      return usual != null ? usual : MoshiFactory.DATE_TIME.fromJsonValue(value);
    };
  }

  /** A {@code date} string (its rules in {@code text}), as the client's adapter reads it. */
  public static CheckedDecoding<LocalDate> date(CheckedDecoding<String> text) {
    return (reader, checks) -> {
      String value = text.fromJsonChecked(reader, checks);
      if (value == null) {
        return null;
      }
      LocalDate usual = IsoText.date(value);
      return usual != null ? usual : MoshiFactory.DATE.fromJsonValue(value);
    };
  }

  /**
   * An array read into a list, as Moshi's collection adapter does; item counts {@code -1} for none. Null when
   * {@code item} is (no checked read for the items' form).
   */
  public static <T> CheckedDecoding<List<T>> list(CheckedDecoding<T> item, boolean nullable, int minItems,
      int maxItems) {
    return item == null ? null : (reader, checks) -> checks.isNull(reader, nullable) ? null
        : checks.items(reader, item, new ArrayList<>(), minItems, maxItems);
  }

  /**
   * An array of {@code uniqueItems} read into a set, as Moshi's collection adapter does (a repeated item kept
   * once, flagging). Only for items whose Java equality is JSON's (strings, whole numbers, enum constants).
   */
  public static <T> CheckedDecoding<Set<T>> set(CheckedDecoding<T> item, boolean nullable, int minItems,
      int maxItems) {
    return item == null ? null : (reader, checks) -> checks.isNull(reader, nullable) ? null
        : checks.items(reader, item, new LinkedHashSet<>(), minItems, maxItems);
  }

  private <T, C extends Collection<T>> C items(JsonReader reader, CheckedDecoding<T> item, C into, int minItems,
      int maxItems) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_ARRAY) {
      throw DOUBT;
    }
    open();
    reader.beginArray();
    int count = 0;
    while (reader.hasNext()) {
      if (!into.add(item.fromJsonChecked(reader, this))) {
        flag(); // a repeated item of a set
      }
      count++;
    }
    reader.endArray();
    close();
    if (count < minItems || maxItems >= 0 && count > maxItems) {
      flag();
    }
    return into;
  }
}
