package com.marketplacecontracts.mock.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.guard.ContractGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Plays the marketplace against a seller's notification receiver, for the seller's tests: posts each notification
 * type of the contract ({@code specs/yandex/notification-api.yaml}, as the notifications jar carries it) — its
 * example, a body generated from its schema, the same again (a repeat), and malformed ones — and checks every
 * answer against the contract: 200 with {@code {version, name, time}} for what fits, 400 {@code WRONG_EVENT_FORMAT}
 * for what does not, each within the marketplace's time limit (1 s for PING, 10 s otherwise).
 *
 * <pre>{@code
 * NotificationSender.Report report = NotificationSender.to(URI.create("http://127.0.0.1:8080/notification"))
 *     .build().sendAll();
 * report.assertConforms();
 * }</pre>
 */
public final class NotificationSender {

  /** Where the notifications jar carries its contract. */
  public static final String SPEC_RESOURCE = "META-INF/marketplace-contracts/specs/yandex/notification-api.yaml";
  /** The most of an answer read (one is about 100 bytes): a receiver that sends more breaks the contract. */
  public static final int MAX_ANSWER_BYTES = 64 * 1024;
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper YAML = io.swagger.v3.core.util.Yaml.mapper();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI target;
  private final JsonNode spec;
  private final OkHttpClient http;
  private final List<ContractMismatch> mismatches = new ArrayList<>();
  /** The receiver's answer time of the last exchange (request sent to answer's headers): the guard's own work out. */
  private final ThreadLocal<Duration> lastWire = new ThreadLocal<>();

  private NotificationSender(Builder b) {
    this.target = b.target;
    try {
      this.spec = YAML.readTree(b.specText);
    } catch (IOException e) {
      throw new IllegalArgumentException("the notification spec is not YAML");
    }
    ContractGuard guard = ContractGuard.forSpecText("yandex/notification-api.yaml", b.specText)
        .events(new ClientEvents() {
          @Override
          public void contractMismatch(ContractMismatch mismatch) {
            synchronized (mismatches) {
              mismatches.add(mismatch);
            }
          }
        }).build();
    this.http = new OkHttpClient.Builder().addInterceptor(guard).addNetworkInterceptor(chain -> {
          long start = System.nanoTime();
          Response response = chain.proceed(chain.request());
          lastWire.set(Duration.ofNanos(System.nanoTime() - start));
          return response;
        }).callTimeout(Duration.ofSeconds(11))
        .readTimeout(Duration.ofSeconds(11)).retryOnConnectionFailure(false).build();
  }

  /** A sender posting to {@code target} (the receiver's full URL, e.g. {@code http://host:port/notification}). */
  public static Builder to(URI target) {
    return new Builder(target);
  }

  /** Every type the contract names, in its order (PING first). */
  public List<String> types() {
    List<String> types = new ArrayList<>();
    spec.path("components").path("schemas").path("NotificationType").path("enum")
        .forEach(v -> types.add(v.asText()));
    return types;
  }

  /** The contract's example of {@code type}. */
  public String example(String type) {
    JsonNode example = examples().path(type).path("value");
    if (example.isMissingNode()) {
      throw new IllegalArgumentException("the contract has no example of " + type);
    }
    return example.toString();
  }

  /** A body of {@code type} generated from its schema: every property, optional ones too, at valid values. */
  public String generated(String type) {
    ObjectNode body = (ObjectNode) generate(schemaOf(type), 0);
    body.put("notificationType", type);
    return body.toString();
  }

  /**
   * Bodies of {@code type} that do not fit the contract, by what is wrong with them: each required field left out,
   * an id of the wrong JSON type, a date-time that is none.
   */
  public Map<String, String> malformed(String type) {
    Map<String, String> bodies = new TreeMap<>();
    JsonNode schema = schemaOf(type);
    ObjectNode valid = (ObjectNode) read(generated(type));
    for (JsonNode required : schema.path("required")) {
      String field = required.asText();
      if (!field.equals("notificationType")) {
        ObjectNode copy = valid.deepCopy();
        copy.remove(field);
        bodies.put("without " + field, copy.toString());
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> property = it.next();
      JsonNode resolved = resolve(property.getValue());
      if (resolved.path("type").asText().equals("integer")) {
        bodies.put(property.getKey() + " not a number", valid.deepCopy().put(property.getKey(), "x1").toString());
      } else if (resolved.path("format").asText().equals("date-time")) {
        bodies.put(property.getKey() + " not a date-time", valid.deepCopy().put(property.getKey(), "yesterday")
            .toString());
      }
    }
    return bodies;
  }

  /** One answer and what was wrong with it ({@code problems} empty when it fits the contract). */
  public record Exchange(String what, int status, String body, Duration took, List<String> problems) {
  }

  /** Posts {@code json} and checks the answer's status ({@code expected}), its body, and its time limit. */
  public Exchange send(String what, String json, int expected, Duration limit) {
    synchronized (mismatches) {
      mismatches.clear();
    }
    long start = System.nanoTime();
    List<String> problems = new ArrayList<>();
    int status;
    String answer;
    try (Response response = http.newCall(new Request.Builder().url(target.toString())
        .post(RequestBody.create(json.getBytes(StandardCharsets.UTF_8), JSON)).build()).execute()) {
      status = response.code();
      byte[] bytes = response.peekBody(MAX_ANSWER_BYTES + 1).bytes();
      if (bytes.length > MAX_ANSWER_BYTES) {
        problems.add("answer larger than " + MAX_ANSWER_BYTES + " bytes");
        bytes = java.util.Arrays.copyOf(bytes, MAX_ANSWER_BYTES);
      }
      answer = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new Exchange(what, -1, "", Duration.ofNanos(System.nanoTime() - start),
          List.of("no answer: " + e.getClass().getSimpleName()));
    }
    Duration took = Objects.requireNonNullElse(lastWire.get(), Duration.ofNanos(System.nanoTime() - start));
    if (status != expected) {
      problems.add("status " + status + ", expected " + expected);
    }
    if (took.compareTo(limit) > 0) {
      problems.add("answered in " + took.toMillis() + " ms, the marketplace waits " + limit.toMillis() + " ms");
    }
    synchronized (mismatches) {
      for (ContractMismatch mismatch : mismatches) {
        if (mismatch.direction() == ContractMismatch.Direction.RESPONSE) {
          problems.add("answer: " + mismatch.kind() + " at " + mismatch.location() + ": " + mismatch.message());
        }
      }
    }
    if (expected == 400 && status == 400 && !"WRONG_EVENT_FORMAT".equals(read(answer).path("error").path("type")
        .asText())) {
      problems.add("error.type is not WRONG_EVENT_FORMAT");
    }
    return new Exchange(what, status, answer, took, List.copyOf(problems));
  }

  /** Posts the example of {@code type} (expects 200). */
  public Exchange send(String type) {
    return send(type + " example", example(type), 200, limit(type));
  }

  /**
   * For every type: the example, the example again (a repeat: 200 again), a generated body, and each malformed
   * variant (400 WRONG_EVENT_FORMAT); then bodies that are no notification at all.
   */
  public Report sendAll() {
    List<Exchange> exchanges = new ArrayList<>();
    for (String type : types()) {
      Duration limit = limit(type);
      exchanges.add(send(type + " example", example(type), 200, limit));
      exchanges.add(send(type + " repeated", example(type), 200, limit));
      exchanges.add(send(type + " generated", generated(type), 200, limit));
      malformed(type).forEach((what, body) -> exchanges.add(send(type + " " + what, body, 400, limit)));
    }
    Duration limit = limit("");
    exchanges.add(send("not JSON", "{\"notificationType\": ", 400, limit));
    exchanges.add(send("an array", "[]", 400, limit));
    exchanges.add(send("no notificationType", "{\"orderId\": 1}", 400, limit));
    return new Report(List.copyOf(exchanges));
  }

  /** The answers of one {@link #sendAll()}. */
  public record Report(List<Exchange> exchanges) {

    public List<Exchange> failures() {
      return exchanges.stream().filter(e -> !e.problems().isEmpty()).toList();
    }

    /** Throws an {@link AssertionError} naming every answer that does not fit the contract. */
    public void assertConforms() {
      List<Exchange> failures = failures();
      if (!failures.isEmpty()) {
        StringBuilder text = new StringBuilder(failures.size() + " of " + exchanges.size()
            + " answers do not fit the notification contract:");
        failures.forEach(f -> text.append("\n  ").append(f.what()).append(": ").append(f.problems()));
        throw new AssertionError(text.toString());
      }
    }
  }

  private static Duration limit(String type) {
    return "PING".equals(type) ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
  }

  private JsonNode examples() {
    return spec.path("paths").path("/notification").path("post").path("requestBody").path("content")
        .path("application/json").path("examples");
  }

  private JsonNode schemaOf(String type) {
    JsonNode ref = spec.path("components").path("schemas").path("SendNotificationRequest").path("discriminator")
        .path("mapping").path(type);
    if (!ref.isTextual()) {
      throw new IllegalArgumentException("the contract has no type " + type);
    }
    return resolve(JsonNodeFactory.instance.objectNode().put("$ref", ref.asText()));
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode at = schema;
    for (int i = 0; i < 10 && at.path("$ref").isTextual(); i++) {
      String ref = at.get("$ref").asText();
      at = spec.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return at;
  }

  private JsonNode generate(JsonNode schema, int depth) {
    JsonNode s = resolve(schema);
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (depth > 8) {
      return f.nullNode();
    }
    if (s.has("enum")) {
      return s.get("enum").get(0);
    }
    switch (s.path("type").asText("object")) {
      case "integer" -> {
        return f.numberNode(Math.max(s.path("minimum").asLong(1), 1) + 100);
      }
      case "number" -> {
        return f.numberNode(1.5);
      }
      case "boolean" -> {
        return f.booleanNode(true);
      }
      case "string" -> {
        return s.path("format").asText().equals("date-time")
            ? f.textNode(OffsetDateTime.now(ZoneOffset.UTC)
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"))) : f.textNode("x-1");
      }
      case "array" -> {
        return f.arrayNode().add(generate(s.path("items"), depth + 1));
      }
      default -> {
        ObjectNode object = f.objectNode();
        s.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), generate(p.getValue(),
            depth + 1)));
        return object;
      }
    }
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      return JsonNodeFactory.instance.objectNode();
    }
  }

  public static final class Builder {
    private final URI target;
    private String specText;

    private Builder(URI target) {
      this.target = Objects.requireNonNull(target, "target");
      if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
        throw new IllegalArgumentException("target: must be an http(s) URL");
      }
    }

    /** Another copy of the contract (YAML); by default the one on the class path ({@link #SPEC_RESOURCE}). */
    public Builder spec(String yaml) {
      this.specText = Objects.requireNonNull(yaml, "yaml");
      return this;
    }

    public NotificationSender build() {
      if (specText == null) {
        ClassLoader loader = Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(),
            NotificationSender.class.getClassLoader());
        try (InputStream in = loader.getResourceAsStream(SPEC_RESOURCE)) {
          if (in == null) {
            throw new IllegalStateException(SPEC_RESOURCE + " is not on the class path (add the notifications jar)");
          }
          specText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return new NotificationSender(this);
    }
  }
}
