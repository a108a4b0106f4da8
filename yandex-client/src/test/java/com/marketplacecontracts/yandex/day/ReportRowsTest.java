package com.marketplacecontracts.yandex.day;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.UnreadableResponseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ReportRowsTest {

  private static final ReportRows.Limits SMALL = new ReportRows.Limits(64 * 1024, 3, 5, 50, 100, 4);

  private static List<ReportRows.Row> read(String json, ReportRows.Limits limits) {
    try (ReportRows rows = ReportRows.open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        "stocks.json", limits)) {
      return rows.stream().toList();
    }
  }

  @Test
  void aPlainJsonSheetIsReadWithNestedValuesAndScalarsAsOneColumnRows() {
    List<ReportRows.Row> rows = read("[{\"sku\":\"A\",\"w\":{\"id\":1,\"tags\":[true,null]}}, 7]",
        ReportRows.Limits.defaults());

    assertThat(rows).containsExactly(
        new ReportRows.Row("stocks", null, Map.of("sku", "A", "w", Map.of("id", BigDecimal.ONE,
            "tags", java.util.Arrays.asList(true, null)))),
        new ReportRows.Row("stocks", null, Map.of("value", new BigDecimal("7"))));
  }

  @Test
  void aRowWiderThanTheBoundFailsTyped() {
    assertThatThrownBy(() -> read("[{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6}]", SMALL))
        .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("more than 5 columns");
  }

  @Test
  void nestingTextAndMalformedJsonAreBoundedAndTyped() {
    assertThatThrownBy(() -> read("[{\"a\":[[[[[1]]]]]}]", SMALL))
        .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("nested deeper");
    assertThatThrownBy(() -> read("[{\"a\":\"" + "x".repeat(101) + "\"}]", SMALL))
        .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("longer than 100");
    assertThatThrownBy(() -> read("[{\"a\":1,}", SMALL))
        .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("sheet stocks");
  }

  @Test
  void anArchiveThatUnpacksPastTheBoundStopsThere() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("big.json"));
      zip.write("[".getBytes(StandardCharsets.UTF_8));
      byte[] row = "{\"a\":1},".getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 100_000; i++) {
        zip.write(row);
      }
      zip.write("{\"a\":1}]".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    assertThat(bytes.size()).isLessThan(64 * 1024);   // small packed, 800 KB unpacked

    try (ReportRows rows = ReportRows.open(new ByteArrayInputStream(bytes.toByteArray()), "r.zip", SMALL)) {
      assertThatThrownBy(() -> rows.stream().count())
          .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("bytes unpacked");
    }
  }

  @Test
  void sheetsPastTheBoundFail() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < 4; i++) {
        zip.putNextEntry(new ZipEntry("s" + i + ".json"));
        zip.write("[{\"a\":1}]".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    try (ReportRows rows = ReportRows.open(new ByteArrayInputStream(bytes.toByteArray()), "r.zip", SMALL)) {
      assertThat(rows.next().sheet()).isEqualTo("s0");
      assertThat(rows.next().sheet()).isEqualTo("s1");
      assertThat(rows.next().sheet()).isEqualTo("s2");
      assertThatThrownBy(rows::hasNext).isInstanceOf(UnreadableResponseException.class)
          .hasMessageContaining("more than 3 sheets");
    }
  }
}
