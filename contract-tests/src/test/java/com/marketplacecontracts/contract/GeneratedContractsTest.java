package com.marketplacecontracts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marketplacecontracts.contract.prism.PrismExtension;
import com.marketplacecontracts.contract.prism.WireTap;
import com.marketplacecontracts.contract.spec.Specs;
import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.ForbiddenException;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.NotFoundException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.error.UnauthorizedException;
import com.marketplacecontracts.core.http.Download;
import com.marketplacecontracts.core.http.OperationIndex;
import com.marketplacecontracts.core.http.SampleArguments;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.yandex.YandexMarketClient;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract suite generated from the spec: every covered Yandex operation, one case each, against Prism of our
 * spec — called with valid input built from its constraints (no request violation), its example answer and a
 * random schema-valid answer decoded, each documented error status raised as its typed exception, and input below
 * a declared minimum refused before anything is sent. Nothing here is written per operation.
 */
class GeneratedContractsTest {

  @org.junit.jupiter.api.extension.RegisterExtension
  static final PrismExtension YANDEX = new PrismExtension("yandex/partner-api.yaml");

  private static final WireTap TAP = new WireTap();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** operationId → documented error statuses, from the spec. */
  private static final Map<String, List<Integer>> ERRORS = new TreeMap<>();
  private static YandexMarketClient market;

  static Collection<OperationIndex.Operation> operations() {
    return YandexMarketClient.operationIndex().all();
  }

  /** The operations with a whole-number parameter that has a minimum: the others have no value below one to send. */
  static List<OperationIndex.Operation> operationsWithAMinimum() {
    return operations().stream().filter(op -> minimumTarget(op.method()) >= 0).toList();
  }

  /** The first Long or Integer parameter with a {@code @Min}, or -1. */
  private static int minimumTarget(Method method) {
    Class<?>[] types = method.getParameterTypes();
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof Min && (types[i] == Long.class || types[i] == Integer.class)) {
          return i;
        }
      }
    }
    return -1;
  }

  @BeforeAll
  static void start() throws IOException {
    OkHttpClient tapped = new OkHttpClient.Builder().addNetworkInterceptor(TAP).build();
    market = YandexMarketClient.builder().baseUrl(YANDEX.server().baseUrl()).okHttpClient(tapped)
        .retry(RetryConfig.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
        .rateLimit(RateLimitConfig.disabled()).apiKey("ACMA:contract-test-key").build();
    JsonNode spec = YAML.readTree(Specs.root().resolve("yandex/partner-api.yaml").toFile());
    spec.path("paths").forEach(item -> item.forEach(op -> {
      List<Integer> statuses = new ArrayList<>();
      op.path("responses").fieldNames().forEachRemaining(code -> {
        if (code.matches("[45]\\d\\d")) {
          statuses.add(Integer.parseInt(code));
        }
      });
      if (op.has("operationId")) {
        ERRORS.put(op.path("operationId").asText(), statuses);
      }
    }));
  }

  @AfterAll
  static void stop() {
    market.close();
  }

  @BeforeEach
  void reset() {
    TAP.prefer(null);
    TAP.clear();
  }

  private static Object call(OperationIndex.Operation op, Object[] args) {
    return OperationIndex.invoke(market.api(op.api()), op, args).execute();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void validInputReachesPrismCleanAndTheExampleAnswerDecodes(OperationIndex.Operation op) {
    Object answer = call(op, SampleArguments.of(op.method()));

    assertThat(TAP.requestViolations()).as("request violations of %s", op.id()).isEmpty();
    assertThat(TAP.exchanges()).isNotEmpty().allSatisfy(e -> assertThat(e.status()).isBetween(200, 299));
    if (op.answerType() != Void.class) {
      assertThat(answer).as("decoded answer of %s", op.id()).isNotNull();
    }
    if (answer instanceof Download download) {
      assertThat(download.size()).isPositive();
      download.delete();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void aRandomAnswerDecodes(OperationIndex.Operation op) {
    TAP.prefer("dynamic=true");
    // Prism's generator ignores some constraints (exclusive bounds; required fields at the depth where it stops a
    // recursive schema) and then reports its own answer as outside the spec: such a draw is drawn again, up to five
    // times. Every draw must be requested as the spec says and decode, whatever Prism's own faults.
    for (int draw = 0; draw < 5; draw++) {
      TAP.clear();
      Object answer = call(op, SampleArguments.of(op.method()));
      assertThat(TAP.requestViolations()).isEmpty();
      if (op.answerType() != Void.class) {
        assertThat(answer).as("decoded answer of %s", op.id()).isNotNull();
      }
      if (answer instanceof Download download) {
        download.delete();
      }
      if (TAP.exchanges().stream().noneMatch(WireTap.Exchange::answerViolatesSpec)) {
        return;
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void everyDocumentedErrorStatusIsItsTypedException(OperationIndex.Operation op) {
    List<Integer> statuses = ERRORS.getOrDefault(op.id(), List.of());
    assertThat(statuses).as("documented errors of %s", op.id()).isNotEmpty();

    for (int status : statuses) {
      TAP.prefer("code=" + status);
      Throwable thrown = catchThrowable(() -> call(op, SampleArguments.of(op.method())));

      assertThat(thrown).as("%s HTTP %d", op.id(), status).isInstanceOf(typeFor(status));
      MarketplaceException failure = (MarketplaceException) thrown;
      assertThat(failure.statusCode()).isEqualTo(status);
      assertThat(failure.operationId()).isEqualTo(op.id());
    }
  }

  @Test
  void mostOperationsHaveAParameterWithAMinimum() {
    // the source of the next test: an index that lost its bounds would leave it with nothing to run
    assertThat(operationsWithAMinimum()).hasSizeGreaterThan(operations().size() / 2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operationsWithAMinimum")
  void inputBelowADeclaredMinimumIsRefusedBeforeSending(OperationIndex.Operation op) {
    Object[] args = SampleArguments.of(op.method());
    int target = minimumTarget(op.method());
    Min min = Arrays.stream(op.method().getParameterAnnotations()[target]).filter(Min.class::isInstance)
        .map(Min.class::cast).findFirst().orElseThrow();
    args[target] = op.method().getParameterTypes()[target] == Integer.class ? (Object) (int) (min.value() - 1)
        : (Object) (min.value() - 1);
    long before = YANDEX.requestsReceived();

    assertThat(catchThrowable(() -> call(op, args))).isInstanceOf(RequestValidationException.class);
    assertThat(TAP.exchanges()).isEmpty();
    assertThat(YANDEX.requestsReceived()).isEqualTo(before);
  }

  private static Class<? extends MarketplaceException> typeFor(int status) {
    return switch (status) {
      case 400, 422 -> BadRequestException.class;
      case 401 -> UnauthorizedException.class;
      case 403 -> ForbiddenException.class;
      case 404 -> NotFoundException.class;
      case 420, 429 -> RateLimitedException.class;
      case 500, 502, 503 -> ServerErrorException.class;
      default -> com.marketplacecontracts.core.error.ClientErrorException.class;
    };
  }
}
