package com.marketplacecontracts.core.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.adapters.EnumJsonAdapter;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The one Moshi configuration both clients use. Build it once per client and share it: {@link Moshi} is immutable
 * and caches its adapters.
 */
public final class MoshiFactory {

  /**
   * Longest number text read into a numeric field. A longer token is unreadable: parsing a hostile million-digit
   * number ({@link BigDecimal}, which Moshi's own {@code nextLong} falls back to) costs seconds of CPU.
   */
  public static final int MAX_NUMBER_LENGTH = 64;

  private MoshiFactory() {
  }

  /**
   * A Moshi that decodes the generated models: their generated adapters, open enums, bounded numbers
   * ({@link #MAX_NUMBER_LENGTH}; {@link BigDecimal} kept exact) and {@link OffsetDateTime} date-times.
   */
  public static Moshi create() {
    return new Moshi.Builder()
        .add(GENERATED)
        .add(OPEN_ENUMS)
        .add(NUMBERS)
        .add(OffsetDateTime.class, DATE_TIME.nullSafe())
        .add(LocalDate.class, DATE.nullSafe())
        .build();
  }

  /**
   * Every generated enum implements {@link OpenEnum}: an unknown JSON value becomes its {@code UNRECOGNIZED}
   * constant instead of a {@link com.squareup.moshi.JsonDataException}, because the marketplaces add values.
   */
  static final JsonAdapter.Factory OPEN_ENUMS = new JsonAdapter.Factory() {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty() || !(type instanceof Class<?> raw)) {
        return null;
      }
      if (!raw.isEnum() || !OpenEnum.class.isAssignableFrom(raw)) {
        return null;
      }
      Class<? extends Enum> enumType = (Class<? extends Enum>) raw;
      Enum fallback = Enum.valueOf(enumType, OpenEnum.UNRECOGNIZED);
      return EnumJsonAdapter.create(enumType).withUnknownFallback(fallback).nullSafe();
    }
  };

  /**
   * The raw text of a field typed by an open enum (the models keep what the marketplace sent): a value the enum
   * knows is matched in place ({@link JsonReader#selectString}) and shared, not decoded into a new string each time;
   * any other value, a number included, is read as Moshi's string adapter reads it. Null stays null.
   */
  public static <E extends Enum<E> & OpenEnum> JsonAdapter<String> enumText(Class<E> type) {
    java.util.List<String> values = new java.util.ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      if (constant.getValue() != null) {
        values.add(constant.getValue());
      }
    }
    String[] known = values.toArray(new String[0]);
    JsonReader.Options options = JsonReader.Options.of(known);
    return new JsonAdapter<String>() {
      @Override
      public String fromJson(JsonReader reader) throws IOException {
        if (reader.peek() == JsonReader.Token.NULL) {
          return reader.nextNull();
        }
        int index = reader.selectString(options);
        return index >= 0 ? known[index] : reader.nextString();
      }

      @Override
      public void toJson(JsonWriter writer, String value) throws IOException {
        writer.value(value);
      }

      @Override
      public String toString() {
        return "JsonAdapter(" + type.getSimpleName() + " text)";
      }
    };
  }

  /** The adapters generated with the models ({@link GeneratedAdapter}): no reflection per field when decoding. */
  static final JsonAdapter.Factory GENERATED = new JsonAdapter.Factory() {
    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty() || !(type instanceof Class<?> raw) || !raw.isAnnotationPresent(GeneratedAdapter.class)) {
        return null;
      }
      try {
        Class<?> adapter = Class.forName(raw.getName() + "$MoshiAdapter", true, raw.getClassLoader());
        Constructor<?> constructor = adapter.getDeclaredConstructor(Moshi.class);
        constructor.setAccessible(true);
        return (JsonAdapter<?>) constructor.newInstance(moshi);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("generated model " + raw.getName() + " has no usable MoshiAdapter", e);
      }
    }
  };

  /**
   * {@code format: date-time} (RFC 3339, the only form the specs use): read with its offset kept, written back in
   * the same form, seconds always present.
   */
  static final JsonAdapter<OffsetDateTime> DATE_TIME = temporal(OffsetDateTime.class,
      DateTimeFormatter.ISO_OFFSET_DATE_TIME, IsoText::dateTime, OffsetDateTime::from, "an RFC 3339 date-time");

  /** {@code format: date}: an ISO calendar date ({@code 2026-07-17}), as the Yandex document uses it. */
  static final JsonAdapter<LocalDate> DATE = temporal(LocalDate.class, DateTimeFormatter.ISO_LOCAL_DATE,
      IsoText::date, LocalDate::from, "an ISO date (yyyy-MM-dd)");

  /**
   * A date or time written as text in one ISO form, its usual shape read directly ({@code fast}), any other by the
   * formatter; a value that is not in the form names the path (never in full).
   */
  private static <T extends java.time.temporal.TemporalAccessor> JsonAdapter<T> temporal(Class<T> type,
      DateTimeFormatter format, Parse<T> fast, java.time.temporal.TemporalQuery<T> query, String expected) {
    return new JsonAdapter<>() {
      @Override
      public T fromJson(JsonReader reader) throws IOException {
        String text = reader.nextString();
        T value = fast.parse(text);
        if (value != null) {
          return value;
        }
        try {
          return format.parse(text, query);
        } catch (DateTimeParseException e) {
          throw new JsonDataException("Expected " + expected + " but was '"
              + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "' at path " + pathOfValueRead(reader), e);
        }
      }

      @Override
      public void toJson(JsonWriter writer, T value) throws IOException {
        writer.value(format.format(value));
      }

      @Override
      public String toString() {
        return "JsonAdapter(" + type.getSimpleName() + ")";
      }
    };
  }

  /**
   * The number types the generated models use, each read from the token's text after its length is checked
   * ({@link #MAX_NUMBER_LENGTH}). Integers and doubles also accept a quoted number, as Moshi's own adapters do;
   * prices ({@link BigDecimal}) must be JSON numbers.
   */
  static final JsonAdapter.Factory NUMBERS = new JsonAdapter.Factory() {
    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty()) {
        return null;
      }
      JsonAdapter<?> adapter;
      if (type == Long.class || type == long.class) {
        adapter = number("Long", true, MoshiFactory::parseLong, (writer, value) -> writer.value((long) value));
      } else if (type == Integer.class || type == int.class) {
        adapter = number("Integer", true, MoshiFactory::parseInt, (writer, value) -> writer.value((int) value));
      } else if (type == Double.class || type == double.class) {
        adapter = number("Double", true, MoshiFactory::finiteDouble, (writer, value) -> writer.value((double) value));
      } else if (type == BigDecimal.class) {
        adapter = number("BigDecimal", false, BigDecimal::new, JsonWriter::value);
      } else {
        return null;
      }
      return type instanceof Class<?> raw && raw.isPrimitive() ? adapter : adapter.nullSafe();
    }
  };

  private interface Parse<T> {
    T parse(String text);
  }

  private interface Write<T> {
    void write(JsonWriter writer, T value) throws IOException;
  }

  private static <T> JsonAdapter<T> number(String name, boolean quoted, Parse<T> parse, Write<T> write) {
    return new JsonAdapter<>() {
      @Override
      public T fromJson(JsonReader reader) throws IOException {
        String text = numberText(reader, quoted);
        try {
          return parse.parse(text);
        } catch (NumberFormatException | ArithmeticException e) {
          throw new JsonDataException(
              "Expected " + name + " but was " + text + " at path " + pathOfValueRead(reader), e);
        }
      }

      @Override
      public void toJson(JsonWriter writer, T value) throws IOException {
        write.write(writer, value);
      }

      @Override
      public String toString() {
        return "JsonAdapter(" + name + ")";
      }
    };
  }

  /** The text of a number (or quoted number) token, refused before any parsing when longer than the bound. */
  static String numberText(JsonReader reader, boolean quoted) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token != JsonReader.Token.NUMBER && !(quoted && token == JsonReader.Token.STRING)) {
      throw new JsonDataException(
          "Expected a number but was " + token + " at path " + reader.getPath());
    }
    String text = reader.nextString();
    if (text.length() > MAX_NUMBER_LENGTH) {
      throw new JsonDataException("a number of " + text.length() + " characters at path " + pathOfValueRead(reader)
          + " (at most " + MAX_NUMBER_LENGTH + " are read)");
    }
    return text;
  }

  /**
   * The path of the value just read, for an error message only: building a path costs as much as reading a short
   * value, so it is not built for every value in advance. Once an array element is read the reader's index has
   * moved to the next one; the next token (a name or the end of an object, else an array's) tells which applies.
   */
  static String pathOfValueRead(JsonReader reader) {
    String path = reader.getPath();
    try {
      JsonReader.Token next = reader.peek();
      if (next == JsonReader.Token.NAME || next == JsonReader.Token.END_OBJECT || !path.endsWith("]")) {
        return path;
      }
    } catch (IOException | JsonDataException e) {
      return path;
    }
    int open = path.lastIndexOf('[');
    try {
      int index = Integer.parseInt(path.substring(open + 1, path.length() - 1));
      return path.substring(0, open + 1) + (index - 1) + "]";
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return path;
    }
  }

  /** Integers as Moshi reads them: plain digits, or an exact integral value such as {@code 1.0} or {@code 1e3}. */
  private static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return new BigDecimal(text).longValueExact();
    }
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return new BigDecimal(text).intValueExact();
    }
  }

  private static double finiteDouble(String text) {
    double value = Double.parseDouble(text);
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new NumberFormatException("not a finite number: " + text);
    }
    return value;
  }
}
