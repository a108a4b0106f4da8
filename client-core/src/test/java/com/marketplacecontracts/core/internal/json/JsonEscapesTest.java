package com.marketplacecontracts.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class JsonEscapesTest {

  private static boolean plain(String text) {
    return JsonEscapes.plain(new Buffer().writeUtf8(text));
  }

  @Test
  void jsonsOwnEscapesAndTextArePlain() {
    assertThat(plain("")).isTrue();
    assertThat(plain("{\"a\":\"x\\\"y\\\\z\\/\\b\\f\\n\\r\\t\\u0041\",\"b\":[1,true,null]}")).isTrue();
    assertThat(plain("{\"name\":\"Чехол для телефона, синий\"}")).isTrue();
    assertThat(plain("\\\\\\\\")).isTrue(); // two escaped backslashes
  }

  @Test
  void rawControlCharactersAndOtherEscapesAreNot() {
    for (String text : List.of("{\"a\":\"x\u0001\"}", "{\"a\":\"x\ty\"}", "{\n\"a\":1}", "\"\u001f\"", "\"\u0000\"",
        "\"it\\'s\"", "\"a\\\nb\"", "\"\\x41\"", "\"\\U0041\"", "\"tail\\")) {
      assertThat(plain(text)).as(text).isFalse();
    }
  }

  @Test
  void aByteIsFoundAtEveryOffsetOfAWordAndAcrossSegments() throws Exception {
    for (int offset = 0; offset < 24; offset++) {
      String pad = "a".repeat(offset);
      assertThat(plain(pad + "\u0002" + "b".repeat(20))).as("control at %d", offset).isFalse();
      assertThat(plain(pad + "\\'" + "b".repeat(20))).as("escape at %d", offset).isFalse();
      assertThat(plain(pad + "\\n" + "b".repeat(20))).as("plain escape at %d", offset).isTrue();
    }
    // A backslash as the last byte of a segment: its escape is in the next one.
    Buffer split = new Buffer();
    split.writeUtf8("x".repeat(8191)).writeUtf8("\\");
    Buffer tail = new Buffer().writeUtf8("'rest");
    split.writeAll(tail);
    try (Buffer.UnsafeCursor cursor = split.readUnsafe()) {
      assertThat(cursor.seek(0)).as("bytes of the first segment").isEqualTo(8192);
    }
    assertThat(JsonEscapes.plain(split)).isFalse();
    Buffer fine = new Buffer();
    fine.writeUtf8("x".repeat(8191)).writeUtf8("\\");
    fine.writeAll(new Buffer().writeUtf8("nrest"));
    assertThat(JsonEscapes.plain(fine)).isTrue();
  }
}
