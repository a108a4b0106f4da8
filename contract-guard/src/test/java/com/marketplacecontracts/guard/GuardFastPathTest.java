package com.marketplacecontracts.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.internal.json.ClassRun;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shortcuts the guard takes per call give the answers of the slow ways they stand in for. */
class GuardFastPathTest {

  private static final BodySchema OK_BODY = (body, id, direction, found) -> { };
  private static final BodySchema RANGE_BODY = (body, id, direction, found) -> { };
  private static final BodySchema DEFAULT_BODY = (body, id, direction, found) -> { };

  @Test
  void aStatusFindsItsExactKeyThenItsHundredsThenDefaultSkippingKeysWithoutABody() {
    SpecIndex.Statuses statuses = new SpecIndex.Statuses(Map.of("200", OK_BODY, "2XX", RANGE_BODY,
        "DEFAULT", DEFAULT_BODY), Set.of("200", "204", "2XX", "404", "DEFAULT"));
    assertThat(statuses.response(200)).containsSame(OK_BODY);
    assertThat(statuses.response(204)).containsSame(RANGE_BODY); // 204 is listed without a body
    assertThat(statuses.response(299)).containsSame(RANGE_BODY);
    assertThat(statuses.response(404)).containsSame(DEFAULT_BODY);
    assertThat(statuses.response(500)).containsSame(DEFAULT_BODY);
    assertThat(statuses.documents(404)).isTrue();
    assertThat(statuses.documents(503)).isTrue();

    SpecIndex.Statuses strict = new SpecIndex.Statuses(Map.of("200", OK_BODY), Set.of("200", "204", "4XX", "0200"));
    assertThat(strict.documents(204)).isTrue();
    assertThat(strict.response(204)).isEmpty();
    assertThat(strict.documents(418)).isTrue();
    assertThat(strict.documents(500)).isFalse();
    assertThat(strict.response(500)).isEmpty();
    assertThat(strict.documents(300)).isFalse(); // "0200" is not how a status is written
  }

  @Test
  void aPathFindsTheOperationOfTheFewestParametersWhosePatternItMatchesThenTheFirstInTheSpecsOrder() {
    String spec = """
        openapi: 3.0.3
        info: {title: paths, version: "1"}
        paths:
          /v2/things/{id}:
            get: {operationId: getThing, responses: {"200": {description: ok}}}
          /v2/things/list:
            get: {operationId: listThings, responses: {"200": {description: ok}}}
          /v2/{kind}/list:
            get: {operationId: listKinds, responses: {"200": {description: ok}}}
          /v2/things/{id}/parts/:
            get: {operationId: getPartsSlash, responses: {"200": {description: ok}}}
          /v2/stats:
            get: {operationId: getStats, responses: {"200": {description: ok}}}
            post: {operationId: postStats, responses: {"200": {description: ok}}}
        """;
    SpecIndex index = SpecIndex.parse(spec, "paths");
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("GET /v2/things/7", "getThing");
    expected.put("GET /v2/things/7/", "getThing");
    // Declared after getThing, whose parameter would take "list": a concrete path is matched first (OpenAPI).
    expected.put("GET /v2/things/list", "listThings");
    expected.put("GET /v2/other/list", "listKinds");
    expected.put("GET /base/v2/other/list/", "listKinds");
    expected.put("GET /v2/things/7/parts/", "getPartsSlash");
    expected.put("GET /v2/stats", "getStats");
    expected.put("POST /v2/stats", "postStats");
    expected.put("DELETE /v2/stats", null);
    expected.put("GET /v2/statsx", null);
    expected.put("GET /v2/xstats", null);
    expected.put("GET /base/v2/stats/", "getStats");
    expected.put("GET /v2/x/stats", null);
    expected.put("GET /v2/stats//", null);
    expected.put("GET /v2/things/7/other", null);
    expected.put("GET /v2/things/7/parts", null); // the template's own slash is required
    expected.forEach((call, operation) -> {
      String[] parts = call.split(" ");
      assertThat(index.find(parts[0], parts[1]).map(SpecIndex.Entry::operationId).orElse(null)).as(call)
          .isEqualTo(operation);
    });
  }

  @Test
  void cyrillicTextIsCountedByCharactersAndABrokenByteAnywhereInItIsNotJson() {
    String spec = """
        openapi: 3.0.3
        info: {title: text, version: "1"}
        paths:
          /text:
            get:
              operationId: getText
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: {type: object, properties: {s: {type: string, maxLength: 40}}}
        """;
    BodySchema schema = SpecIndex.parse(spec, "text").find("GET", "/text").orElseThrow().response(200).orElseThrow();
    assertThat(check(schema, "ж".repeat(40))).isEmpty();
    assertThat(check(schema, "ж".repeat(41))).singleElement()
        .satisfies(m -> assertThat(m.message()).endsWith("must be at most 40 characters long"));
    for (int offset = 0; offset < 8; offset++) {
      String value = "a".repeat(offset) + "ж".repeat(12) + "b";
      assertThat(check(schema, value)).as(value).isEmpty();
      byte[] body = ("{\"s\":\"" + value + "\"}").getBytes(StandardCharsets.UTF_8);
      int text = 6 + offset;
      for (int at = text; at < text + 24; at++) {
        for (int bad : new int[] {0xC0, 0xC1, 0xE0, 0xFF, 'A'}) {
          byte[] broken = body.clone();
          broken[at] = (byte) bad;
          List<com.marketplacecontracts.core.operation.ContractMismatch> found = new java.util.ArrayList<>();
          schema.check(broken, "getText", com.marketplacecontracts.core.operation.ContractMismatch.Direction.RESPONSE,
              found);
          assertThat(found).as("byte %d of %s as %x", at, value, bad).singleElement()
              .satisfies(m -> assertThat(m.message()).isEqualTo("body is not JSON"));
        }
      }
    }
  }

  private static List<com.marketplacecontracts.core.operation.ContractMismatch> check(BodySchema schema,
      String value) {
    List<com.marketplacecontracts.core.operation.ContractMismatch> found = new java.util.ArrayList<>();
    schema.check(("{\"s\":\"" + value + "\"}").getBytes(StandardCharsets.UTF_8), "getText",
        com.marketplacecontracts.core.operation.ContractMismatch.Direction.RESPONSE, found);
    return found;
  }

  @Test
  void aPatternOfOneRepeatedClassIsReadAndOtherPatternsAreLeftToTheRegex() {
    assertThat(ClassRun.of("^(?=.*\\S.*)[^\\x00-\\x08\\x0A-\\x1f\\x7f]{1,255}$")).isNotNull();
    assertThat(ClassRun.of("^[A-Z]{2}$")).isNotNull();
    assertThat(ClassRun.of("^[[a-zA-Z0-9]- ]*$")).isNotNull();
    for (String other : List.of("^\\+[0-9]+$", "^([0-1][0-9]|2[0-3]):[0-5][0-9]$", "[A-Z]{2}", "^[A-Z]{2}",
        "^[a-z][0-9]$", "^[a-z]|[0-9]$", "^[]a]+$", "^[a-z]{2}+$", "^[a-z]+?$", "^[\\Qab\\E]+$", "^[\\c[]+$")) {
      assertThat(ClassRun.of(other)).as(other).isNull();
    }
  }

  @Test
  void aClassRunAcceptsExactlyTheAsciiStringsItsRegexMatchesWithoutALineTerminator() {
    List<String> patterns = List.of("^(?=.*\\S.*)[^\\x00-\\x08\\x0A-\\x1f\\x7f]{1,255}$", "^[A-Z]{2}$",
        "^[[a-zA-Z0-9]- ]*$", "^[a-c\\]\\\\]{2,3}$", "^[^a]+$", "^[a-z&&[^x]]{1,}$", "^[\\s\\S]{0,4}$");
    String alphabet = "abcxAZ09 -]\\\t\u000b\f\u007f\u0001\u001f\n\r";
    Random random = new Random(7);
    int accepted = 0;
    for (String regex : patterns) {
      Pattern pattern = Pattern.compile(regex);
      ClassRun run = ClassRun.of(regex);
      assertThat(run).as(regex).isNotNull();
      for (int i = 0; i < 20_000; i++) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(i < 19_990 ? 7 : 300);
        for (int k = 0; k < length; k++) {
          text.append(alphabet.charAt(random.nextInt(i % 2 == 0 ? 6 : alphabet.length())));
        }
        String string = text.toString();
        boolean accepts = run.accepts(string);
        boolean matches = pattern.matcher(string).find();
        if (accepts) {
          accepted++;
          assertThat(matches).as(regex + " on '" + string + "'").isTrue();
        } else if (string.indexOf('\n') < 0 && string.indexOf('\r') < 0) {
          assertThat(matches).as(regex + " on '" + string + "'").isFalse();
        }
      }
    }
    assertThat(accepted).isGreaterThan(10_000);
  }

  @Test
  void anExpectedNameIsFoundInPlaceOnlyWhenWrittenAsItIsAndClosed() {
    SchemaNode.Names names = new SchemaNode.Names(new java.util.LinkedHashSet<>(List.of("offerId", "marketSkuName",
        "ключ", "a\"b")), Map.of(), Map.of());
    byte[] body = "{\"offerId\":1,\"offerIdX\":2,\"marketSkuName\":3,\"ключ\":4,\"offer\\u0049d\":5,\"offerI"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(names.at(0, body, 2)).isTrue();
    assertThat(names.at(0, body, byteIndex(body, "offerIdX"))).isFalse(); // not closed after the name
    assertThat(names.at(1, body, byteIndex(body, "marketSkuName"))).isTrue();
    assertThat(names.at(2, body, byteIndex(body, "ключ"))).isTrue();
    assertThat(names.at(0, body, byteIndex(body, "offer\\u0049d"))).isFalse(); // escaped: left to the lookup
    assertThat(names.at(0, body, body.length - 6)).isFalse(); // the body ends inside the name
    assertThat(names.at(3, body, 2)).isFalse(); // a name with a quote is always escaped in an answer
    assertThat(names.at(4, body, 2)).isFalse();
  }

  private static int byteIndex(byte[] body, String what) {
    byte[] needle = what.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + needle.length <= body.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (body[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
