package com.marketplacecontracts.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplacecontracts.core.http.MarketplaceCall;
import com.marketplacecontracts.core.json.CheckedDecoding;
import com.marketplacecontracts.core.json.Checks;
import com.marketplacecontracts.core.json.GeneratedAdapter;
import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.ContractMismatch.Direction;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The client's checked read against the guard's own check of the bytes, for every operation whose 200 answer the
 * guard leaves to it: a body of each answer's schema made from the spec, and single-step drifts of it (a field
 * added, each one removed, each value of another type, another string, null, an array emptied or an item
 * repeated). Whenever the checked read decodes a body, the value must be the one the usual decoding gives, and
 * when it does not flag it for the guard, the guard's check must find nothing in it: the speed is not bought with a
 * missed mismatch or another value.
 */
class CheckedReadParityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Moshi MOSHI = MoshiFactory.create();
  /** Drifts checked per operation at most, drawn at random (seeded) from all of them. */
  private static final int DRIFTS_PER_OPERATION = 400;

  private static SpecIndex yandex;
  private static SpecIndex teez;

  /** What the checked read made of a body. */
  private enum Outcome { DOUBTED, FLAGGED, CONFORMING }

  /** An operation whose 200 answer a client decodes into {@code model}. */
  record Operation(String id, SpecIndex.Entry entry, Class<?> model) {
  }

  @BeforeAll
  static void parse() {
    yandex = SpecIndex.parse(CompiledCheckerParityTest.spec(ContractGuard.YANDEX_MARKET_SPEC), "yandex");
    teez = SpecIndex.parse(CompiledCheckerParityTest.spec(ContractGuard.TEEZ_SPEC), "teez");
  }

  @Test
  void mostOperationsAreLeftToTheCheckedRead() {
    List<Operation> yandexOperations = operations(com.marketplacecontracts.yandex.api.ApiClient.APIS, yandex);
    long left = yandexOperations.stream().filter(op -> op.entry().okCheckedWhileDecoding()).count();
    assertThat(left).as("of %d operations answering a model", yandexOperations.size())
        .isGreaterThan(yandexOperations.size() * 9L / 10);
  }

  @TestFactory
  Stream<DynamicTest> whatTheCheckedReadAcceptsTheGuardFindsConformingAndDecodesAlike() {
    List<Operation> all = new ArrayList<>(operations(com.marketplacecontracts.yandex.api.ApiClient.APIS, yandex));
    all.addAll(operations(com.marketplacecontracts.teez.api.ApiClient.APIS, teez));
    return all.stream().filter(op -> op.entry().okCheckedWhileDecoding())
        .map(op -> DynamicTest.dynamicTest(op.id(), () -> {
          BodySchema schema = op.entry().response(200).orElseThrow();
          SchemaNode root = ((CompiledSchema) schema).root();
          JsonNode made = instance(root, 0);
          byte[] madeBytes = JSON.writeValueAsBytes(made);
          List<ContractMismatch> madeFound = new ArrayList<>();
          schema.check(madeBytes, op.id(), Direction.RESPONSE, madeFound);
          assertThat(madeFound).as("the body made for %s conforms: %s", op.id(), made).isEmpty();
          assertThat(agree(op, schema, madeBytes)).as("the checked read of the conforming %s", made)
              .isEqualTo(Outcome.CONFORMING);
          List<JsonNode> drifts = new ArrayList<>();
          CompiledCheckerParityTest.drifts(made, made, drifts);
          Random random = new Random(op.id().hashCode());
          while (drifts.size() > DRIFTS_PER_OPERATION) {
            drifts.remove(random.nextInt(drifts.size()));
          }
          int[] outcomes = new int[Outcome.values().length];
          for (JsonNode drift : drifts) {
            outcomes[agree(op, schema, JSON.writeValueAsBytes(drift)).ordinal()]++;
          }
          // Drifts that still conform (an optional field left out), and drifts flagged (a field added).
          assertThat(outcomes[Outcome.CONFORMING.ordinal()]).as("conforming drifts of %s", op.id()).isPositive();
          assertThat(outcomes[Outcome.FLAGGED.ordinal()]).as("flagged drifts of %s", op.id()).isPositive();
        }));
  }

  @Test
  void aDoubtfulFormIsLeftToTheGuard() throws Exception {
    Operation uin = operations(com.marketplacecontracts.yandex.api.ApiClient.APIS, yandex).stream()
        .filter(op -> op.id().equals("getOrderIdentifiersStatus")).findFirst().orElseThrow();
    BodySchema schema = uin.entry().response(200).orElseThrow();
    String ok = "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":11,\"uin\":[{\"value\":\"U-1\",\"status\":\"OK\"}]}]}}";
    assertThat(agree(uin, schema, ok.getBytes(StandardCharsets.UTF_8))).isEqualTo(Outcome.CONFORMING);
    // A repeated name is read as the guard reads it (each value checked); the usual decoding keeps the last.
    assertThat(agree(uin, schema, ok.replace("{\"id\":11,", "{\"id\":11,\"id\":12,")
        .getBytes(StandardCharsets.UTF_8))).isEqualTo(Outcome.CONFORMING);
    // An integer written with a fraction, a quoted number, content after the body, a byte-order mark, broken UTF-8:
    // the checked read leaves each to the guard.
    List<byte[]> doubtful = new ArrayList<>();
    for (String body : List.of(ok.replace("\"id\":11", "\"id\":11.0"), ok.replace("\"id\":11", "\"id\":\"11\""),
        ok + " {}", "\uFEFF" + ok)) {
      doubtful.add(body.getBytes(StandardCharsets.UTF_8));
    }
    byte[] broken = ok.getBytes(StandardCharsets.UTF_8);
    broken[ok.indexOf("U-1") + 2] = (byte) 0xff;
    doubtful.add(broken);
    for (byte[] body : doubtful) {
      assertThat(agree(uin, schema, body)).as(new String(body, StandardCharsets.UTF_8))
          .isNotEqualTo(Outcome.CONFORMING);
    }
  }

  /**
   * Reads {@code body} both ways: when the checked read decodes it, asserts the usual decoding gives the same
   * value, and unless it flagged the body, that the guard finds nothing in it.
   */
  @SuppressWarnings("unchecked")
  private static Outcome agree(Operation op, BodySchema schema, byte[] body) throws Exception {
    JsonAdapter<Object> adapter = (JsonAdapter<Object>) MOSHI.adapter(op.model());
    Checks.Read<Object> read = Checks.read((CheckedDecoding<Object>) adapter, new Buffer().write(body),
        ContractGuard.MAX_CHECKED_TOKENS, ContractGuard.MAX_CHECKED_DEPTH);
    if (read == null) {
      return Outcome.DOUBTED; // a doubt, or a body the read cannot decode: the usual read and the guard take it
    }
    Object checked = read.value();
    String text = new String(body, StandardCharsets.UTF_8);
    Object usual = adapter.fromJson(new Buffer().write(body));
    assertThat(adapter.toJson(checked)).as("%s decoded from %s", op.id(), text).isEqualTo(adapter.toJson(usual));
    assertThat(checked).isEqualTo(usual);
    if (read.flagged()) {
      return Outcome.FLAGGED;
    }
    List<ContractMismatch> found = new ArrayList<>();
    schema.check(body, op.id(), Direction.RESPONSE, found);
    assertThat(found).as("%s: the checked read found nothing to flag in %s", op.id(), text).isEmpty();
    return Outcome.CONFORMING;
  }

  /** The operations of {@code apis} answering a generated model, with the spec's entry for each. */
  static List<Operation> operations(List<Class<?>> apis, SpecIndex index) {
    List<Operation> operations = new ArrayList<>();
    for (Class<?> api : apis) {
      for (Method method : api.getMethods()) {
        ApiOperation operation = method.getAnnotation(ApiOperation.class);
        Type returned = method.getGenericReturnType();
        if (operation == null || !(returned instanceof ParameterizedType call)
            || call.getRawType() != MarketplaceCall.class
            || !(call.getActualTypeArguments()[0] instanceof Class<?> model)
            || !model.isAnnotationPresent(GeneratedAdapter.class)) {
          continue;
        }
        String[] request = request(method);
        SpecIndex.Entry entry = index.find(request[0], "/" + request[1].replaceAll("\\{[^}]+}", "1"))
            .orElseThrow(() -> new AssertionError(operation.id() + " is not in the spec"));
        assertThat(entry.operationId()).isEqualTo(operation.id());
        operations.add(new Operation(operation.id(), entry, model));
      }
    }
    return operations;
  }

  /** The HTTP method and path template of a Retrofit method. */
  private static String[] request(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      String name = annotation.annotationType().getSimpleName();
      if (List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(name)) {
        try {
          String path = (String) annotation.annotationType().getMethod("value").invoke(annotation);
          return new String[] {name, path.startsWith("/") ? path.substring(1) : path};
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError(method + " has no HTTP method");
  }

  /**
   * A body that meets {@code node}: every property (optional ones down to a few levels, as schemas refer to
   * themselves), the first enum value, lengths, bounds, formats and item counts met; a pattern met by the first of a
   * few usual values that does.
   */
  private static JsonNode instance(SchemaNode node, int depth) {
    SchemaNode[] flat = node.flat;
    int types = SchemaNode.ANY;
    for (SchemaNode one : flat) {
      types &= one.types;
    }
    for (SchemaNode one : flat) {
      if (one.enumKeys != null) {
        return NODES.textNode(one.enumKeys.stream().filter(String.class::isInstance).map(String.class::cast)
            .sorted().findFirst().orElseThrow());
      }
    }
    if ((types & SchemaNode.OBJECT) != 0) {
      ObjectNode object = NODES.objectNode();
      List<String> required = new ArrayList<>();
      for (SchemaNode one : flat) {
        required.addAll(List.of(one.required));
      }
      for (SchemaNode one : flat) {
        for (int i = 0; i < one.properties.texts.length; i++) {
          SchemaNode property = one.properties.schemas[i];
          String name = one.properties.texts[i];
          if (property != null && !object.has(name) && (depth < 4 || required.contains(name)) && depth < 12) {
            object.set(name, instance(property, depth + 1));
          }
        }
      }
      return object;
    }
    if ((types & SchemaNode.ARRAY) != 0) {
      ArrayNode array = NODES.arrayNode();
      SchemaNode items = null;
      int count = 1;
      for (SchemaNode one : flat) {
        items = one.items != null ? one.items : items;
        count = Math.max(count, one.minItems);
      }
      for (int i = 0; items != null && i < count; i++) {
        JsonNode item = instance(items, depth + 1);
        array.add(item.isTextual() && count > 1 ? NODES.textNode(item.textValue() + i) : item);
      }
      return array;
    }
    if ((types & SchemaNode.STRING) != 0) {
      return NODES.textNode(text(flat));
    }
    if ((types & (SchemaNode.INTEGER | SchemaNode.NUMBER)) != 0) {
      BigDecimal value = BigDecimal.ONE;
      for (SchemaNode one : flat) {
        if (one.minimum != null && value.compareTo(one.minimum) <= 0) {
          value = one.minimum.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE);
        }
        if (one.maximum != null && value.compareTo(one.maximum) > 0) {
          value = one.maximum.setScale(0, RoundingMode.FLOOR);
        }
      }
      return NODES.numberNode(value.toBigInteger());
    }
    if ((types & SchemaNode.BOOLEAN) != 0) {
      return NODES.booleanNode(true);
    }
    return NODES.nullNode();
  }

  private static String text(SchemaNode[] flat) {
    List<String> candidates = new ArrayList<>(List.of("09:00", "a1", "A1", "1", "RU", "ru", "123456", "4607004650642",
        "https://example.com/a.jpg", "00000000-0000-0000-0000-000000000001", "a"));
    for (SchemaNode one : flat) {
      switch (one.format) {
        case 1 -> candidates.add(0, "2026-01-02T03:04:05+03:00");
        case 2 -> candidates.add(0, "2026-01-02");
        case 3 -> candidates.add(0, "03:04:05Z");
        default -> {
        }
      }
      if (one.minLength > 2) {
        candidates.add(0, "a".repeat(one.minLength));
      }
    }
    for (String candidate : candidates) {
      if (meets(flat, candidate)) {
        return candidate;
      }
    }
    return candidates.get(0);
  }

  private static boolean meets(SchemaNode[] flat, String text) {
    for (SchemaNode one : flat) {
      int length = text.codePointCount(0, text.length());
      if (one.minLength >= 0 && length < one.minLength || one.maxLength >= 0 && length > one.maxLength
          || one.pattern != null && !one.pattern.matcher(text).find()) {
        return false;
      }
    }
    return true;
  }
}
