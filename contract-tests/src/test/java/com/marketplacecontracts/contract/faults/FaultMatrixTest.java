package com.marketplacecontracts.contract.faults;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.model.teez.TeezMapper;
import com.marketplacecontracts.model.yandex.YandexMapper;
import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.yandex.CatalogFilter;
import com.marketplacecontracts.yandex.OfferQuery;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.OperationType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix: each seeded operation against MockWebServer misbehaving in each way a marketplace or network
 * can. Each cell asserts what the user sees (a value, or the typed exception), that attempts are bounded, and that
 * the time spent is bounded (retry waits run on a simulated clock, so they are summed, not slept). The table is
 * printed and written to {@code target/fault-matrix.md}; the README keeps a copy.
 */
class FaultMatrixTest implements FaultClients {

  private static final Map<String, String> CELLS = new ConcurrentSkipListMap<>();
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1); // wide enough for a loaded 2-core machine
  private static final int MAX_ATTEMPTS = RetryConfig.defaults().maxAttempts();

  @RegisterExtension
  final MockServer server = new MockServer();
  private final FakeTimeSource time = new FakeTimeSource();

  /** A seeded operation: how to call it and what a good answer looks like. */
  record Op(String name, Function<FaultClients, Object> call, String okBody, String unknownEnumBody,
      String extraFieldsBody, String missingRequiredBody, String errorBody) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A misbehaviour and the outcome it must give. */
  record Fault(String name, Function<Op, List<MockResponse>> responses, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  @SuppressWarnings("deprecation") // the legacy listing is one of the seeded operations
  static final List<Op> OPS = List.of(
      new Op("teez importStatus", t -> TeezMapper.importJob(7L, t.teez().importStatus(7L)),
          "{\"products\":[{\"index\":0,\"productId\":1,\"status\":\"Created\",\"errors\":[],\"skus\":[]}]}",
          "{\"products\":[{\"index\":0,\"status\":\"Teleported\"}]}",
          "{\"products\":[],\"traceId\":\"x\",\"next\":{\"a\":1}}",
          "{\"products\":[{\"index\":null,\"productId\":null,\"status\":null,\"errors\":null,\"skus\":null}]}",
          "{\"status\":500,\"title\":\"Internal\",\"errorCode\":\"INTERNAL\"}"),
      new Op("yandex uinStatus", t -> YandexMapper.identifierChecks(2L, t.yandex().uinStatus(1L, 2L)),
          "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":1,\"uin\":[{\"value\":\"U\",\"status\":\"OK\"}]}]}}",
          "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":1,\"uin\":[{\"value\":\"U\",\"status\":\"RECHECK\","
              + "\"substatus\":\"UIN_LOST\"}],\"cis\":[{\"value\":\"C\",\"status\":\"QUARANTINE\",\"substatus\":\"NEW\"}]}]}}",
          "{\"status\":\"OK\",\"meta\":1,\"result\":{\"items\":[],\"more\":[1,2]}}",
          "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":null,\"uin\":[{\"value\":null,\"status\":null}]}]}}",
          "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\"}]}"),
      new Op("yandex catalog", t -> t.yandex().catalog(1L, CatalogFilter.builder().pageSize(10).build()).stream()
              .map(YandexMapper::listing).toList(),
          "{\"status\":\"OK\",\"result\":{\"offerMappings\":[{\"offer\":{\"offerId\":\"A\",\"basicPrice\":{\"value\":1,"
              + "\"currencyId\":\"RUR\",\"updatedAt\":\"2026-07-17T10:15:30+03:00\"}}}]}}",
          "{\"status\":\"OK\",\"result\":{\"offerMappings\":[{\"offer\":{\"offerId\":\"A\",\"cardStatus\":\"TELEPORTED\","
              + "\"campaigns\":[{\"campaignId\":1,\"status\":\"ON_MARS\"}],\"basicPrice\":{\"value\":1,\"currencyId\":"
              + "\"XYZ\",\"updatedAt\":\"2026-07-17T10:15:30Z\"}},\"showcaseUrls\":[{\"showcaseType\":\"B2Z\","
              + "\"showcaseUrl\":\"u\"}]}]}}",
          "{\"status\":\"OK\",\"result\":{\"offerMappings\":[{\"offer\":{\"offerId\":\"A\",\"color\":\"red\"},"
              + "\"newCard\":{}}],\"stats\":{}}}",
          "{\"status\":\"OK\",\"result\":{\"offerMappings\":[{\"offer\":{\"offerId\":null,\"basicPrice\":{\"value\":null,"
              + "\"currencyId\":null,\"updatedAt\":null},\"campaigns\":[{\"campaignId\":null,\"status\":null}]}}]}}",
          "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\"}]}"),
      new Op("yandex catalogByIds", t -> t.yandex().catalogByIds(1L, List.of("A", "B")).found().stream()
              .map(YandexMapper::listing).toList(),
          "{\"status\":\"OK\",\"result\":{\"offerMappings\":[{\"offer\":{\"offerId\":\"A\"}}]}}",
          "{\"status\":\"OK\",\"result\":{\"offerMappings\":[{\"offer\":{\"offerId\":\"A\",\"cardStatus\":\"TELEPORTED\"}}]}}",
          "{\"status\":\"OK\",\"result\":{\"offerMappings\":[{\"offer\":{\"offerId\":\"A\"},\"x\":1}],\"paging\":{\"y\":2}}}",
          "{\"status\":\"OK\",\"result\":{\"offerMappings\":[null,{\"offer\":null}]}}",
          "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\"}]}"),
      new Op("yandex offers (legacy)", t -> t.yandex().offers(1L, OfferQuery.builder().pageSize(10).build()).stream()
              .map(YandexMapper::listing).toList(),
          "{\"status\":\"OK\",\"result\":{\"offerMappingEntries\":[{\"offer\":{\"shopSku\":\"A\"}}]}}",
          "{\"status\":\"OK\",\"result\":{\"offerMappingEntries\":[{\"offer\":{\"shopSku\":\"A\",\"availability\":"
              + "\"ON_MARS\",\"processingState\":{\"status\":\"FROZEN\",\"notes\":[{\"type\":\"NEW_NOTE\"}]},"
              + "\"supplyScheduleDays\":[\"FUNDAY\"]}}]}}",
          "{\"status\":\"OK\",\"result\":{\"offerMappingEntries\":[{\"offer\":{\"shopSku\":\"A\",\"color\":\"red\"},"
              + "\"newCard\":{}}],\"stats\":{}}}",
          "{\"status\":\"OK\",\"result\":{\"offerMappingEntries\":null}}",
          "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\"}]}"),
      new Op("yandex operations", t -> YandexMapper.operations(
              t.yandex().operationStatuses(3L, OperationType.ORDER_STATUS_UPDATE, List.of("op"))),
          "{\"status\":\"OK\",\"result\":{\"operations\":[{\"id\":\"op\",\"type\":\"ORDER_STATUS_UPDATE\","
              + "\"status\":\"DONE\"}]}}",
          "{\"status\":\"OK\",\"result\":{\"operations\":[{\"id\":\"op\",\"type\":\"ORDER_TELEPORT\","
              + "\"status\":\"PAUSED\"}]}}",
          "{\"status\":\"OK\",\"result\":{\"operations\":[],\"cursor\":\"c\"},\"warnings\":[]}",
          "{\"status\":\"OK\",\"result\":{\"operations\":[{\"id\":null,\"type\":null,\"status\":null}]}}",
          "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\"}]}"));

  private static List<MockResponse> times(int n, Supplier<MockResponse> response) {
    List<MockResponse> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(response.get());
    }
    return out;
  }

  static final List<Fault> FAULTS = List.of(
      new Fault("connection refused", op -> null, "TransportException"),
      new Fault("disconnect before headers", op -> times(MAX_ATTEMPTS,
          () -> new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START)), "TransportException"),
      new Fault("disconnect after headers", op -> times(MAX_ATTEMPTS,
          () -> json(200, op.okBody()).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY)),
          "TransportException"),
      new Fault("disconnect after headers, then recovers", op -> List.of(
          json(200, op.okBody()).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY),
          json(200, op.okBody())), "value"),
      new Fault("body cut mid-JSON", op -> List.of(json(200, op.okBody().substring(0, op.okBody().length() / 2))),
          "UnreadableResponseException"),
      new Fault("malformed JSON", op -> List.of(json(200, "{\"status\":\"OK\",,}")), "UnreadableResponseException"),
      new Fault("wrong content type (text/plain JSON)", op -> List.of(new MockResponse()
          .setHeader("Content-Type", "text/plain").setBody(op.okBody())), "value"),
      new Fault("empty 200", op -> List.of(json(200, "")), "UnreadableResponseException"),
      new Fault("HTML 502 page", op -> times(MAX_ATTEMPTS, () -> new MockResponse().setResponseCode(502)
          .setHeader("Content-Type", "text/html").setBody("<html><body><h1>502 Bad Gateway</h1></body></html>")),
          "ServerErrorException"),
      new Fault("slow body past read timeout", op -> times(MAX_ATTEMPTS, () -> json(200, op.okBody())
          .throttleBody(1, 3, TimeUnit.SECONDS)), "TransportException"),
      new Fault("420 storm with Retry-After", op -> times(MAX_ATTEMPTS, () -> json(420,
          "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\"}]}").setHeader("Retry-After", "2")),
          "RateLimitedException"),
      new Fault("420 storm without Retry-After", op -> times(MAX_ATTEMPTS, () -> json(420,
          "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\"}]}")), "RateLimitedException"),
      new Fault("5xx burst that recovers", op -> List.of(json(500, op.errorBody()), json(503, op.errorBody()),
          json(200, op.okBody())), "value"),
      new Fault("unknown enum values", op -> List.of(json(200, op.unknownEnumBody())), "value"),
      new Fault("unknown extra fields", op -> List.of(json(200, op.extraFieldsBody())), "value"),
      new Fault("null where the spec says required", op -> List.of(json(200, op.missingRequiredBody())), "value"));

  static List<Arguments> cells() {
    List<Arguments> out = new ArrayList<>();
    for (Fault fault : FAULTS) {
      for (Op op : OPS) {
        out.add(Arguments.of(fault, op));
      }
    }
    return out;
  }

  private String baseUrl;

  @BeforeEach
  void start() throws IOException {
    baseUrl = server.url("/").toString();
  }

  @Override
  public TeezClient teez() {
    return TeezClient.builder().baseUrl(baseUrl).accessToken("t").readTimeout(READ_TIMEOUT)
        .rateLimit(RateLimitConfig.disabled()).timeSource(time).build();
  }

  @Override
  public YandexMarketClient yandex() {
    return YandexMarketClient.builder().baseUrl(baseUrl).apiKey("k").readTimeout(READ_TIMEOUT)
        .rateLimit(RateLimitConfig.disabled()).timeSource(time).build();
  }

  @ParameterizedTest(name = "{0} / {1}")
  @MethodSource("cells")
  void eachFaultGivesABoundedTypedOutcome(Fault fault, Op op) throws IOException {
    List<MockResponse> responses = fault.responses().apply(op);
    if (responses == null) {
      server.shutdown(); // nothing listens on the port any more
    } else {
      responses.forEach(server::enqueue);
    }
    long started = System.nanoTime();

    String outcome;
    try {
      Object value = op.call().apply(this);
      assertThat(value).isNotNull();
      outcome = "value";
    } catch (MarketplaceException e) {
      outcome = e.getClass().getSimpleName();
      assertThat(e.getMessage()).doesNotContain("\"k\"", "Bearer t");
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - started);
    int attempts = responses == null ? 0 : server.getRequestCount();
    Duration waited = time.slept();

    assertThat(outcome).isEqualTo(fault.expected());
    assertThat(attempts).isLessThanOrEqualTo(MAX_ATTEMPTS);
    assertThat(waited).isLessThanOrEqualTo(RetryConfig.defaults().maxTotal());
    assertThat(wall).isLessThan(Duration.ofSeconds(10));
    CELLS.put(fault.name() + "\u0000" + op.name(), outcome + " · " + (responses == null ? "-" : attempts)
        + " req · " + seconds(waited) + " waited");
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
  }

  @AfterAll
  static void writeMatrix() throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder header = new StringBuilder("| fault |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (Op op : OPS) {
      header.append(' ').append(op.name()).append(" |");
      rule.append(" --- |");
    }
    lines.add(header.toString());
    lines.add(rule.toString());
    for (Fault fault : FAULTS) {
      StringBuilder row = new StringBuilder("| " + fault.name() + " |");
      for (Op op : OPS) {
        row.append(' ').append(CELLS.getOrDefault(fault.name() + "\u0000" + op.name(), "not run")).append(" |");
      }
      lines.add(row.toString());
    }
    Path file = Path.of("target", "fault-matrix.md");
    Files.createDirectories(file.getParent());
    Files.write(file, lines);
    System.out.println("Fault matrix (outcome · requests · simulated retry wait):");
    lines.forEach(System.out::println);
  }
}
