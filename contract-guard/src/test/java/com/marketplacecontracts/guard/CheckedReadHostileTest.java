package com.marketplacecontracts.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.json.CheckedDecoding;
import com.marketplacecontracts.core.json.Checks;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.ContractMismatch.Direction;
import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.teez.model.GetExternalImportStatusApiResponse;
import com.marketplacecontracts.yandex.model.GenerateOfferBarcodesResponse;
import com.marketplacecontracts.yandex.model.GetCampaignOffersResponse;
import com.marketplacecontracts.yandex.model.GetGoodsFeedbackResponse;
import com.marketplacecontracts.yandex.model.GetOrderBuyerInfoResponse;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import com.marketplacecontracts.yandex.model.GetSupplyRequestItemsResponse;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies a hostile or broken server may send, read both ways: the client's checked read (as the decoder runs it for
 * a handed-over answer) and the guard's own pass over the bytes. The one unsound outcome is a checked read that
 * completes without flagging a body in which the guard finds a mismatch (a "body is not JSON" included): the
 * answer then reaches the caller with no report. Where the checked read completes, its value must be the usual
 * decoding's.
 */
class CheckedReadHostileTest {

  private static final Moshi MOSHI = MoshiFactory.create();
  private static SpecIndex yandex;
  private static SpecIndex teez;

  private static final String BUYER = "{\"status\":\"OK\",\"result\":{\"id\":\"b1\",\"lastName\":\"LAST\","
      + "\"firstName\":\"F\",\"middleName\":\"M\",\"type\":\"BUSINESS\",\"phone\":\"+70000000000\",\"trusted\":true}}";
  private static final String OFFERS = "{\"status\":\"OK\",\"result\":{\"paging\":{},\"offers\":[{\"offerId\":\"o1\","
      + "\"basicPrice\":{\"value\":PRICE,\"currencyId\":\"RUR\",\"updatedAt\":\"2026-01-02T03:04:05+03:00\"}}]}}";
  private static final String BARCODES = "{\"status\":\"OK\",\"result\":{\"unprocessedOfferIds\":[IDS]}}";
  private static final String ITEMS = "{\"status\":\"OK\",\"result\":{\"items\":[{\"offerId\":\"OFFER\",\"name\":\"n\","
      + "\"price\":{\"value\":1,\"currencyId\":\"RUR\"},\"counters\":{}}],\"paging\":{}}}";
  private static final String FEEDBACKS = "{\"status\":\"OK\",\"result\":{\"feedbacks\":[{\"feedbackId\":1,"
      + "\"createdAt\":\"CREATED\",\"needReaction\":true,\"identifiers\":{},\"author\":\"a\",\"description\":{},"
      + "\"media\":{},\"statistics\":{\"rating\":2,\"commentsCount\":1}}],\"paging\":{}}}";

  /** What the checked read made of a body, with what the guard's byte pass found in it. */
  private record Reading(boolean completed, boolean flagged, List<ContractMismatch> guard) {

    /** The checked read let the body through unflagged while the guard reports something. */
    boolean unsound() {
      return completed && !flagged && !guard.isEmpty();
    }

    boolean conforming() {
      return completed && !flagged && guard.isEmpty();
    }
  }

  @BeforeAll
  static void parse() {
    yandex = SpecIndex.parse(CompiledCheckerParityTest.spec(ContractGuard.YANDEX_MARKET_SPEC), "yandex");
    teez = SpecIndex.parse(CompiledCheckerParityTest.spec(ContractGuard.TEEZ_SPEC), "teez");
  }

  @Test
  void theBaseBodiesConformBothWays() throws Exception {
    assertThat(read("getOrderBuyerInfo", GetOrderBuyerInfoResponse.class, BUYER).conforming()).isTrue();
    assertThat(read("getCampaignOffers", GetCampaignOffersResponse.class, OFFERS.replace("PRICE", "10.5"))
        .conforming()).isTrue();
    assertThat(read("generateOfferBarcodes", GenerateOfferBarcodesResponse.class, BARCODES.replace("IDS",
        "\"a\",\"b\"")).conforming()).isTrue();
    assertThat(read("getSupplyRequestItems", GetSupplyRequestItemsResponse.class, ITEMS.replace("OFFER", "o1"))
        .conforming()).isTrue();
    assertThat(read("getGoodsFeedbacks", GetGoodsFeedbackResponse.class,
        FEEDBACKS.replace("CREATED", "2026-01-02T03:04:05+03:00")).conforming()).isTrue();
  }

  // --- bodies Moshi's strict reader accepts but RFC 8259 (and so the guard) does not ---

  @Test
  void aRawControlCharacterInAStringIsNotLetThrough() throws Exception {
    Reading reading = read("getOrderBuyerInfo", GetOrderBuyerInfoResponse.class, BUYER.replace("LAST", "LA\u0001ST"));
    assertThat(reading.guard()).extracting(ContractMismatch::message).contains("body is not JSON");
    assertThat(reading.unsound()).as("checked read %s", reading).isFalse();
  }

  @Test
  void aRawLineFeedTabOrNulInAStringIsNotLetThrough() throws Exception {
    for (String raw : List.of("\n", "\t", "\u0000", "\u001f")) {
      Reading reading = read("getOrderBuyerInfo", GetOrderBuyerInfoResponse.class, BUYER.replace("LAST", "LA" + raw + "ST"));
      assertThat(reading.guard()).isNotEmpty();
      assertThat(reading.unsound()).as("checked read of U+%04X: %s", (int) raw.charAt(0), reading).isFalse();
    }
  }

  @Test
  void anEscapedApostropheIsNotLetThrough() throws Exception {
    Reading reading = read("getOrderBuyerInfo", GetOrderBuyerInfoResponse.class, BUYER.replace("LAST", "LA\\'ST"));
    assertThat(reading.guard()).isNotEmpty();
    assertThat(reading.unsound()).as("checked read %s", reading).isFalse();
  }

  @Test
  void anEscapedLineBreakIsNotLetThrough() throws Exception {
    Reading reading = read("getOrderBuyerInfo", GetOrderBuyerInfoResponse.class, BUYER.replace("LAST", "LA\\\nST"));
    assertThat(reading.guard()).isNotEmpty();
    assertThat(reading.unsound()).as("checked read %s", reading).isFalse();
  }

  @Test
  void anUpperCaseTrueIsNotLetThrough() throws Exception {
    for (String word : List.of("TRUE", "True", "tRUE")) {
      Reading reading = read("getOrderBuyerInfo", GetOrderBuyerInfoResponse.class,
          BUYER.replace("\"trusted\":true", "\"trusted\":" + word));
      assertThat(reading.guard()).as(word).isNotEmpty();
      assertThat(reading.unsound()).as("checked read of %s: %s", word, reading).isFalse();
    }
  }

  @Test
  void anUpperCaseNullOfANullableFieldIsNotLetThrough() throws Exception {
    String body = "{\"products\":[{\"index\":1,\"productId\":PRODUCT,\"status\":\"s\",\"errors\":[],\"skus\":[]}]}";
    assertThat(read("Products_GetImportStatusAsync", GetExternalImportStatusApiResponse.class,
        body.replace("PRODUCT", "null")).conforming()).isTrue();
    for (String word : List.of("NULL", "Null")) {
      Reading reading = read("Products_GetImportStatusAsync", GetExternalImportStatusApiResponse.class,
          body.replace("PRODUCT", word));
      assertThat(reading.guard()).as(word).isNotEmpty();
      assertThat(reading.unsound()).as("checked read of %s: %s", word, reading).isFalse();
    }
  }

  @Test
  void anUpperCaseNullOfAFieldThatIsNotNullableIsFlagged() throws Exception {
    Reading reading = read("getOrderBuyerInfo", GetOrderBuyerInfoResponse.class,
        BUYER.replace("\"trusted\":true", "\"trusted\":NULL"));
    assertThat(reading.guard()).isNotEmpty();
    assertThat(reading.unsound()).as("checked read %s", reading).isFalse();
  }

  // --- numbers ---

  @Test
  void aPriceThatUnderflowsToTheExclusiveMinimumIsNotLetThrough() throws Exception {
    // Exactly above 0, but the guard compares the double it parses to (0.0), which equals the exclusive minimum.
    for (String price : List.of("1e-400", "1E-999999", "0." + "0".repeat(40) + "1e-330")) {
      Reading reading = read("getCampaignOffers", GetCampaignOffersResponse.class, OFFERS.replace("PRICE", price));
      assertThat(reading.guard()).as(price).isNotEmpty();
      assertThat(reading.unsound()).as("checked read of %s: %s", price, reading).isFalse();
    }
  }

  @Test
  void priceFormsAtTheExclusiveMinimumAreFlaggedOrConform() throws Exception {
    for (String price : List.of("0", "-0", "0.0", "0e5", "-0.0e-7", "1e-300", "0.000000000000000000001", "1E2",
        "1e400", "123456789012345678901234567890.123456789")) {
      Reading reading = read("getCampaignOffers", GetCampaignOffersResponse.class, OFFERS.replace("PRICE", price));
      assertThat(reading.unsound()).as("checked read of %s: %s", price, reading).isFalse();
    }
  }

  @Test
  void integerFormsAreFlaggedDoubtedOrConform() throws Exception {
    for (String id : List.of("-0", "0", "1.0", "1e0", "1E+0", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "01", "\"1\"")) {
      Reading reading = read("getGoodsFeedbacks", GetGoodsFeedbackResponse.class,
          FEEDBACKS.replace("CREATED", "2026-01-02T03:04:05+03:00").replace("\"rating\":2", "\"rating\":" + id)
              .replace("\"feedbackId\":1", "\"feedbackId\":" + id));
      assertThat(reading.unsound()).as("checked read of %s: %s", id, reading).isFalse();
    }
  }

  // --- strings: escapes, lengths, patterns, sets ---

  @Test
  void escapedNamesAndEnumValuesAreReadAsTheirText() throws Exception {
    String body = BUYER.replace("\"status\"", "\"st\\u0061tus\"").replace("\"OK\"", "\"\\u004FK\"")
        .replace("\"BUSINESS\"", "\"BUSI\\u004eESS\"");
    assertThat(read("getOrderBuyerInfo", GetOrderBuyerInfoResponse.class, body).conforming()).isTrue();
  }

  @Test
  void anItemRepeatedThroughAnEscapeIsFlagged() throws Exception {
    for (String ids : List.of("\"a\",\"\\u0061\"", "\"\\u0061\",\"a\"", "\"\\ud83d\\ude00\",\"\uD83D\uDE00\"",
        "\"a\\/b\",\"a/b\"")) {
      Reading reading = read("generateOfferBarcodes", GenerateOfferBarcodesResponse.class, BARCODES.replace("IDS", ids));
      assertThat(reading.guard()).as(ids).isNotEmpty();
      assertThat(reading.completed() && !reading.flagged()).as("checked read of %s: %s", ids, reading).isFalse();
    }
  }

  @Test
  void lengthsCountCharactersAsTheGuardDoes() throws Exception {
    String emoji = "\uD83D\uDE00";
    for (String id : List.of("x" + emoji.repeat(254), emoji.repeat(255), emoji.repeat(256), "\\ud800".repeat(255),
        "\\ud800".repeat(256), "\\ud83d\\ude00".repeat(256), "\\ud83d".repeat(128) + "\\ude00".repeat(128), "")) {
      Reading reading = read("getSupplyRequestItems", GetSupplyRequestItemsResponse.class, ITEMS.replace("OFFER", id));
      assertThat(reading.unsound()).as("checked read of a %d-char id: %s", id.length(), reading).isFalse();
    }
  }

  @Test
  void patternsAnswerAsTheGuardDoes() throws Exception {
    for (String id : List.of(" ", "\\t", "a\\u007f", "a\\u0009", "\\u0085", "\\u2028", "a\\u2028", "a\\n", "a\\r\\n",
        "\\u00a0", "a".repeat(10_001), "a".repeat(9_999) + "\\u00e9", "\\u0000", "a\\u0000")) {
      Reading reading = read("getSupplyRequestItems", GetSupplyRequestItemsResponse.class, ITEMS.replace("OFFER", id));
      assertThat(reading.unsound()).as("checked read of %s: %s", id.length() > 20 ? id.length() + " chars" : id,
          reading).isFalse();
    }
  }

  @Test
  void dateTimesDecodeAlikeAndAreFlaggedWhereTheGuardRefusesThem() throws Exception {
    for (String at : List.of("2026-01-02t03:04:05z", "2026-01-02T03:04:05Z", "2026-01-02 03:04:05Z",
        "2016-12-31T23:59:60Z", "2026-01-02T03:04:05-00:00", "2026-01-02T03:04:05.1234567891+03:00",
        "2026-02-29T03:04:05Z", "2026-01-02T03:04:05+19:00", "2026-01-02T03:04:05", "\\u0032026-01-02T03:04:05Z",
        "2026-01-02T03:04:05.Z", "+2026-01-02T03:04:05Z")) {
      Reading reading = read("getGoodsFeedbacks", GetGoodsFeedbackResponse.class, FEEDBACKS.replace("CREATED", at));
      assertThat(reading.unsound()).as("checked read of %s: %s", at, reading).isFalse();
    }
  }

  // --- bounds of the reads ---

  @Test
  void theTokenBoundIsWhereTheGuardsIs() throws Exception {
    // Each item {"id":1} is 4 tokens, the body around them 10: the guard stops past 24 997 items.
    String item = "{\"id\":1}";
    boolean conformed = false;
    boolean stopped = false;
    for (int items = 24_990; items <= 25_000; items++) {
      String body = "{\"status\":\"OK\",\"result\":{\"items\":[" + (item + ",").repeat(items - 1) + item + "]}}";
      Reading reading = read("getOrderIdentifiersStatus", GetOrderIdentifiersStatusResponse.class, body);
      assertThat(reading.unsound()).as("checked read of %d items: %s", items, reading).isFalse();
      conformed |= reading.conforming();
      stopped |= !reading.guard().isEmpty();
    }
    assertThat(conformed).as("some body below the bound conforms").isTrue();
    assertThat(stopped).as("some body past the bound is not checked").isTrue();
  }

  @Test
  void theDepthBoundIsWhereTheGuardsIs() throws Exception {
    // A category holds its children: each level an object and an array.
    boolean conformed = false;
    boolean stopped = false;
    for (int levels = 28; levels <= 34; levels++) {
      String body = "{\"status\":\"OK\",\"result\":" + "{\"id\":1,\"name\":\"n\",\"children\":[".repeat(levels)
          + "{\"id\":1,\"name\":\"n\"}" + "]}".repeat(levels) + "}";
      Reading reading = read("getCategoriesTree", com.marketplacecontracts.yandex.model.GetCategoriesResponse.class,
          body);
      assertThat(reading.unsound()).as("checked read of %d levels: %s", levels, reading).isFalse();
      conformed |= reading.conforming();
      stopped |= !reading.guard().isEmpty();
    }
    assertThat(conformed).as("some body within the depth conforms").isTrue();
    assertThat(stopped).as("some body past the depth is not checked").isTrue();
  }

  @Test
  void otherMalformedFormsAreNotLetThrough() throws Exception {
    List<String> bodies = new ArrayList<>();
    for (String[] swap : new String[][] {{"\"trusted\":true", "\"trusted\":true,"}, {"\"trusted\"", "trusted"},
        {"\"trusted\"", "'trusted'"}, {"\"LAST\"", "'LAST'"}, {"\"trusted\":", "\"trusted\"="},
        {",\"trusted\"", ";\"trusted\""}, {"true}}", "true}} /* */"}, {"\"trusted\":true", "\"trusted\":true\f"},
        {"\"trusted\":true", "\"trusted\":true\u00a0"}, {"LAST", "LA\\x41ST"}, {"LAST", "LA\\U0041ST"},
        {"LAST", "LA\\u004ST"}, {"LAST", "LA\\aST"}, {"LAST", "LA\u007fST"},
        {"\"trusted\":true", "\"trusted\":tru"}, {"{\"status\"", "\uFEFF{\"status\""},
        {"\"OK\",", "\"OK\",,"}}) {
      bodies.add(BUYER.replace(swap[0], swap[1]));
    }
    bodies.add(BUYER + "\n{}");
    bodies.add(BUYER + "x");
    for (String body : bodies) {
      Reading reading = read("getOrderBuyerInfo", GetOrderBuyerInfoResponse.class, body);
      assertThat(reading.unsound()).as("checked read of %s: %s", body, reading).isFalse();
    }
  }

  @Test
  void brokenUtf8InAStringIsFlaggedOrDoubted() throws Exception {
    byte[] base = BUYER.getBytes(StandardCharsets.UTF_8);
    int at = BUYER.indexOf("LAST");
    for (int[] bad : new int[][] {{0xED, 0xA0, 0x80, 0x41}, {0xE0, 0x80, 0x80, 0x41}, {0xF4, 0x90, 0x80, 0x80},
        {0xC0, 0xAF, 0x41, 0x41}, {0x80, 0x41, 0x41, 0x41}, {0xE2, 0x82, 0x41, 0x41}, {0xF8, 0x88, 0x80, 0x80},
        {0xEF, 0xBF, 0xBD, 0x41}}) {
      byte[] body = base.clone();
      for (int i = 0; i < 4; i++) {
        body[at + i] = (byte) bad[i];
      }
      Reading reading = read("getOrderBuyerInfo", GetOrderBuyerInfoResponse.class, body);
      assertThat(reading.unsound()).as("checked read of %s: %s", java.util.Arrays.toString(bad), reading).isFalse();
      assertThat(reading.conforming()).as("checked read of %s: %s", java.util.Arrays.toString(bad), reading).isFalse();
    }
  }

  @Test
  void malformedNumbersAreNotLetThrough() throws Exception {
    for (String price : List.of("+1", ".5", "1.", "01", "-01", "0x10", "NaN", "Infinity", "-Infinity", "1e", "1e+",
        "--1", "1.5.5", "1_000", "1 2", "0.1f")) {
      Reading reading = read("getCampaignOffers", GetCampaignOffersResponse.class, OFFERS.replace("PRICE", price));
      assertThat(reading.unsound()).as("checked read of %s: %s", price, reading).isFalse();
    }
  }

  @Test
  void duplicateNamesAreEachChecked() throws Exception {
    for (String body : List.of(BUYER.replace("\"trusted\":true", "\"trusted\":true,\"type\":\"NOPE\""),
        BUYER.replace("\"type\":\"BUSINESS\"", "\"type\":\"NOPE\",\"type\":\"BUSINESS\""),
        BUYER.replace("\"trusted\":true", "\"trusted\":true,\"result\":null"),
        BUYER.replace("\"status\":\"OK\",", "\"status\":\"OK\",\"status\":null,\"status\":\"OK\","))) {
      Reading reading = read("getOrderBuyerInfo", GetOrderBuyerInfoResponse.class, body);
      assertThat(reading.guard()).as(body).isNotEmpty();
      assertThat(reading.unsound()).as("checked read of %s: %s", body, reading).isFalse();
    }
  }

  /**
   * Reads {@code text} as the client's decoder does for a handed-over answer (a checked read from a strict reader,
   * then the end of the document), and as the guard does; where the checked read completes, asserts it decoded the
   * usual decoding's value.
   */
  @SuppressWarnings("unchecked")
  private static Reading read(String operationId, Class<?> model, String text) throws Exception {
    return read(operationId, model, text.getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Reading read(String operationId, Class<?> model, byte[] body) throws Exception {
    String text = new String(body, StandardCharsets.UTF_8);
    SpecIndex.Entry entry = entry(operationId);
    assertThat(entry.okCheckedWhileDecoding()).as("%s is left to the checked read", operationId).isTrue();
    List<ContractMismatch> found = new ArrayList<>();
    entry.response(200).orElseThrow().check(body, operationId, Direction.RESPONSE, found);
    JsonAdapter<Object> adapter = (JsonAdapter<Object>) MOSHI.adapter(model);
    Checks.Read<Object> read = Checks.read((CheckedDecoding<Object>) adapter, new Buffer().write(body),
        ContractGuard.MAX_CHECKED_TOKENS, ContractGuard.MAX_CHECKED_DEPTH);
    if (read == null) {
      return new Reading(false, false, found);
    }
    Object checked = read.value();
    Object usual = adapter.fromJson(new Buffer().write(body));
    assertThat(adapter.toJson(checked)).as("decoded from %s", text).isEqualTo(adapter.toJson(usual));
    assertThat(checked).isEqualTo(usual);
    return new Reading(true, read.flagged(), found);
  }

  private static SpecIndex.Entry entry(String operationId) {
    List<CheckedReadParityTest.Operation> all = new ArrayList<>(
        CheckedReadParityTest.operations(com.marketplacecontracts.yandex.api.ApiClient.APIS, yandex));
    all.addAll(CheckedReadParityTest.operations(com.marketplacecontracts.teez.api.ApiClient.APIS, teez));
    return all.stream().filter(op -> op.id().equals(operationId)).findFirst()
        .orElseThrow(() -> new AssertionError(operationId + " is no operation of the clients")).entry();
  }
}
