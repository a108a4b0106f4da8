package com.marketplacecontracts.notifications;

import com.marketplacecontracts.core.json.MoshiFactory;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/** Reads a body into a plain tree, refusing what no notification is: bad UTF-8, deep nesting, huge numbers. */
final class JsonBody {

  /** Why a body is not a notification; the message names the rule (never the body). */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private JsonBody() {
  }

  /** The text of {@code body}, which must be UTF-8. */
  static String utf8(byte[] body) throws Refused {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new Refused("the body is not UTF-8");
    }
  }

  /** The top-level object of {@code body}, values at most {@code maxDepth} deep. */
  static Map<String, Object> object(byte[] body, int maxDepth) throws Refused {
    try (JsonReader reader = JsonReader.of(new Buffer().write(body))) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw new Refused("the body is not a JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> top = (Map<String, Object>) value(reader, 1, maxDepth);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new Refused("more than one JSON value in the body");
      }
      return top;
    } catch (JsonEncodingException | JsonDataException e) {
      throw new Refused("the body is not JSON: " + clip(e.getMessage()));
    } catch (IOException e) {
      throw new Refused("the body is not JSON");
    }
  }

  private static Object value(JsonReader reader, int depth, int maxDepth) throws IOException, Refused {
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        nested(depth, maxDepth, reader);
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          map.put(name, value(reader, depth + 1, maxDepth));
        }
        reader.endObject();
        return Collections.unmodifiableMap(map);
      }
      case BEGIN_ARRAY -> {
        nested(depth, maxDepth, reader);
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(value(reader, depth + 1, maxDepth));
        }
        reader.endArray();
        return Collections.unmodifiableList(list);
      }
      case STRING -> {
        return reader.nextString();
      }
      case NUMBER -> {
        String path = reader.getPath();
        String text = reader.nextString();
        if (text.length() > MoshiFactory.MAX_NUMBER_LENGTH) {
          throw new Refused("a number of " + text.length() + " characters at " + path);
        }
        return new BigDecimal(text);
      }
      case BOOLEAN -> {
        return reader.nextBoolean();
      }
      case NULL -> {
        return reader.nextNull();
      }
      default -> throw new Refused("unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  private static void nested(int depth, int maxDepth, JsonReader reader) throws Refused {
    if (depth > maxDepth) {
      throw new Refused("nested deeper than " + maxDepth + " levels at " + reader.getPath());
    }
  }

  static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
