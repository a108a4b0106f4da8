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
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The one Moshi configuration both clients use. Build it once per client and share it: {@link Moshi} is immutable
 * and caches its adapters.
 */
public final class MoshiFactory {

  private MoshiFactory() {
  }

  /**
   * A Moshi that decodes the generated models: their generated adapters, open enums, {@link BigDecimal} numbers and
   * {@link OffsetDateTime} date-times.
   */
  public static Moshi create() {
    return new Moshi.Builder()
        .add(GENERATED)
        .add(OPEN_ENUMS)
        .add(BigDecimal.class, BIG_DECIMAL.nullSafe())
        .add(OffsetDateTime.class, DATE_TIME.nullSafe())
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
  static final JsonAdapter<OffsetDateTime> DATE_TIME = new JsonAdapter<>() {
    @Override
    public OffsetDateTime fromJson(JsonReader reader) throws IOException {
      String path = reader.getPath();
      String text = reader.nextString();
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeParseException e) {
        throw new JsonDataException(
            "Expected an RFC 3339 date-time but was '" + text + "' at path " + path, e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, OffsetDateTime value) throws IOException {
      writer.value(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
    }

    @Override
    public String toString() {
      return "JsonAdapter(OffsetDateTime)";
    }
  };

  /** Prices and dimensions keep their exact decimal value: read from the number's text, written as a number. */
  static final JsonAdapter<BigDecimal> BIG_DECIMAL = new JsonAdapter<>() {
    @Override
    public BigDecimal fromJson(JsonReader reader) throws IOException {
      if (reader.peek() != JsonReader.Token.NUMBER) {
        throw new JsonDataException(
            "Expected a number but was " + reader.peek() + " at path " + reader.getPath());
      }
      return new BigDecimal(reader.nextString());
    }

    @Override
    public void toJson(JsonWriter writer, BigDecimal value) throws IOException {
      writer.value(value);
    }

    @Override
    public String toString() {
      return "JsonAdapter(BigDecimal)";
    }
  };
}
