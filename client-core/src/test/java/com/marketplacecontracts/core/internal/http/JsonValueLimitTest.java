package com.marketplacecontracts.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonEncodingException;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonValueLimitTest {

  /** Reads {@code json} whole through a limit of {@code max} values. */
  private static String read(String json, long max) throws IOException {
    try (BufferedSource source = Okio.buffer(new JsonValueLimit(new Buffer().writeUtf8(json), max))) {
      return source.readUtf8();
    }
  }

  @ParameterizedTest(name = "{0}: {1} values")
  @CsvSource(delimiter = '|', value = {
      "[{},{},{}]|4",
      "{\"a\":[1,\"x\",true,null],\"b\":{}}|7",
      "{\"a\":\"},{,[:\\\"\",\"b\":-1.5e3}|3",
      "[]|1",
      "  7  |1",
      "[[[[]]]]|4",
      "{\"k\":{\"k\":{\"k\":[\"\",\"\"]}}}|6"})
  void countsEveryValueAtAnyDepthButNotKeysOrWhatIsInsideStrings(String json, long values) throws IOException {
    assertThat(read(json, values)).isEqualTo(json);
    assertThatThrownBy(() -> read(json, values - 1)).isInstanceOf(JsonEncodingException.class)
        .hasMessageContaining("more than " + (values - 1) + " JSON values");
  }

  @Test
  void refusesNestingDeeperThanMoshiReads() throws IOException {
    String deepest = "[".repeat(JsonValueLimit.MAX_DEPTH) + "]".repeat(JsonValueLimit.MAX_DEPTH);
    assertThat(read(deepest, Long.MAX_VALUE)).isEqualTo(deepest);
    assertThatThrownBy(() -> read("[" + deepest + "]", Long.MAX_VALUE)).isInstanceOf(JsonEncodingException.class)
        .hasMessageContaining("nested deeper than 255");
  }

  @Test
  void countsAcrossReadBoundaries() {
    String many = "[" + "0,".repeat(100_000) + "0]";
    assertThatThrownBy(() -> read(many, 100_000)).hasMessageContaining("more than 100000 JSON values");
  }
}
