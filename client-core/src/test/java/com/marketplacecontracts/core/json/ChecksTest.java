package com.marketplacecontracts.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ChecksTest {

  private record Read<T>(T value, boolean flagged) {
  }

  private static <T> Read<T> read(CheckedDecoding<T> read, String json, long tokens, int depth) throws IOException {
    Checks checks = new Checks(new Buffer().writeUtf8(json), tokens, depth);
    T value = read.fromJsonChecked(checks.reader(), checks);
    return new Read<>(value, checks.flagged());
  }

  /** The value read from {@code json}, which must not flag the body. */
  private static <T> T accepts(CheckedDecoding<T> read, String json) throws IOException {
    Read<T> result = read(read, json, 1000, 64);
    assertThat(result.flagged()).as(json).isFalse();
    return result.value();
  }

  /** The value read from {@code json}, which must flag the body for the guard. */
  private static <T> T flags(CheckedDecoding<T> read, String json) throws IOException {
    Read<T> result = read(read, json, 1000, 64);
    assertThat(result.flagged()).as(json).isTrue();
    return result.value();
  }

  private static void doubts(CheckedDecoding<?> read, String json) {
    assertThatThrownBy(() -> read(read, json, 1000, 64)).as(json).isSameAs(Checks.DOUBT);
  }

  @Test
  void stringsBreakingTheirLengthsPatternOrFormatAreReadAndFlagged() throws IOException {
    CheckedDecoding<String> code = Checks.text(false, 2, 3, "^[A-Z]+$", null);
    assertThat(accepts(code, "\"AB\"")).isEqualTo("AB");
    assertThat(flags(code, "\"A\"")).isEqualTo("A");
    flags(code, "\"ABCD\"");
    flags(code, "\"ab\"");
    assertThat(flags(code, "null")).isNull();
    doubts(code, "12"); // the usual read takes a number as its text: only the guard can say what it is
    // Two characters of four UTF-16 units each meet a maximum of 3 characters, and not a minimum of 3.
    String emoji = "\"\uD83D\uDE00\uD83D\uDE00\"";
    assertThat(accepts(Checks.text(false, 1, 3, null, null), emoji)).hasSize(4);
    flags(Checks.text(false, 3, -1, null, null), emoji);
    assertThat(accepts(Checks.text(true, 1, -1, null, null), "null")).isNull();
    CheckedDecoding<String> when = Checks.text(false, -1, -1, null, "date-time");
    accepts(when, "\"2026-12-08T10:00:00+03:00\"");
    flags(when, "\"2026-12-08T10:00:00\"");
    flags(Checks.text(false, -1, -1, null, null), "\"broken \uFFFD\"");
  }

  @Test
  void numbersOutOfBoundsAreFlaggedAndNumbersReadOtherwiseByTheUsualReadAreDoubts() throws IOException {
    CheckedDecoding<Long> positive = Checks.int64(false, "0", true, "10", false);
    assertThat(accepts(positive, "1")).isEqualTo(1L);
    assertThat(accepts(positive, "10")).isEqualTo(10L);
    assertThat(flags(positive, "0")).isZero();
    flags(positive, "11");
    doubts(positive, "1.0");
    doubts(positive, "1e0");
    doubts(positive, "\"1\"");
    doubts(Checks.int32(false, null, false, null, false), "2147483648");
    doubts(Checks.int64(false, null, false, null, false), "99999999999999999999");
    CheckedDecoding<BigDecimal> price = Checks.decimal(false, "0", false, "0.5", true);
    assertThat(accepts(price, "0.10")).isEqualTo(new BigDecimal("0.10"));
    flags(price, "0.5");
    flags(price, "-0.01");
    doubts(Checks.float64(false, null, false, null, false), "1e400");
    assertThat(accepts(Checks.bool(false), "true")).isTrue();
    doubts(Checks.bool(false), "\"true\"");
  }

  @Test
  void arraysBreakingTheirCountsAndRepeatedItemsOfASetAreFlagged() throws IOException {
    CheckedDecoding<List<String>> two = Checks.list(Checks.text(false, -1, -1, null, null), false, 1, 2);
    assertThat(accepts(two, "[\"a\",\"a\"]")).containsExactly("a", "a");
    flags(two, "[]");
    flags(two, "[\"a\",\"b\",\"c\"]");
    assertThat(flags(two, "[null]")).containsExactly((String) null);
    CheckedDecoding<Set<Long>> unique = Checks.set(Checks.int64(false, null, false, null, false), false, -1, -1);
    assertThat(accepts(unique, "[1,2]")).containsExactly(1L, 2L);
    assertThat(flags(unique, "[1,1]")).containsExactly(1L); // as the usual read keeps it
    assertThat(Checks.list(null, false, -1, -1)).isNull();
  }

  @Test
  void anUnknownEnumValueIsKeptAsTheUsualReadKeepsItAndFlagged() throws IOException {
    CheckedDecoding<String> text = Checks.enumText(Sample.class, false);
    assertThat(accepts(text, "\"ONE\"")).isEqualTo("ONE");
    assertThat(flags(text, "\"THREE\"")).isEqualTo("THREE");
    CheckedDecoding<List<Sample>> values = Checks.list(Checks.enumValue(Sample.class, false), false, -1, -1);
    assertThat(flags(values, "[\"TWO\",\"THREE\"]")).containsExactly(Sample.TWO, Sample.UNRECOGNIZED);
    doubts(text, "3");
  }

  @Test
  void aFormWithoutACheckedReadIsReadByTheUsualAdapterAndFlagged() throws IOException {
    CheckedDecoding<Object> any = Checks.orUsual(null, MoshiFactory.create().adapter(Object.class));
    assertThat(flags(any, "{\"a\":[1]}")).isEqualTo(java.util.Map.of("a", List.of(1.0)));
  }

  @Test
  void aLiteralNotWrittenAsJsonWritesItIsFlagged() throws IOException {
    assertThat(accepts(Checks.bool(false), "true")).isTrue();
    assertThat(flags(Checks.bool(false), "TRUE")).isTrue(); // the decoder takes it, JSON does not
    assertThat(flags(Checks.bool(false), "False")).isFalse();
    assertThat(accepts(Checks.text(true, -1, -1, null, null), "null")).isNull();
    assertThat(flags(Checks.text(true, -1, -1, null, null), "NULL")).isNull();
    CheckedDecoding<List<Boolean>> flags = Checks.list(Checks.bool(false), false, -1, -1);
    assertThat(accepts(flags, "[true, false]")).containsExactly(true, false);
    assertThat(flags(flags, "[true,tRUE]")).containsExactly(true, true);
  }

  @Test
  void aWholeBodyWithARawControlCharacterOrAnEscapeJsonHasNotIsFlagged() {
    CheckedDecoding<List<String>> texts = Checks.list(Checks.text(false, -1, -1, null, null), false, -1, -1);
    CheckedDecoding<Sample> object = (reader, checks) -> {
      checks.beginObject(reader);
      checks.name();
      reader.nextName();
      texts.fromJsonChecked(reader, checks);
      checks.endObject(reader);
      return Sample.ONE;
    };
    assertThat(Checks.read(object, new Buffer().writeUtf8("{\"a\":[\"x\\ny\",\"\\u0041\"]}"), 100, 8))
        .isEqualTo(new Checks.Read<>(Sample.ONE, false));
    for (String body : List.of("{\"a\":[\"x\ny\"]}", "{\"a\":[\"it\\'s\"]}", "{\"a\":[\"x\\\ny\"]}",
        "{\"a\":[\"x\u0001\"]}")) {
      assertThat(Checks.read(object, new Buffer().writeUtf8(body), 100, 8)).as(body)
          .isEqualTo(new Checks.Read<>(Sample.ONE, true));
    }
    assertThat(Checks.read(object, new Buffer().writeUtf8("[]"), 100, 8)).isNull();
    assertThat(Checks.read(object, new Buffer().writeUtf8("{\"a\":[]} {}"), 100, 8)).isNull();
  }

  @Test
  void aDecimalTheGuardReadsAsADoubleOnItsBoundIsFlagged() throws IOException {
    CheckedDecoding<BigDecimal> positive = Checks.decimal(false, "0", true, null, false);
    assertThat(accepts(positive, "1e-300")).isEqualByComparingTo("1e-300");
    assertThat(flags(positive, "1e-400")).isEqualByComparingTo("1e-400"); // 0.0 as a double
  }

  @Test
  void aBodyPastTheGuardsTokensOrLevelsIsADoubt() throws IOException {
    CheckedDecoding<List<Long>> numbers = Checks.list(Checks.int64(false, null, false, null, false), false, -1, -1);
    assertThat(read(numbers, "[1,2,3]", 5, 64).value()).hasSize(3);
    assertThatThrownBy(() -> read(numbers, "[1,2,3,4]", 5, 64)).isSameAs(Checks.DOUBT);
    CheckedDecoding<List<List<Long>>> nested = Checks.list(numbers, false, -1, -1);
    assertThat(read(nested, "[[1]]", 100, 2).value()).hasSize(1);
    assertThatThrownBy(() -> read(nested, "[[1]]", 100, 1)).isSameAs(Checks.DOUBT);
  }

  enum Sample implements OpenEnum {
    ONE("ONE"), TWO("TWO"), UNRECOGNIZED(null);

    private final String value;

    Sample(String value) {
      this.value = value;
    }

    @Override
    public String getValue() {
      return value;
    }
  }
}
