package com.marketplacecontracts.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class MoshiFactoryTest {

  enum Colour implements OpenEnum {
    @Json(name = "RED") RED("RED"),
    UNRECOGNIZED(null);

    private final String value;

    Colour(String value) {
      this.value = value;
    }

    @Override
    public String getValue() {
      return value;
    }
  }

  private final Moshi moshi = MoshiFactory.create();

  @Test
  void unknownEnumValuesDecodeToUnrecognized() throws Exception {
    JsonAdapter<List<Colour>> adapter = moshi.adapter(Types.newParameterizedType(List.class, Colour.class));

    assertThat(adapter.fromJson("[\"RED\",\"ULTRAVIOLET\",null]"))
        .containsExactly(Colour.RED, Colour.UNRECOGNIZED, null);
  }

  @Test
  void decimalsKeepTheirExactValue() throws Exception {
    JsonAdapter<BigDecimal> adapter = moshi.adapter(BigDecimal.class);

    assertThat(adapter.fromJson("1234567.890123456789")).isEqualTo(new BigDecimal("1234567.890123456789"));
    assertThat(adapter.toJson(new BigDecimal("65.55"))).isEqualTo("65.55");
  }

  @Test
  void aStringWhereANumberBelongsFailsWithItsPath() {
    JsonAdapter<List<BigDecimal>> adapter = moshi.adapter(Types.newParameterizedType(List.class, BigDecimal.class));

    assertThatThrownBy(() -> adapter.fromJson("[1, \"x\"]"))
        .hasMessageContaining("$[1]");
  }

  @Test
  void numbersKeepMoshisReadingWithinTheirRange() throws Exception {
    assertThat(moshi.adapter(Long.class).fromJson("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(moshi.adapter(Long.class).fromJson("\"12\"")).isEqualTo(12L);
    assertThat(moshi.adapter(long.class).fromJson("1e3")).isEqualTo(1000L);
    assertThat(moshi.adapter(Integer.class).fromJson("null")).isNull();
    assertThat(moshi.adapter(int.class).fromJson("-7")).isEqualTo(-7);
    assertThat(moshi.adapter(Double.class).fromJson("2.5")).isEqualTo(2.5);
    assertThat(moshi.adapter(Long.class).toJson(5L)).isEqualTo("5");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> moshi.adapter(Long.class).fromJson("9223372036854775808"))
        .isInstanceOf(com.squareup.moshi.JsonDataException.class).hasMessageContaining("$");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> moshi.adapter(Integer.class).fromJson("1.5"))
        .isInstanceOf(com.squareup.moshi.JsonDataException.class);
  }

  @Test
  void aNumberLongerThanTheBoundIsRefusedBeforeParsing() {
    String huge = "9".repeat(2_000_000);
    for (Class<?> type : List.of(Long.class, long.class, Integer.class, int.class, Double.class, BigDecimal.class)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> moshi.adapter(type).fromJson(huge))
          .as(type.getName())
          .isInstanceOf(com.squareup.moshi.JsonDataException.class)
          .hasMessageContaining("2000000 characters");
    }
  }

  @Test
  void dateTimesDecodeWithTheirOffsetAndReEncodeInTheSameForm() throws Exception {
    JsonAdapter<OffsetDateTime> adapter = moshi.adapter(OffsetDateTime.class);

    assertThat(adapter.fromJson("\"2026-07-17T10:15:30+03:00\""))
        .isEqualTo(OffsetDateTime.parse("2026-07-17T10:15:30+03:00"));
    assertThat(adapter.toJson(adapter.fromJson("\"2026-07-17T10:15:30.25+03:00\"")))
        .isEqualTo("\"2026-07-17T10:15:30.25+03:00\"");
    assertThat(adapter.toJson(adapter.fromJson("\"2026-07-17T10:15:00Z\""))).isEqualTo("\"2026-07-17T10:15:00Z\"");
    assertThat(adapter.fromJson("null")).isNull();
  }

  @Test
  void aDateTimeWithoutOffsetFailsWithItsPath() {
    JsonAdapter<List<OffsetDateTime>> adapter =
        moshi.adapter(Types.newParameterizedType(List.class, OffsetDateTime.class));

    Assertions.assertThatThrownBy(() -> adapter.fromJson("[\"2026-07-17T10:15:30\"]"))
        .isInstanceOf(JsonDataException.class).hasMessageContaining("$[0]");
  }

  @Test
  void aNumberFailingAfterItIsReadNamesItsOwnPathInAnArrayAndAnObject() {
    JsonAdapter<List<Long>> list = moshi.adapter(Types.newParameterizedType(List.class, Long.class));

    assertThatThrownBy(() -> list.fromJson("[1, 2, 9223372036854775808, 4]"))
        .isInstanceOf(JsonDataException.class).hasMessageEndingWith("at path $[2]");
    assertThatThrownBy(() -> list.fromJson("[1, " + "7".repeat(100) + "]"))
        .isInstanceOf(JsonDataException.class).hasMessageContaining("at path $[1] ");
    JsonAdapter<java.util.Map<String, Long>> map =
        moshi.adapter(Types.newParameterizedType(java.util.Map.class, String.class, Long.class));
    assertThatThrownBy(() -> map.fromJson("{\"a\": 1, \"b\": 1.5}"))
        .isInstanceOf(JsonDataException.class).hasMessageEndingWith("at path $.b");
    JsonAdapter<List<OffsetDateTime>> dates =
        moshi.adapter(Types.newParameterizedType(List.class, OffsetDateTime.class));
    assertThatThrownBy(() -> dates.fromJson("[\"2026-07-17T10:15:30Z\", \"2026-02-30T10:15:30Z\"]"))
        .isInstanceOf(JsonDataException.class).hasMessageEndingWith("at path $[1]");
  }

  @Test
  void dateTimesReadDirectlyEqualWhatTheIsoFormatterReads() throws Exception {
    JsonAdapter<OffsetDateTime> adapter = moshi.adapter(OffsetDateTime.class);
    for (String text : List.of("2026-07-17T10:15:30+03:00", "2026-07-17T10:15:30.25+03:00", "2026-07-17T23:59:59Z",
        "2026-07-17T10:15:30.123456789-05:30", "2026-07-17T10:15:30.1Z", "2024-02-29T00:00:00+14:00",
        "2026-07-17T10:15+03:00", "2026-07-17t10:15:30z", "2026-07-17T10:15:30+03:00:15", "+12026-07-17T10:15:30Z", "2026-07-17T10:15:30.Z")) {
      assertThat(adapter.fromJson("\"" + text + "\"")).as(text)
          .isEqualTo(OffsetDateTime.parse(text, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
    for (String text : List.of("2026-02-29T10:15:30Z", "2026-07-17T24:00:00Z",
        "2026-07-17T10:15:30.1234567890Z", "2026-07-17T10:15:30+19:00", "2026-07-17T10:15:30", "2026-13-01T00:00:00Z",
        "2026-07-17T10:15:3x+03:00", "2026-07-17 10:15:30Z")) {
      assertThatThrownBy(() -> adapter.fromJson("\"" + text + "\"")).as(text)
          .isInstanceOf(JsonDataException.class).hasMessageContaining("RFC 3339");
    }
  }

  @Test
  void datesReadDirectlyEqualWhatTheIsoFormatterReads() throws Exception {
    JsonAdapter<java.time.LocalDate> adapter = moshi.adapter(java.time.LocalDate.class);

    assertThat(adapter.fromJson("\"2024-02-29\"")).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
    assertThat(adapter.fromJson("\"+12026-07-17\"")).isEqualTo(java.time.LocalDate.of(12026, 7, 17));
    for (String text : List.of("2026-02-29", "2026-7-17", "2026-07-1x", "2026-00-10")) {
      assertThatThrownBy(() -> adapter.fromJson("\"" + text + "\"")).as(text)
          .isInstanceOf(JsonDataException.class).hasMessageContaining("yyyy-MM-dd");
    }
  }

  @Test
  void anOpenEnumsTextSharesTheKnownValuesAndKeepsAnyOtherAsSent() throws Exception {
    JsonAdapter<List<String>> adapter = new Moshi.Builder().add((type, annotations, moshi) -> type == String.class
            ? MoshiFactory.enumText(Colour.class) : null).build()
            .adapter(Types.newParameterizedType(List.class, String.class));

    List<String> read = adapter.fromJson("[\"RED\", \"ULTRAVIOLET\", null, 12, \"R\\u0045D\"]");

    assertThat(read).containsExactly("RED", "ULTRAVIOLET", null, "12", "RED");
    assertThat(read.get(0)).isSameAs(Colour.RED.getValue());
    assertThat(adapter.toJson(read)).isEqualTo("[\"RED\",\"ULTRAVIOLET\",null,\"12\",\"RED\"]");
  }
}
