package com.marketplacecontracts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketplacecontracts.contract.prism.PrismExtension;
import com.marketplacecontracts.contract.prism.WireTap;
import com.marketplacecontracts.contract.spec.Specs;
import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.ForbiddenException;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.NotFoundException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.error.UnauthorizedException;
import com.marketplacecontracts.core.http.OperationIndex;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.internal.http.Validators;
import com.marketplacecontracts.model.teez.TeezMapper;
import com.marketplacecontracts.model.yandex.YandexMapper;
import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.teez.model.GetExternalImportStatusApiResponse;
import com.marketplacecontracts.teez.model.TokenRequest;
import com.marketplacecontracts.teez.model.TokenResponse;
import com.marketplacecontracts.yandex.CatalogFilter;
import com.marketplacecontracts.yandex.OfferQuery;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.BusinessOfferMappingsApi;
import com.marketplacecontracts.yandex.model.CatalogLanguageType;
import com.marketplacecontracts.yandex.model.GetOfferMappingEntriesResponse;
import com.marketplacecontracts.yandex.model.GetOfferMappingsResponse;
import com.marketplacecontracts.yandex.model.GetOperationsResponse;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import com.marketplacecontracts.yandex.model.OfferCardStatusType;
import com.marketplacecontracts.yandex.model.OfferProcessingStatusType;
import com.marketplacecontracts.yandex.model.OperationType;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation of both specs against a Prism mock started from the same spec: example and random schema-valid
 * answers decode, validate and map; every documented error status raises its typed exception with the example's
 * codes; requests carry no violation Prism can find; bad input never reaches Prism.
 */
class OperationContractsTest {

  static final int DYNAMIC_SAMPLES = Integer.getInteger("contract.dynamicSamples", 200);

  @RegisterExtension
  static final PrismExtension TEEZ = new PrismExtension("teez/seller-api.yaml");
  @RegisterExtension
  static final PrismExtension YANDEX = new PrismExtension("yandex/partner-api.yaml");

  private static final Validator VALIDATOR = Validators.shared();
  private static final WireTap TAP = new WireTap();
  private static final Map<String, String> REPORT = new ConcurrentSkipListMap<>();
  private static Clients clients;

  /** The clients under test, pointed at the two mocks. */
  record Clients(TeezClient teez, YandexMarketClient yandex) {
  }

  /**
   * One operation's contract case.
   *
   * @param spec        which spec
   * @param operationId the spec's operationId
   * @param secured     whether the operation needs credentials
   * @param call        calls it through the client, returns the decoded body
   * @param map         maps the body to the domain model
   * @param badInput    a call that violates the spec's constraints
   */
  record Case(String spec, String operationId, boolean secured, Function<Clients, Object> call,
      Function<Object, Object> map, Consumer<Clients> badInput) {
    @Override
    public String toString() {
      return operationId;
    }
  }

  @SuppressWarnings("deprecation") // the legacy listing, covered on purpose
  static List<Case> cases() {
    return List.of(
        new Case("teez/seller-api.yaml", "Products_GetImportStatusAsync", true,
            c -> c.teez().importStatus(123456789L),
            body -> TeezMapper.importJob(123456789L, (GetExternalImportStatusApiResponse) body),
            c -> c.teez().importStatus(0L)),
        new Case("teez/seller-api.yaml", "Auth_GetToken", false,
            c -> c.teez().auth().authGetToken(
                new TokenRequest().clientId("my-client-id").clientSecret("my-client-secret")).execute(),
            body -> ((TokenResponse) body).getExpiresIn(),
            c -> c.teez().auth().authGetToken(new TokenRequest().clientId("").clientSecret("x")).execute()),
        new Case("yandex/partner-api.yaml", "getOrderIdentifiersStatus", true,
            c -> c.yandex().uinStatus(1234567L, 123456789L),
            body -> YandexMapper.identifierChecks(123456789L,
                (GetOrderIdentifiersStatusResponse) body),
            c -> c.yandex().uinStatus(0L, 1L)),
        new Case("yandex/partner-api.yaml", "getOrderIdentifiersStatusUnversioned", true,
            OperationContractsTest::unversionedUinStatus,
            body -> YandexMapper.identifierChecks(123456789L,
                (GetOrderIdentifiersStatusResponse) body),
            OperationContractsTest::unversionedUinStatusOfCampaignZero),
        new Case("yandex/partner-api.yaml", "getOfferMappings", true,
            c -> c.yandex().api(BusinessOfferMappingsApi.class).getOfferMappings(12345L, null, 50, CatalogLanguageType.RU,
                CatalogFilter.builder().cardStatus(OfferCardStatusType.HAS_CARD_CAN_UPDATE).categoryId(91597)
                    .vendor("Makita").tag("power tools").archived(false).build().toRequest()).execute(),
            body -> YandexMapper.listings((GetOfferMappingsResponse) body),
            c -> c.yandex().catalog(12345L, CatalogFilter.builder().pageSize(101).build()).iterator().hasNext()),
        new Case("yandex/partner-api.yaml", "getOfferMappingEntries", true,
            OperationContractsTest::offerPage,
            body -> YandexMapper.listings((GetOfferMappingEntriesResponse) body),
            c -> c.yandex().offers(1234567L, OfferQuery.builder().offerId("   ").build()).iterator().hasNext()),
        new Case("yandex/partner-api.yaml", "getOperations", true,
            c -> c.yandex().operationStatuses(12345L, OperationType.ORDER_RECIPIENT_UPDATE, List.of("example")),
            body -> YandexMapper.operations((GetOperationsResponse) body),
            c -> c.yandex().operationStatuses(12345L, OperationType.ORDER_STATUS_UPDATE,
                IntStream.range(0, 101).mapToObj(i -> "op-" + i).toList())));
  }

  @SuppressWarnings("deprecation")
  private static Object unversionedUinStatus(Clients c) {
    return c.yandex().orders().getOrderIdentifiersStatusUnversioned(1234567L, 123456789L).execute();
  }

  @SuppressWarnings("deprecation")
  private static void unversionedUinStatusOfCampaignZero(Clients c) {
    c.yandex().orders().getOrderIdentifiersStatusUnversioned(0L, 123456789L).execute();
  }

  @SuppressWarnings("deprecation")
  private static Object offerPage(Clients c) {
    return c.yandex().offerMappings().getOfferMappingEntries(1234567L, null, null, 20, null, null,
        null, null, Set.of(OfferProcessingStatusType.READY), null).execute();
  }

  @BeforeAll
  static void clients() {
    clients = clients(null);
  }

  private static Clients clients(Credential override) {
    OkHttpClient tapped = new OkHttpClient.Builder().addNetworkInterceptor(TAP).build();
    // Fast retries so 420/500 cases stay quick; the quotas are off because the dynamic runs send 200 calls each.
    RetryConfig retry = RetryConfig.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
    TeezClient.Builder teez = TeezClient.builder().baseUrl(TEEZ.server().baseUrl()).okHttpClient(tapped)
        .retry(retry).rateLimit(RateLimitConfig.disabled());
    YandexMarketClient.Builder yandex = YandexMarketClient.builder().baseUrl(YANDEX.server().baseUrl())
        .okHttpClient(tapped).retry(retry).rateLimit(RateLimitConfig.disabled());
    if (override != null) {
      teez.credential(override);
      yandex.credential(override);
    } else {
      // A ready token: the token endpoint has its own case, and Prefer must not reach it here.
      teez.accessToken("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjb250cmFjdCJ9.c2ln");
      yandex.apiKey("ACMA:contract-test-key");
    }
    return new Clients(teez.build(), yandex.build());
  }

  @BeforeEach
  void resetTap() {
    TAP.prefer(null);
    TAP.clear();
  }

  @AfterAll
  static void writeReport() throws IOException {
    Path report = Path.of("target", "contract-report.txt");
    Files.createDirectories(report.getParent());
    List<String> lines = new ArrayList<>();
    lines.add("Prism (" + YANDEX.server().kind() + ") contract verification");
    REPORT.forEach((key, value) -> lines.add(key + ": " + value));
    Files.write(report, lines, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    lines.forEach(System.out::println);
  }

  // ---------------------------------------------------------------------------------------------------------------

  @Test
  void everyOperationOfBothSpecsHasAContractCase() {
    Map<String, Set<String>> specified = new TreeMap<>();
    for (Path spec : Specs.all()) {
      Set<String> ids = new TreeSet<>();
      Specs.load(spec).getPaths().values().forEach(item ->
          item.readOperations().forEach(operation -> ids.add(operation.getOperationId())));
      specified.put(Specs.root().relativize(spec).toString().replace('\\', '/'), ids);
    }
    Set<String> handWritten = cases().stream().map(Case::operationId).collect(Collectors.toCollection(TreeSet::new));
    Set<String> generated = YandexMarketClient.operationIndex().all().stream().map(OperationIndex.Operation::id)
        .collect(Collectors.toCollection(TreeSet::new));

    // Teez: a case each, written here. Yandex: every operation in the generated suite (GeneratedContractsTest),
    // the seeded ones also here, with their mapping to common-model.
    assertThat(handWritten).containsAll(specified.get("teez/seller-api.yaml"));
    assertThat(generated).isEqualTo(specified.get("yandex/partner-api.yaml"));
    assertThat(specified.get("yandex/partner-api.yaml")).containsAll(handWritten.stream()
        .filter(id -> !specified.get("teez/seller-api.yaml").contains(id)).toList());
    REPORT.put("operations", Integer.toString(specified.values().stream().mapToInt(Set::size).sum()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theExampleAnswerDecodesValidatesAndMaps(Case operation) {
    Object body = operation.call().apply(clients);

    assertValidAndMappable(operation, body);
    assertThat(TAP.violations()).isEmpty();
    assertThat(TAP.exchanges()).isNotEmpty().allSatisfy(e -> assertThat(e.status()).isBetween(200, 299));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void randomSchemaValidAnswersDecodeValidateAndMap(Case operation) {
    TAP.prefer("dynamic=true");
    List<String> failures = new ArrayList<>();
    int ok = 0;
    int failed = 0;
    int redrawn = 0;
    // Prism's generator ignores `exclusiveMinimum` on numbers (it then reports its own answer as violating the
    // spec): such an answer is no answer of the spec, so it is drawn again, within a bound, and counted.
    for (int draw = 0; ok + failed < DYNAMIC_SAMPLES && draw < DYNAMIC_SAMPLES * 20; draw++) {
      TAP.clear();
      try {
        Object body = operation.call().apply(clients);
        if (TAP.exchanges().stream().anyMatch(WireTap.Exchange::answerViolatesSpec)) {
          redrawn++;
          continue;
        }
        assertValidAndMappable(operation, body);
        ok++;
      } catch (RuntimeException | AssertionError e) {
        failed++;
        if (failures.size() < 5) {
          failures.add(e.toString());
        }
      }
      assertThat(TAP.requestViolations()).isEmpty();
    }
    REPORT.put("dynamic " + operation.operationId(), ok + "/" + DYNAMIC_SAMPLES + " decoded, valid, mapped"
        + (redrawn == 0 ? "" : " (" + redrawn + " answers Prism itself reported as outside the spec, redrawn)"));

    assertThat(failures).isEmpty();
    assertThat(ok).isEqualTo(DYNAMIC_SAMPLES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyDocumentedErrorStatusRaisesItsTypedExceptionWithTheExampleCodes(Case operation) {
    Map<Integer, List<String>> documented = documentedErrors(operation);
    assertThat(documented).isNotEmpty();

    for (Map.Entry<Integer, List<String>> error : documented.entrySet()) {
      TAP.prefer("code=" + error.getKey());
      Throwable thrown = catchThrowable(() -> operation.call().apply(clients));

      assertThat(thrown).as("HTTP %d", error.getKey()).isInstanceOf(typeFor(error.getKey()));
      MarketplaceException failure = (MarketplaceException) thrown;
      assertThat(failure.statusCode()).isEqualTo(error.getKey());
      assertThat(failure.operationId()).isEqualTo(operation.operationId());
      assertThat(failure.errorCodes()).as("codes of HTTP %d", error.getKey()).isEqualTo(error.getValue());
    }
    REPORT.put("errors " + operation.operationId(), documented.keySet().toString());
    assertThat(TAP.violations()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void missingCredentialsRaiseUnauthorized(Case operation) {
    if (!operation.secured()) {
      assertThat(operation.call().apply(clients(Credential.header("X-Not-A-Credential", "x")))).isNotNull();
      return;
    }
    Clients anonymous = clients(Credential.header("X-Not-A-Credential", "x"));
    // The spec's 401 example where one is documented (Yandex); else Prism's own problem details (Teez).
    List<String> expected = documentedErrors(operation).getOrDefault(401, List.of("Invalid security scheme used"));

    assertThatThrownBy(() -> operation.call().apply(anonymous))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.errors()).extracting(error -> error.code()).isEqualTo(expected);
        });
    assertThat(TAP.exchanges()).extracting(WireTap.Exchange::status).containsOnly(401);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputIsStoppedBeforeItReachesPrism(Case operation) {
    PrismExtension prism = operation.spec().startsWith("teez") ? TEEZ : YANDEX;
    long before = prism.requestsReceived();

    assertThatThrownBy(() -> operation.badInput().accept(clients)).isInstanceOf(RequestValidationException.class);
    assertThat(TAP.exchanges()).isEmpty();
    assertThat(prism.requestsReceived()).isEqualTo(before);
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static void assertValidAndMappable(Case operation, Object body) {
    assertThat(body).isNotNull();
    Set<ConstraintViolation<Object>> violations = VALIDATOR.validate(body);
    if (!violations.isEmpty()) {
      throw new AssertionError(operation.operationId() + " answer violates the spec: " + violations.stream()
          .map(v -> v.getPropertyPath() + " " + v.getMessage() + " (" + v.getInvalidValue() + ")").toList());
    }
    assertThat(operation.map().apply(body)).isNotNull();
  }

  private static Class<? extends MarketplaceException> typeFor(int status) {
    return switch (status) {
      case 400 -> BadRequestException.class;
      case 401 -> UnauthorizedException.class;
      case 403 -> ForbiddenException.class;
      case 404 -> NotFoundException.class;
      case 420, 429 -> RateLimitedException.class;
      default -> ServerErrorException.class;
    };
  }

  /** The operation's documented error statuses and the codes their examples carry. */
  private static Map<Integer, List<String>> documentedErrors(Case operation) {
    OpenAPI api = Specs.load(Specs.root().resolve(operation.spec()));
    Operation found = api.getPaths().values().stream().flatMap(item -> item.readOperations().stream())
        .filter(o -> operation.operationId().equals(o.getOperationId())).findFirst().orElseThrow();
    Map<Integer, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, ApiResponse> response : found.getResponses().entrySet()) {
      int status = Integer.parseInt(response.getKey());
      if (status < 400) {
        continue;
      }
      Object example = response.getValue().getContent().get("application/json").getExample();
      out.put(status, codes(Json.mapper().valueToTree(example)));
    }
    return out;
  }

  private static List<String> codes(JsonNode example) {
    List<String> out = new ArrayList<>();
    if (example.hasNonNull("errorCode")) {
      out.add(example.get("errorCode").asText());
    }
    JsonNode errors = example.get("errors");
    if (errors != null && errors.isArray()) {
      errors.forEach(error -> out.add(error.get("code").asText()));
    } else if (errors != null && errors.isObject()) {
      errors.fields().forEachRemaining(field -> field.getValue().forEach(d -> out.add(d.get("code").asText())));
    }
    return out;
  }
}
