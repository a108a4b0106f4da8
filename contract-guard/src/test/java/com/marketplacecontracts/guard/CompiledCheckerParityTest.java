package com.marketplacecontracts.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.ContractMismatch.Direction;
import com.marketplacecontracts.core.operation.ContractMismatch.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The compiled checker against the JSON Schema validator it replaces, on the same answers: the seed examples of
 * both clients (their own test fixtures), every drift derived from each (a field added, each field removed, each
 * value of another type, another string, null, an array emptied or an element repeated) and hand-written bad
 * bodies. Both must find the same mismatches — kind and location — so the speed is not bought with missed ones.
 */
class CompiledCheckerParityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static SpecIndex yandexCompiled;
  private static SpecIndex yandexValidator;
  private static SpecIndex teezCompiled;
  private static SpecIndex teezValidator;
  private static SpecIndex constructsCompiled;
  private static SpecIndex constructsValidator;

  /** A seed example and the body it is: {@code status} of {@code method path}, or its request when -1. */
  private record Case(String client, String file, String method, String path, int status) {
  }

  private static final List<Case> SEEDS = List.of(
      new Case("yandex-client", "001-uin-status-200.json", "POST", "/v2/campaigns/21/orders/9001/identifiers/status",
          200),
      new Case("yandex-client", "001-uin-status-error.json", "POST",
          "/v2/campaigns/21/orders/9001/identifiers/status", 400),
      new Case("yandex-client", "003-operations-200.json", "POST", "/v1/businesses/5/operations", 200),
      new Case("yandex-client", "003-operations-result.json", "POST", "/v1/businesses/5/operations", 200),
      new Case("yandex-client", "003-api-error-response.json", "POST", "/v1/businesses/5/operations", 400),
      new Case("yandex-client", "003-api-error-errors.json", "POST", "/v1/businesses/5/operations", 500),
      new Case("yandex-client", "003-operations-request.json", "POST", "/v1/businesses/5/operations", -1),
      new Case("yandex-client", "002-offer-mapping-entries-200.json", "GET", "/v2/campaigns/7/offer-mapping-entries",
          200),
      new Case("yandex-client", "002-offer-mapping-entries-result.json", "GET",
          "/v2/campaigns/7/offer-mapping-entries", 200),
      new Case("yandex-client", "002-api-error-response.json", "GET", "/v2/campaigns/7/offer-mapping-entries", 401),
      new Case("teez-client", "000-import-info-400.json", "GET", "/api/seller/v1/products/import/info", 400));

  @BeforeAll
  static void parse() {
    String yandex = spec(ContractGuard.YANDEX_MARKET_SPEC);
    String teez = spec(ContractGuard.TEEZ_SPEC);
    yandexCompiled = SpecIndex.parse(yandex, "yandex", SpecIndex.Checking.COMPILED);
    yandexValidator = SpecIndex.parse(yandex, "yandex", SpecIndex.Checking.VALIDATOR);
    teezCompiled = SpecIndex.parse(teez, "teez", SpecIndex.Checking.COMPILED);
    teezValidator = SpecIndex.parse(teez, "teez", SpecIndex.Checking.VALIDATOR);
    String constructs = spec("guard-parity/constructs.yaml");
    constructsCompiled = SpecIndex.parse(constructs, "constructs", SpecIndex.Checking.COMPILED);
    constructsValidator = SpecIndex.parse(constructs, "constructs", SpecIndex.Checking.VALIDATOR);
  }

  @Test
  void everyBodyOfTheCuratedSpecsIsCompiled() {
    assertThat(yandexCompiled.validatedBodies()).isEmpty();
    assertThat(teezCompiled.validatedBodies()).isEmpty();
    assertThat(constructsCompiled.validatedBodies()).isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> seedExamplesAndEveryDriftOfThemFindTheSameMismatches() {
    return SEEDS.stream().map(seed -> DynamicTest.dynamicTest(seed.file(), () -> {
      JsonNode original = JSON.readTree(Files.readString(seedFile(seed)));
      List<JsonNode> bodies = new ArrayList<>();
      bodies.add(original);
      drifts(original, original, bodies);
      int failing = 0;
      for (JsonNode body : bodies) {
        failing += agree(seed, JSON.writeValueAsBytes(body)) ? 0 : 1;
      }
      assertThat(failing).as("drifts of " + seed.file() + " that differ from the spec").isPositive();
    }));
  }

  @Test
  void bodiesThatAreNotJsonOrTooDeepAreFoundAlike() {
    Case uin = SEEDS.get(0);
    for (String body : List.of("", "   ", "{", "[1,]", "{\"status\":\"OK\",}", "{\"status\":'OK'}", "nul", "01",
        "{\"status\":\"\\x\"}", "{\"status\":\"OK\"", "{\"status\" \"OK\"}", "\"just a string\"", "42", "[]",
        "{\"status\":\"OK\",\"result\":{\"items\":[" + "[".repeat(70) + "]".repeat(70) + "]}}")) {
      assertThat(agree(uin, body.getBytes(StandardCharsets.UTF_8))).as(body).isFalse();
    }
  }

  @Test
  void contentAfterTheBodyIsNotJsonToTheCompiledCheckerOnly() {
    List<List<ContractMismatch>> both = checkBoth(SEEDS.get(0),
        "{\"status\":\"OK\",\"result\":{\"items\":[]}} trailing".getBytes(StandardCharsets.UTF_8));
    assertThat(both.get(0)).singleElement().satisfies(m -> assertThat(m.message()).isEqualTo("body is not JSON"));
    assertThat(both.get(1)).isEmpty(); // the validator's reader stops after the first value
  }

  @Test
  void numbersEscapesAndNamesAreReadAlike() {
    Case uin = SEEDS.get(0);
    String item = "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":%s,\"uin\":[{\"value\":%s,\"status\":\"OK\"}]}]}}";
    List<String[]> conforming = List.of(new String[] {"-0", "\"\\ud83d\\ude00\""}, new String[] {"7", "\"ключ\""},
        new String[] {"99999999999999999999999", "\"a\\\"b\\\\c\\/\\n\""});
    for (String[] values : conforming) {
      String body = String.format(item, values[0], values[1]);
      assertThat(agree(uin, body.getBytes(StandardCharsets.UTF_8))).as(body).isTrue();
    }
    for (String id : List.of("1.5", "1e3", "1.0", "-1E-2", "true", "\"7\"")) {
      assertThat(agree(uin, String.format(item, id, "\"v\"").getBytes(StandardCharsets.UTF_8))).as(id).isFalse();
    }
    assertThat(agree(uin, "{\"st\\u0061tus\":\"\\u004fK\",\"result\":{\"items\":[]}}".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(agree(uin, "{\"status\":\"OK\",\"it's\":1,\"a b\":2,\"$x\":3,\"ключ\":4,\"_k9\":5}"
        .getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void stringsAreScannedAlikeWhateverTheirBytesOffsetInAWord() {
    Case uin = SEEDS.get(0);
    String item = "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":1,\"uin\":[{\"value\":\"%s\",\"status\":\"OK\"}]}]}}";
    int conforming = 0;
    for (String special : List.of("\\n", "\\u0041", "\\\"", "\u0001", "\u007f", "ключ", "€", "😀", "\\\\", "\\x")) {
      for (int offset = 0; offset < 18; offset++) {
        String value = "a".repeat(offset) + special + "b".repeat(17 - offset);
        conforming += agree(uin, String.format(item, value).getBytes(StandardCharsets.UTF_8)) ? 1 : 0;
      }
    }
    assertThat(conforming).isEqualTo(8 * 18); // a raw control character and a bad escape are not JSON
    for (int offset = 0; offset < 10; offset++) {
      byte[] body = String.format(item, "a".repeat(offset) + "~" + "b".repeat(9)).getBytes(StandardCharsets.UTF_8);
      int at = new String(body, StandardCharsets.UTF_8).indexOf('~');
      for (int bad : new int[] {0xC3, 0xFF, 0x80, 0xE2}) {
        byte[] broken = body.clone();
        broken[at] = (byte) bad;
        assertThat(agree(uin, broken)).isFalse();
      }
    }
  }

  @Test
  void repeatedItemsBoundsAndPatternsAreFoundAlikeByTheirShortcuts() {
    Case things = new Case("constructs", "", "POST", "/things", 200);
    String base = "{\"id\":5,\"when\":\"2024-01-01T10:00:00Z\",";
    List<String> letters = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k");
    for (int duplicate = 0; duplicate < letters.size(); duplicate++) {
      List<String> tags = new ArrayList<>(letters.stream().map(letter -> "\"" + letter + "\"").toList());
      tags.add("\"" + letters.get(duplicate) + "\"");
      agree(things, (base + "\"tags\":[" + String.join(",", tags) + "]}").getBytes(StandardCharsets.UTF_8));
      agree(things, (base + "\"tags\":[" + String.join(",", tags.subList(0, tags.size() - 1)) + "]}")
          .getBytes(StandardCharsets.UTF_8));
    }
    for (String tags : List.of("\"ключ\",\"ключ\"", "\"ключ\",\"\\u043a\\u043b\\u044e\\u0447\"", "\"€\",\"\\u20ac\"",
        "\"€\",\"€\"", "\"a\",1,\"a\"", "\"1\",1", "\"a\",\"A\"", "\"\",\"\"")) {
      agree(things, (base + "\"tags\":[" + tags + "]}").getBytes(StandardCharsets.UTF_8));
    }
    for (String ratio : List.of("0.5", "1.0", "1.00000000000001", "1.000000000000001", "-0.0", "0.25e0", "-0",
        "0.999999999999999", "123456789012345", "1234567890123456", "0.000000000000001")) {
      agree(things, (base + "\"ratio\":" + ratio + "}").getBytes(StandardCharsets.UTF_8));
    }
    for (String code : List.of("AB", "AB\\n", " AB", "A", "ABC", "Ab", "ÄB", "A\\u0042")) {
      agree(things, (base + "\"code\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void manyMismatchesAreCappedAlike() {
    String body = "{\"status\":\"OK\",\"result\":{\"items\":[" + "{\"x\":1},".repeat(150) + "{}]}}";
    List<List<ContractMismatch>> both = checkBoth(SEEDS.get(0), body.getBytes(StandardCharsets.UTF_8));
    assertThat(both.get(0)).hasSize(ContractGuard.MAX_REPORTED + 1).last()
        .satisfies(last -> assertThat(last.kind()).isEqualTo(Kind.NOT_CHECKED));
    assertThat(both.get(1)).hasSize(ContractGuard.MAX_REPORTED + 1);
  }

  @TestFactory
  Stream<DynamicTest> eachCompiledKeywordFindsWhatTheValidatorFinds() {
    String base = "{\"id\":5,\"when\":\"2024-01-01T10:00:00Z\"";
    List<String> bodies = new ArrayList<>();
    for (String time : List.of("2024-01-01T10:00:00+03:00", "2024-01-01T10:00:00", "2024-01-01t10:00:00z",
        "2024-02-30T10:00:00Z", "2024-02-29T10:00:00Z", "2023-02-29T10:00:00Z", "2024-01-01T10:00:00.123456789Z",
        "2024-01-01 10:00:00Z", "2016-12-31T23:59:60Z", "2016-12-31T22:59:60Z", "2024-01-01T24:00:00Z",
        "2024-01-01T10:00:00+24:00", "2024-01-01T10:00:00.Z", "2024-01-01T10:00Z", "2024-01-01T10:00:00-00:00",
        "2024-01-01T23:59:60+01:00", "2024-01-02T00:59:60+01:00", "2024-01-01", "0000-01-01T00:00:00Z",
        "2024-13-01T00:00:00Z", "", "2024-01-01T10:00:00+03:00x")) {
      bodies.add("{\"id\":5,\"when\":\"" + time + "\"}");
    }
    for (String day : List.of("\"2024-01-01\"", "\"2024-1-1\"", "\"2024-02-30\"", "\"0000-01-01\"", "null",
        "\"2024-01-01T00:00:00Z\"")) {
      bodies.add(base + ",\"day\":" + day + "}");
    }
    for (String at : List.of("10:00:00Z", "10:00:00.5+03:00", "10:00:00", "10:00", "23:59:60Z", "12:59:60Z",
        "24:00:00Z")) {
      bodies.add(base + ",\"at\":\"" + at + "\"}");
    }
    for (String rest : List.of("\"id\":0", "\"id\":1", "\"id\":10", "\"id\":11", "\"ratio\":0", "\"ratio\":0.0",
        "\"ratio\":1e-9", "\"ratio\":1", "\"ratio\":1.0000001", "\"ratio\":-1", "\"ratio\":1e400",
        "\"code\":\"AB\"", "\"code\":\"ABC\"", "\"code\":\"A\"", "\"code\":\"ab\"", "\"code\":\"ABCD\"",
        "\"kind\":\"SMALL\"", "\"kind\":\"HUGE\"", "\"kind\":null", "\"kind\":1", "\"kind\":{}",
        "\"tags\":[]", "\"tags\":[\"a\"]", "\"tags\":[\"a\",\"a\"]", "\"tags\":[\"a\",\"\\u0061\"]",
        "\"tags\":[\"a\",\"b\",\"c\",\"d\"]", "\"tags\":[1,2]", "\"tags\":[null]", "\"tags\":null",
        "\"points\":[{\"x\":1},{\"x\":1}]", "\"points\":[{\"x\":1},{\"x\":2}]",
        "\"points\":[{\"x\":1,\"y\":2},{\"y\":2,\"x\":1}]", "\"points\":[[1],[1]]", "\"points\":[1,1.0]",
        "\"flag\":true", "\"flag\":\"true\"", "\"flag\":null", "\"labels\":{\"a\":\"b\"}",
        "\"labels\":{\"a\":\"toolong\"}", "\"labels\":{\"a\":1,\"b\":null}", "\"free\":{\"a\":\"b\",\"z\":[1]}",
        "\"free\":{\"a\":1}", "\"merged\":{\"kind\":\"SMALL\",\"size\":1}", "\"merged\":{\"size\":\"1\"}",
        "\"merged\":{\"kind\":\"HUGE\",\"other\":1}", "\"merged\":null", "\"unknown\":{\"deep\":[1]}")) {
      bodies.add(base + "," + rest + "}");
    }
    bodies.add("{}");
    bodies.add("{\"when\":null,\"id\":null}");
    return bodies.stream().map(body -> DynamicTest.dynamicTest(body, () -> {
      agree(new Case("constructs", "", "POST", "/things", 200), body.getBytes(StandardCharsets.UTF_8));
      agree(new Case("constructs", "", "POST", "/things", -1), body.getBytes(StandardCharsets.UTF_8));
    }));
  }

  @Test
  void aRecursiveSchemaIsCheckedToTheBodysDepthWhereTheValidatorGivesUp() {
    Case regions = new Case("constructs", "", "GET", "/regions", 200);
    String body = "{\"regions\":[{\"id\":1,\"name\":\"a\",\"parent\":{\"id\":2,\"name\":\"b\",\"parent\":"
        + "{\"id\":\"3\",\"parent\":{\"id\":4,\"name\":\"d\"}}}}]}";
    List<List<ContractMismatch>> both = checkBoth(regions, body.getBytes(StandardCharsets.UTF_8));
    assertThat(found(both.get(0))).containsExactlyInAnyOrder("WRONG_TYPE $.regions[0].parent.parent.id",
        "MISSING_REQUIRED $.regions[0].parent.parent");
    assertThat(both.get(1)).singleElement().satisfies(m -> assertThat(m.kind()).isEqualTo(Kind.NOT_CHECKED));
  }

  /** Checks {@code body} both ways and asserts they agree; true when it conforms. */
  private static boolean agree(Case seed, byte[] body) {
    List<List<ContractMismatch>> both = checkBoth(seed, body);
    List<ContractMismatch> validator = both.get(1);
    boolean validatorFailed = validator.stream().anyMatch(m -> m.kind() == Kind.NOT_CHECKED
        && m.message().startsWith("the validator failed"));
    if (!validatorFailed) {
      assertThat(found(both.get(0))).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(found(validator));
    }
    return both.get(0).isEmpty();
  }

  private static List<List<ContractMismatch>> checkBoth(Case seed, byte[] body) {
    List<SpecIndex> indexes = switch (seed.client()) {
      case "teez-client" -> List.of(teezCompiled, teezValidator);
      case "constructs" -> List.of(constructsCompiled, constructsValidator);
      default -> List.of(yandexCompiled, yandexValidator);
    };
    List<List<ContractMismatch>> both = new ArrayList<>();
    for (SpecIndex index : indexes) {
      SpecIndex.Entry entry = index.find(seed.method(), seed.path()).orElseThrow();
      BodySchema schema = seed.status() < 0 ? entry.requestBody() : entry.response(seed.status()).orElseThrow();
      List<ContractMismatch> found = new ArrayList<>();
      schema.check(body, entry.operationId(), seed.status() < 0 ? Direction.REQUEST : Direction.RESPONSE, found);
      both.add(found);
    }
    return both;
  }

  private static Set<String> found(List<ContractMismatch> mismatches) {
    return mismatches.stream().map(m -> m.kind() + " " + m.location()).collect(Collectors.toSet());
  }

  /** Every single-step drift of {@code node} (a part of {@code root}), each a whole body added to {@code out}. */
  static void drifts(JsonNode root, JsonNode node, List<JsonNode> out) {
    if (node instanceof ObjectNode object) {
      object.set("unexpectedField", NODES.numberNode(1));
      out.add(root.deepCopy());
      object.remove("unexpectedField");
      for (String name : fieldNames(object)) {
        JsonNode value = object.get(name);
        object.remove(name);
        out.add(root.deepCopy());
        for (JsonNode other : others(value)) {
          object.set(name, other);
          out.add(root.deepCopy());
        }
        object.set(name, value);
        drifts(root, value, out);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        for (JsonNode other : others(value)) {
          array.set(i, other);
          out.add(root.deepCopy());
        }
        array.set(i, value);
        drifts(root, value, out);
      }
      if (!array.isEmpty()) {
        List<JsonNode> elements = new ArrayList<>();
        array.elements().forEachRemaining(elements::add);
        array.removeAll();
        out.add(root.deepCopy());
        array.addAll(elements);
        array.add(elements.get(0).deepCopy());
        out.add(root.deepCopy());
        array.remove(array.size() - 1);
      }
    }
  }

  private static List<JsonNode> others(JsonNode value) {
    List<JsonNode> others = new ArrayList<>(List.of(NODES.nullNode()));
    if (value.isTextual()) {
      others.addAll(List.of(NODES.numberNode(12345), NODES.textNode("DRIFT_VALUE"), NODES.textNode("")));
    } else if (value.isNumber()) {
      others.addAll(List.of(NODES.textNode("7"), NODES.numberNode(-1), NODES.numberNode(1.5),
          NODES.numberNode(0)));
    } else if (value.isBoolean()) {
      others.add(NODES.textNode("true"));
    } else if (value.isContainerNode()) {
      others.addAll(List.of(NODES.textNode("x"), value.isObject() ? NODES.arrayNode() : NODES.objectNode()));
    }
    return others;
  }

  private static List<String> fieldNames(ObjectNode object) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static Path seedFile(Case seed) {
    Path module = Path.of("").toAbsolutePath();
    return module.resolveSibling(seed.client()).resolve("src/test/resources/seed-examples").resolve(seed.file());
  }

  static String spec(String resource) {
    try (var in = CompiledCheckerParityTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
