package com.marketplacecontracts.notifications;

import com.marketplacecontracts.core.internal.Text;
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

/**
 * Reads a body into a plain tree, refusing what no notification is: bad UTF-8, deep nesting, long or repeated names,
 * long numbers and numbers whose exponent would make them huge when written out.
 */
final class JsonBody {

  /** The longest field name read (the contract's longest is under 40 characters). */
  static final int MAX_NAME_LENGTH = 100;
  /**
   * The largest exponent (as a {@link BigDecimal} scale, either sign) of a number read: {@code 1e200000000} is 11
   * characters but 200 million digits written out. No id, count or price comes near it.
   */
  static final int MAX_SCALE = 1000;

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

  /** A decoder's message, its advice to read leniently said as "malformed JSON" and where. */
  static String words(String message) {
    return Text.withoutLenientAdvice(message, "malformed JSON");
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
      throw new Refused("the body is not JSON: " + clip(words(e.getMessage())));
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
          if (name.length() > MAX_NAME_LENGTH) {
            throw new Refused("a name longer than " + MAX_NAME_LENGTH + " characters at " + path(reader));
          }
          // A name given twice would be one value here and perhaps the other in the typed model: refused.
          if (map.containsKey(name)) {
            throw new Refused(name + " given more than once at " + path(reader));
          }
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
        String path = path(reader);
        String text = reader.nextString();
        if (text.length() > MoshiFactory.MAX_NUMBER_LENGTH) {
          throw new Refused("a number of " + text.length() + " characters at " + path);
        }
        BigDecimal number;
        try {
          number = new BigDecimal(text);
        } catch (NumberFormatException e) {
          throw new Refused("a number whose exponent cannot be read at " + path);
        }
        if (Math.abs((long) number.scale()) > MAX_SCALE) {
          throw new Refused("a number whose exponent is beyond " + MAX_SCALE + " either way at " + path);
        }
        return number;
      }
      case BOOLEAN -> {
        return reader.nextBoolean();
      }
      case NULL -> {
        return reader.nextNull();
      }
      default -> throw new Refused("unexpected " + reader.peek() + " at " + path(reader));
    }
  }

  private static void nested(int depth, int maxDepth, JsonReader reader) throws Refused {
    if (depth > maxDepth) {
      throw new Refused("nested deeper than " + maxDepth + " levels at " + path(reader));
    }
  }

  /** Where the reader is, clipped: a path is made of the body's names, and a message must stay short. */
  private static String path(JsonReader reader) {
    return clip(reader.getPath());
  }

  static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
