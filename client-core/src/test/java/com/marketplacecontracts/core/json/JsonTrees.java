package com.marketplacecontracts.core.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: JSON text to a comparable tree, where an object member set to null equals an absent one. */
public final class JsonTrees {

  private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class);

  private JsonTrees() {
  }

  /** Parses JSON and drops null-valued object members (Moshi omits them when encoding); array nulls stay. */
  public static Object normalized(String json) {
    try {
      return dropNullMembers(ANY.fromJson(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a classpath resource as UTF-8 text. */
  public static String resource(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object dropNullMembers(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        if (v != null) {
          out.put(k, dropNullMembers(v));
        }
      });
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(dropNullMembers(v)));
      return out;
    }
    return value;
  }
}
