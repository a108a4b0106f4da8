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

  private static final ReportRows.Limits SMALL = new ReportRows.Limits(64 * 1024, 10, 3, 5, 50, 20, 100, 4);

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
        .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("entry stocks.json");
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

  private static byte[] zip(java.nio.charset.Charset names, Map<String, byte[]> entries) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, names)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static List<ReportRows.Row> readZip(byte[] zip, ReportRows.Limits limits) {
    try (ReportRows rows = ReportRows.open(new ByteArrayInputStream(zip), "r.zip", limits)) {
      return rows.stream().toList();
    }
  }

  @Test
  void aZipBombInASkippedEntryCountsAgainstTheUnpackedBound() throws Exception {
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    entries.put("bomb.csv", new byte[1024 * 1024]);
    entries.put("s.json", "[{\"a\":1}]".getBytes(StandardCharsets.UTF_8));
    byte[] zip = zip(StandardCharsets.UTF_8, entries);
    assertThat(zip.length).isLessThan(64 * 1024);   // small packed, 1 MiB unpacked in the entry skipped

    assertThatThrownBy(() -> readZip(zip, SMALL)).isInstanceOf(UnreadableResponseException.class)
        .hasMessageContaining("entry bomb.csv: more than 65536 bytes unpacked");
  }

  @Test
  void anEntryNameThatIsNotUtf8FailsTypedNamingTheEntry() throws Exception {
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    entries.put("a.json", "[{\"a\":1}]".getBytes(StandardCharsets.UTF_8));
    entries.put("\u00ff.json", "[{\"a\":2}]".getBytes(StandardCharsets.UTF_8));   // byte 0xFF, no UTF-8 flag
    byte[] zip = zip(StandardCharsets.ISO_8859_1, entries);

    assertThatThrownBy(() -> readZip(zip, SMALL)).isInstanceOf(UnreadableResponseException.class)
        .hasMessageContaining("entry #2: the name is not UTF-8");
  }

  @Test
  void theMembersOfASheetObjectOutsideItsTablesAreOneRowCountedAcrossTheTables() {
    // 4 loose columns of 21 values each (84 values) with a table row between them: each table row has its own
    // count, the loose row keeps its own, so the 50-value bound holds.
    String twenty = "{\"v\":[" + "1,".repeat(19) + "1]}";
    String json = "{\"a\":" + twenty + ",\"t1\":[{\"x\":1}],\"b\":" + twenty + ",\"t2\":[{\"x\":1}],\"c\":"
        + twenty + ",\"t3\":[{\"x\":1}],\"d\":" + twenty + "}";

    assertThatThrownBy(() -> read(json, SMALL)).isInstanceOf(UnreadableResponseException.class)
        .hasMessageContaining("more than 50 values");
  }

  @Test
  void entriesPastTheBoundFailEvenWhenNoneIsASheet() throws Exception {
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 11; i++) {
      entries.put("notes/" + i + ".csv", new byte[0]);
    }
    byte[] zip = zip(StandardCharsets.UTF_8, entries);

    assertThatThrownBy(() -> readZip(zip, SMALL)).isInstanceOf(UnreadableResponseException.class)
        .hasMessageContaining("entry notes/10.csv: the report has more than 10 entries");
  }

  @Test
  void namesOfColumnsTablesAndNestedKeysAreBoundedInLength() {
    String longName = "n".repeat(21);
    for (String json : List.of("[{\"" + longName + "\":1}]", "{\"" + longName + "\":[{\"a\":1}]}",
        "[{\"a\":{\"" + longName + "\":1}}]", "{\"" + longName + "\":1}")) {
      assertThatThrownBy(() -> read(json, SMALL)).as(json).isInstanceOf(UnreadableResponseException.class)
          .hasMessageContaining("entry stocks.json: a name is longer than 20 characters");
    }
    assertThat(read("[{\"" + "n".repeat(20) + "\":1}]", SMALL)).hasSize(1);
  }

  @Test
  void theMembersOfASheetObjectAreBoundedInNumberEvenWhenTheyAreEmptyTables() {
    String json = "{\"t1\":[],\"t2\":[],\"t3\":[],\"t4\":[],\"t5\":[],\"t6\":[]}";

    assertThatThrownBy(() -> read(json, SMALL)).isInstanceOf(UnreadableResponseException.class)
        .hasMessageContaining("more than 5 members");
  }

  @Test
  void eachTableRowHasItsOwnValueBound() {
    String fifty = "[" + "1,".repeat(48) + "1]";   // 49 values and the array: 50
    String ok = "{\"t\":[{\"a\":" + fifty + "},{\"a\":" + fifty + "}]}";
    assertThat(read(ok, SMALL)).hasSize(2);

    String over = "{\"t\":[{\"a\":" + fifty + "},{\"a\":" + fifty + ",\"b\":1}]}";
    assertThatThrownBy(() -> read(over, SMALL)).isInstanceOf(UnreadableResponseException.class)
        .hasMessageContaining("more than 50 values");
  }

  @Test
  void aHugeNameFailsWhileItArrivesNotAfterItIsHeldWhole() {
    // A 1 GiB name, made as it is read: the read must stop near the token bound (6 x 65,536 + 2 bytes with the
    // default bounds), long before the name is whole.
    long[] served = {0};
    java.io.InputStream endless = new java.io.InputStream() {
      @Override
      public int read() {
        long at = served[0]++;
        return at == 0 ? '[' : at == 1 ? '{' : at == 2 ? '"' : 'n';
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        for (int i = 0; i < length; i++) {
          buffer[offset + i] = (byte) read();
        }
        return length;
      }
    };
    try (ReportRows rows = ReportRows.open(endless, "big.json", ReportRows.Limits.defaults())) {
      assertThatThrownBy(rows::hasNext).isInstanceOf(UnreadableResponseException.class)
          .hasMessageContaining("entry big.json: a JSON token is longer than 393218 bytes");
    }
    assertThat(served[0]).isLessThan(1024 * 1024);
  }

  @Test
  void aBrokenEntryHeaderIsNamedByItsPlace() throws Exception {
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    entries.put("a.json", "[{\"a\":1}]".getBytes(StandardCharsets.UTF_8));
    entries.put("b.json", "[{\"a\":2}]".getBytes(StandardCharsets.UTF_8));
    byte[] zip = zip(StandardCharsets.UTF_8, entries);
    // the second local header's compression method (offset 8 from its signature) made unknown
    int second = -1;
    for (int i = 4; i < zip.length - 4 && second < 0; i++) {
      if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
        second = i;
      }
    }
    zip[second + 8] = 99;

    assertThatThrownBy(() -> readZip(zip, SMALL)).isInstanceOf(UnreadableResponseException.class)
        .hasMessageContaining("entry #2: ");
  }

  @Test
  void nestingPastWhatTheParserAllowsIsTypedToo() {
    ReportRows.Limits deep = new ReportRows.Limits(64 * 1024, 10, 3, 5, 5_000, 20, 100, 1_000);
    String json = "[{\"a\":" + "[".repeat(300) + "]".repeat(300) + "}]";

    assertThatThrownBy(() -> read(json, deep)).isInstanceOf(UnreadableResponseException.class)
        .hasMessageContaining("entry stocks.json: ");
  }
}
