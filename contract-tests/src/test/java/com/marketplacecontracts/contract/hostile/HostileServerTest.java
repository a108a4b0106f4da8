package com.marketplacecontracts.contract.hostile;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.ForbiddenException;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.RedirectRefusedException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.internal.error.RetryAfter;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.error.TransportException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.ResponseLimits;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.paging.PageLimits;
import com.marketplacecontracts.core.paging.PagingStoppedException;
import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.core.polling.Poller;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.yandex.OfferQuery;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.OperationType;
import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hostile-server suite, library level: both clients against loopback servers that misbehave on purpose
 * (MockWebServer, or {@link RawServer} where it cannot misbehave enough). Every case asserts the type of what the
 * caller sees, a bound on requests, a generous bound on wall time (the real numbers go to the table, never into an
 * assertion that could flake), and that no secret appears in any message, {@code toString()}, error list or raw body.
 * The memory cases run in a small-heap JVM: {@code HostileMemoryTest}; the CLI's in cli's
 * {@code HostileServerCliTest}. The table is written to {@code target/hostile-matrix.md}; the README keeps a copy.
 */
class HostileServerTest {

  static final String API_KEY = "hostile-api-key-0001";
  static final String OAUTH = "hostile-oauth-token-0002";
  static final String TEEZ_JWT = "hostile-teez-jwt-0003";
  static final String CLIENT_SECRET = "hostile-client-secret-0004";
  static final String ISSUED_TOKEN = "hostile-issued-token-0005";
  private static final List<String> SECRETS = List.of(API_KEY, OAUTH, TEEZ_JWT, CLIENT_SECRET, ISSUED_TOKEN);
  /** Generous: a bound that proves "finishes", not a timing (the table shows the measured time). */
  private static final Duration FINISHES = Duration.ofSeconds(20);
  private static final Duration READ_TIMEOUT = Duration.ofMillis(400);

  private static final HostileMatrix MATRIX = new HostileMatrix("hostile-matrix.md",
      "| item | case | what the caller sees | requests | time |");

  @RegisterExtension
  final MockServer home = new MockServer();

  @RegisterExtension
  final MockServer elsewhere = new MockServer();
  private final FakeTimeSource time = new FakeTimeSource();

  @AfterAll
  static void writeMatrix() throws IOException {
    MATRIX.write();
  }

  // --- clients ---------------------------------------------------------------------------------------------------

  /** Every event the clients report, as text: none may show a secret either (checked with each outcome). */
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final ClientEvents recording = new ClientEvents() {
    @Override
    public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
      events.add("retrying " + operationId + ": " + reason);
    }

    @Override
    public void contractMismatch(ContractMismatch mismatch) {
      events.add("mismatch " + mismatch);
    }

    @Override
    public void limiterStoreUnavailable(String store, String reason) {
      events.add("store " + store + ": " + reason);
    }
  };

  private YandexMarketClient.Builder yandex(String url) {
    return YandexMarketClient.builder().baseUrl(url).apiKey(API_KEY).readTimeout(READ_TIMEOUT)
        .rateLimit(RateLimitConfig.disabled()).timeSource(time).events(recording);
  }

  private TeezClient.Builder teez(String url) {
    return TeezClient.builder().baseUrl(url).clientCredentials("client-1", CLIENT_SECRET).readTimeout(READ_TIMEOUT)
        .rateLimit(RateLimitConfig.disabled()).timeSource(time).events(recording);
  }

  private static MockResponse token() {
    return json(200, "{\"accessToken\":\"" + ISSUED_TOKEN + "\",\"expiresIn\":3600,\"tokenType\":\"Bearer\"}");
  }

  private static final String IMPORT_OK = "{\"products\":[]}";

  // --- running a case --------------------------------------------------------------------------------------------

  /** What a call gave, how long it took. */
  record Outcome(Object value, MarketplaceException failure, Duration wall) {
    String seen() {
      if (failure == null) {
        return "value";
      }
      return failure.getClass().getSimpleName() + (failure.statusCode() > 0 ? " (HTTP " + failure.statusCode() + ")"
          : "");
    }
  }

  private Outcome call(Supplier<Object> call) {
    long started = System.nanoTime();
    try {
      Object value = call.get();
      return new Outcome(value, null, Duration.ofNanos(System.nanoTime() - started));
    } catch (MarketplaceException e) {
      assertNoSecret(e);
      return new Outcome(null, e, Duration.ofNanos(System.nanoTime() - started));
    } finally {
      assertNoSecret(String.join("\n", events), "the client's events");
    }
  }

  static void assertNoSecret(String text, String where) {
    for (String secret : SECRETS) {
      assertThat(text).as("a secret in " + where).doesNotContain(secret);
    }
  }

  /**
   * No secret in the message, toString, error list, raw body or request id of the failure or any cause, nor
   * anywhere in its printed stack trace (every cause and suppressed exception, as {@code --debug} prints them).
   */
  static void assertNoSecret(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    assertNoSecret(trace.toString(), "the stack trace");
    for (Throwable t = failure; t != null; t = t.getCause()) {
      List<String> texts = new ArrayList<>(List.of(String.valueOf(t.getMessage()), t.toString()));
      if (t instanceof MarketplaceException e) {
        texts.add(e.errors().toString());
        e.rawBody().ifPresent(texts::add);
        e.requestId().ifPresent(texts::add);
      }
      for (String text : texts) {
        for (String secret : SECRETS) {
          assertThat(text).as("a secret in " + t.getClass().getSimpleName()).doesNotContain(secret);
        }
      }
    }
  }

  private static void record(String item, String name, Outcome outcome, int requests, int maxRequests,
      Class<?> expected) {
    if (expected == null) {
      assertThat(outcome.failure()).as(name).isNull();
    } else {
      assertThat(outcome.failure()).as(name).isInstanceOf(expected);
    }
    assertThat(requests).as(name + ": requests").isLessThanOrEqualTo(maxRequests);
    assertThat(outcome.wall()).as(name + ": wall time").isLessThan(FINISHES);
    MATRIX.row(item + " " + name, item, name, outcome.seen(), requests + " (≤ " + maxRequests + ")",
        HostileMatrix.seconds(outcome.wall()));
  }

  // --- 1. redirects ----------------------------------------------------------------------------------------------

  @Test
  void teezTokenExchangeRedirectedToAnotherHostSendsTheSecretNowhere() {
    home.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", elsewhere.url("/token")));

    Outcome outcome = call(() -> teez(home.url("/").toString()).build().importStatus(1L));

    assertThat(elsewhere.getRequestCount()).isZero();
    assertThat(outcome.failure().getMessage()).contains("another origin");
    record("01", "Teez token POST 307 to another host", outcome, home.getRequestCount(), 1,
        RedirectRefusedException.class);
  }

  @Test
  void teezTokenExchangeRedirectedOnTheSameHostIsNotResent() throws Exception {
    home.enqueue(new MockResponse().setResponseCode(308).setHeader("Location", "/api/v1/auth/token2"));

    Outcome outcome = call(() -> teez(home.url("/").toString()).build().importStatus(1L));

    assertThat(outcome.failure().getMessage()).contains("has a body");
    record("01", "Teez token POST 308 on the same host (body never re-sent)", outcome, home.getRequestCount(), 1,
        RedirectRefusedException.class);
  }

  @Test
  void yandexPostRedirectedToAnotherHostIsRefused() {
    home.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", elsewhere.url("/ops")));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build()
        .operationStatuses(1L, OperationType.ORDER_STATUS_UPDATE, List.of("op")));

    assertThat(elsewhere.getRequestCount()).isZero();
    record("01", "Yandex POST 307 to another host", outcome, home.getRequestCount(), 1,
        RedirectRefusedException.class);
  }

  @Test
  void crossHost302IsRefusedForEveryCredentialKind() {
    String url = home.url("/").toString();
    List<Object[]> kinds = List.of(
        new Object[] {"Api-Key", (Supplier<Object>) () -> yandex(url).build().uinStatus(1L, 2L)},
        new Object[] {"OAuth", (Supplier<Object>) () -> yandex(url).oauthToken(OAUTH).build().uinStatus(1L, 2L)},
        new Object[] {"Teez bearer", (Supplier<Object>) () -> teez(url).accessToken(TEEZ_JWT).build().importStatus(1L)},
        new Object[] {"Teez client credentials", (Supplier<Object>) () -> teez(url).build().importStatus(1L)});
    for (Object[] kind : kinds) {
      int before = home.getRequestCount();
      if (kind[0].equals("Teez client credentials")) {
        home.enqueue(token());
      }
      home.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", elsewhere.url("/steal")));
      @SuppressWarnings("unchecked")
      Outcome outcome = call((Supplier<Object>) kind[1]);
      assertThat(elsewhere.getRequestCount()).as((String) kind[0]).isZero();
      record("01", "cross-host 302, " + kind[0], outcome, home.getRequestCount() - before,
          kind[0].equals("Teez client credentials") ? 2 : 1, RedirectRefusedException.class);
    }
  }

  @Test
  void aRedirectThatChangesTheSchemeIsRefused() {
    // https→http and http→https are the same rule: another scheme is another origin. (Loopback has no TLS here.)
    home.enqueue(new MockResponse().setResponseCode(301)
        .setHeader("Location", "https://" + home.url("/").host() + ":" + home.url("/").port() + "/x"));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().uinStatus(1L, 2L));

    assertThat(outcome.failure().getMessage()).contains("another origin, https://");
    record("01", "redirect to another scheme on the same host and port", outcome, home.getRequestCount(), 1,
        RedirectRefusedException.class);
  }

  @Test
  void aSameOriginRedirectLoopEndsAfterFiveHops() {
    home.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse().setResponseCode(302).setHeader("Location", request.getPath() + "x");
      }
    });

    Outcome outcome = call(() -> teez(home.url("/").toString()).accessToken(TEEZ_JWT).build().importStatus(1L));

    assertThat(outcome.failure().getMessage()).contains("more than 5 redirects");
    record("01", "same-origin redirect loop", outcome, home.getRequestCount(), 6, RedirectRefusedException.class);
  }

  @Test
  void aSameOriginRedirectOfAReadIsFollowed() throws Exception {
    home.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/moved"));
    home.enqueue(json(200, IMPORT_OK));

    Outcome outcome = call(() -> teez(home.url("/").toString()).accessToken(TEEZ_JWT).build().importStatus(1L));

    record("01", "same-origin 302 of a GET", outcome, home.getRequestCount(), 2, null);
    home.takeRequest();
    assertThat(home.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + TEEZ_JWT);
  }

  // --- 3. credentials checked before sending -----------------------------------------------------------------------

  @Test
  void credentialsWithControlOrNonAsciiCharactersAreBadInputWithoutTheValue() {
    String url = home.url("/").toString();
    List<Object[]> cases = List.of(
        new Object[] {"Api-Key with a newline", (Supplier<Object>) () -> YandexMarketClient.builder().baseUrl(url)
            .apiKey(API_KEY + "\n").build()},
        new Object[] {"OAuth token with a non-ASCII character", (Supplier<Object>) () -> YandexMarketClient.builder()
            .baseUrl(url).oauthToken(OAUTH + "é").build()},
        new Object[] {"Teez client secret with a control character", (Supplier<Object>) () -> TeezClient.builder()
            .baseUrl(url).clientCredentials("id", CLIENT_SECRET + "\u0007").build()});
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      Outcome outcome = call((Supplier<Object>) c[1]);
      assertThat(outcome.failure().getMessage()).contains("***", "printable ASCII");
      record("03", (String) c[0], outcome, home.getRequestCount(), 0, RequestValidationException.class);
    }
  }

  @Test
  void anIssuedTokenThatIsNotAHeaderValueIsATypedTokenError() {
    home.enqueue(json(200, "{\"accessToken\":\"" + ISSUED_TOKEN + "\\nX-Injected: 1\",\"expiresIn\":3600}"));

    Outcome outcome = call(() -> teez(home.url("/").toString()).build().importStatus(1L));

    assertThat(outcome.failure().statusCode()).isEqualTo(200);
    record("03", "token endpoint issues an accessToken with a newline", outcome, home.getRequestCount(), 1,
        UnreadableResponseException.class);
  }

  @Test
  void aHugeIssuedTokenIsATypedTokenErrorAndIsNeverSent() {
    home.enqueue(json(200, "{\"accessToken\":\"" + "t".repeat(10_000_000) + "\",\"expiresIn\":3600}"));

    Outcome outcome = call(() -> teez(home.url("/").toString()).build().importStatus(1L));

    assertThat(outcome.failure().getMessage()).contains("at most 8192 characters");
    record("03", "token endpoint issues a 10 MB accessToken", outcome, home.getRequestCount(), 1,
        UnreadableResponseException.class);
  }

  @Test
  void aCredentialLongerThanTheCapIsBadInput() {
    Outcome outcome = call(() -> YandexMarketClient.builder().baseUrl(home.url("/").toString())
        .apiKey("k".repeat(8_193)).build());

    assertThat(outcome.failure().getMessage()).contains("***", "at most 8192 characters");
    record("03", "Api-Key of 8193 characters", outcome, home.getRequestCount(), 0, RequestValidationException.class);
  }

  // --- 4. token fetch ----------------------------------------------------------------------------------------------

  @Test
  void aHangingTokenEndpointHoldsNoCallerPastItsCallTimeout() throws Exception {
    try (RawServer hanging = new RawServer((head, out) -> Thread.sleep(60_000))) {
      TeezClient client = teez(hanging.url()).callTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(30))
          .build();
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<Outcome>> calls = new ArrayList<>();
      long started = System.nanoTime();
      for (int i = 0; i < 16; i++) {
        calls.add(pool.submit(() -> call(() -> client.importStatus(1L))));
      }
      Duration slowest = Duration.ZERO;
      for (Future<Outcome> each : calls) {
        Outcome outcome = each.get();
        assertThat(outcome.failure()).isInstanceOf(TransportException.class);
        slowest = outcome.wall().compareTo(slowest) > 0 ? outcome.wall() : slowest;
      }
      pool.shutdown();
      Outcome all = new Outcome(null, calls.get(0).get().failure(), Duration.ofNanos(System.nanoTime() - started));
      MATRIX.row("04 a", "04", "token endpoint never answers, 16 threads, 1 s call timeout",
          "TransportException for each; slowest call " + HostileMatrix.seconds(slowest), hanging.requests()
              + " token request(s) (≤ 1)", HostileMatrix.seconds(all.wall()));
      assertThat(hanging.requests()).isLessThanOrEqualTo(1);
      assertThat(all.wall()).isLessThan(FINISHES);
    }
  }

  @Test
  void aFailingTokenEndpointIsAskedOnceForManyCallersAndTheFailureIsRemembered() throws Exception {
    for (int i = 0; i < 4; i++) {
      home.enqueue(json(500, "{\"status\":500,\"title\":\"down\"}"));
    }
    TeezClient client = teez(home.url("/").toString()).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Outcome>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(pool.submit(() -> call(() -> client.importStatus(1L))));
    }
    for (Future<Outcome> each : calls) {
      assertThat(each.get().failure()).isInstanceOf(ServerErrorException.class);
    }
    pool.shutdown();
    int afterFirstFetch = home.getRequestCount();
    Outcome again = call(() -> client.importStatus(1L));

    assertThat(home.getRequestCount()).as("remembered failure: no new request").isEqualTo(afterFirstFetch);
    record("04", "token endpoint 500s, 8 threads then a 9th call", again, home.getRequestCount(), 4 * 2,
        ServerErrorException.class);
  }

  @Test
  void shortTokenLifetimesDoNotCostATokenRequestPerCall() {
    for (String expiresIn : new String[] {"0", "-5", "30"}) {
      home.enqueue(json(200, "{\"accessToken\":\"" + ISSUED_TOKEN + "\",\"expiresIn\":" + expiresIn + "}"));
      for (int i = 0; i < 20; i++) {
        home.enqueue(json(200, IMPORT_OK));
      }
      int before = home.getRequestCount();
      TeezClient client = teez(home.url("/").toString()).build();
      Outcome outcome = call(() -> {
        for (int i = 0; i < 20; i++) {
          client.importStatus(1L);
        }
        return "20 calls";
      });
      record("04", "expiresIn " + expiresIn + ", 20 calls (1 token request + 20 calls)", outcome,
          home.getRequestCount() - before, 21, null);
    }
  }

  @Test
  void a200WithoutAccessTokenIsATypedTokenErrorNotRetried() {
    home.enqueue(json(200, "{\"tokenType\":\"Bearer\",\"expiresIn\":3600}"));

    Outcome outcome = call(() -> teez(home.url("/").toString()).build().importStatus(1L));

    assertThat(outcome.failure().statusCode()).isEqualTo(200);
    assertThat(outcome.failure().getMessage()).contains("no accessToken");
    // the spec's id of the token exchange, as its other failures name it
    assertThat(((MarketplaceException) outcome.failure()).operationId()).isEqualTo("Auth_GetToken");
    record("04", "token endpoint 200 without accessToken", outcome, home.getRequestCount(), 1,
        UnreadableResponseException.class);
  }

  // --- 6. Retry-After ----------------------------------------------------------------------------------------------

  @Test
  void anAbsurdRetryAfterIsClampedAndStaysARateLimit() {
    home.enqueue(json(420, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\"}]}")
        .setHeader("Retry-After", "99999999999999999999"));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().uinStatus(1L, 2L));

    assertThat(((RateLimitedException) outcome.failure()).retryAfter()).contains(RetryAfter.MAX);
    record("06", "Retry-After: 99999999999999999999", outcome, home.getRequestCount(), 1,
        RateLimitedException.class);
  }

  // --- 7. paging ---------------------------------------------------------------------------------------------------

  private void pages(IntFunction<String> page) {
    AtomicInteger n = new AtomicInteger();
    home.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return json(200, page.apply(n.incrementAndGet()));
      }
    });
  }

  private static String offersPage(int items, String next) {
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < items; i++) {
      entries.append(i == 0 ? "" : ",").append("{\"offer\":{\"shopSku\":\"s").append(i).append("\"}}");
    }
    return "{\"status\":\"OK\",\"result\":{\"paging\":{\"nextPageToken\":\"" + next + "\"},\"offerMappingEntries\":["
        + entries + "]}}";
  }

  @Test
  @SuppressWarnings("deprecation") // the legacy listing, tested on purpose
  void emptyPagesWithFreshTokensEndTheListing() {
    pages(n -> offersPage(0, "fresh-" + n));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().offers(1L, OfferQuery.all()).stream()
        .count());

    assertThat(((PagingStoppedException) outcome.failure()).resumeToken()).contains("fresh-5");
    record("07", "endless empty pages with fresh tokens", outcome, home.getRequestCount(), 5,
        PagingStoppedException.class);
  }

  @Test
  @SuppressWarnings("deprecation") // the legacy listing, tested on purpose
  void aTokenSeenEarlierInTheRunEndsTheListing() {
    pages(n -> offersPage(1, n % 2 == 1 ? "A" : "B"));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().offers(1L, OfferQuery.all()).stream()
        .count());

    assertThat(outcome.failure().getMessage()).contains("\"A\" a second time");
    record("07", "page tokens A, B, A...", outcome, home.getRequestCount(), 3, PagingStoppedException.class);
  }

  @Test
  @SuppressWarnings("deprecation") // the legacy listing, tested on purpose
  void thePageCapEndsTheListingWithTheResumeToken() {
    pages(n -> offersPage(2, "t" + n));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().offers(1L, OfferQuery.all())
        .withLimits(PageLimits.defaults().withMaxPages(25)).stream().count());

    assertThat(((PagingStoppedException) outcome.failure()).resumeToken()).contains("t25");
    record("07", "endless distinct pages, page cap 25", outcome, home.getRequestCount(), 25,
        PagingStoppedException.class);
  }

  @Test
  @SuppressWarnings("deprecation") // the legacy listing, tested on purpose
  void aPageTokenEchoingTheApiKeyIsMaskedInThePagingStoppedMessage() {
    pages(n -> offersPage(1, API_KEY));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().offers(1L, OfferQuery.all()).stream()
        .count());

    assertThat(outcome.failure().getMessage()).contains("\"***\" a second time");
    record("07", "page token echoes the Api-Key, then repeats", outcome, home.getRequestCount(), 2,
        PagingStoppedException.class);
  }

  // --- 8 and 10. server text: secrets echoed, huge messages ------------------------------------------------------------

  @Test
  void aTokenEndpointThatEchoesTheClientSecretIsRedacted() {
    home.enqueue(json(400, "{\"status\":400,\"errorCode\":\"INVALID_CLIENT\",\"errorMessage\":\"bad client_secret "
        + CLIENT_SECRET + "\"}"));

    Outcome outcome = call(() -> teez(home.url("/").toString()).build().importStatus(1L));

    assertThat(outcome.failure().getMessage()).contains("bad client_secret ***");
    record("08", "token endpoint echoes client_secret in its error", outcome, home.getRequestCount(), 1,
        BadRequestException.class);
  }

  @Test
  void secretsEchoedInRawBodiesAndMessagesAreRedacted() {
    home.enqueue(new MockResponse().setResponseCode(403).setHeader("Content-Type", "text/plain")
        .setBody("key " + API_KEY + " has no access"));
    Outcome yandex = call(() -> yandex(home.url("/").toString()).build().uinStatus(1L, 2L));
    assertThat(yandex.failure().rawBody()).contains("key *** has no access");
    record("08", "Yandex 403 echoes the Api-Key in a plain-text body", yandex, home.getRequestCount(), 1,
        ForbiddenException.class);

    home.enqueue(token());
    home.enqueue(json(400, "{\"status\":400,\"errorCode\":\"E\",\"errorMessage\":\"token " + ISSUED_TOKEN
        + " rejected\"}"));
    int before = home.getRequestCount();
    Outcome teez = call(() -> teez(home.url("/").toString()).build().importStatus(1L));
    record("08", "Teez API echoes the issued access token in its error", teez, home.getRequestCount() - before, 2,
        BadRequestException.class);
  }

  @Test
  void aHugeParsedErrorMessageIsTruncated() {
    home.enqueue(json(400, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"BAD\",\"message\":\""
        + "m".repeat(50_000) + "\"}]}"));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().uinStatus(1L, 2L));

    assertThat(outcome.failure().getMessage().length()).isLessThan(1_000);
    assertThat(outcome.failure().errors().get(0).message()).endsWith("(50000 chars, truncated)");
    record("10", "50 000-character error message", outcome, home.getRequestCount(), 1, BadRequestException.class);
  }

  @Test
  void aQuarterMegabyteErrorBodyIsCutToItsPrefix() {
    home.enqueue(json(400, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"BAD\",\"message\":\""
        + "m".repeat(250_000) + "\"}]}"));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().uinStatus(1L, 2L));

    assertThat(outcome.failure().getMessage().length()).isLessThan(2_500);
    record("10", "250 KB error message (past the 64 KiB error prefix)", outcome, home.getRequestCount(), 1,
        BadRequestException.class);
  }

  // --- 12. failure types -------------------------------------------------------------------------------------------

  @Test
  void aHeaderValueRejectedBeforeSendingIsBadInput() {
    Outcome outcome = call(() -> yandex(home.url("/").toString()).userAgent("erp\r\nX-Injected: 1").build());

    assertThat(outcome.failure().getMessage()).contains("User-Agent = ***", "printable ASCII");
    record("12", "User-Agent with CR LF (refused when the client is built)", outcome, home.getRequestCount(), 0,
        RequestValidationException.class);
  }

  @Test
  void an200ThatCannotBeReadKeepsItsStatus() {
    home.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"items\":[1,2,"));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().uinStatus(1L, 2L));

    assertThat(outcome.failure().statusCode()).isEqualTo(200);
    record("12", "200 with cut JSON", outcome, home.getRequestCount(), 1, UnreadableResponseException.class);
  }

  @Test
  void aHangingPollEndsNotSettledAtThePollsOwnTimeout() {
    home.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (home.getRequestCount() == 1) {
          return json(200, "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":1,\"uin\":[{\"value\":\"u\","
              + "\"status\":\"IN_PROGRESS\"}]}]}}");
        }
        time.advance(Duration.ofSeconds(1)); // the poll's clock moves on while this answer hangs
        return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
      }
    });

    // 3 s poll: the first answer, a 2 s wait, then a second poll that never answers gets the 1 s left.
    Outcome outcome = call(() -> yandex(home.url("/").toString()).readTimeout(Duration.ofSeconds(30)).build()
        .awaitUinChecks(1L, 2L, AwaitOptions.timeout(Duration.ofSeconds(3))));

    Poller.PollResult<?> polled = (Poller.PollResult<?>) outcome.value();
    assertThat(polled.settled()).isFalse();
    assertThat(polled.attempts()).isEqualTo(1);
    record("13", "UIN poll of 3 s whose second fetch hangs (not settled)", outcome, home.getRequestCount(), 2, null);
  }

  @Test
  void aUinAnswerWithoutResultIsNotReportedAsSettled() {
    home.enqueue(json(200, "{\"status\":\"OK\"}"));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build()
        .awaitUinChecks(1L, 2L, AwaitOptions.timeout(Duration.ZERO)));

    assertThat(((Poller.PollResult<?>) outcome.value()).settled()).as("settled on an answer without result").isFalse();
    record("12", "UIN checks: 200 without result (not settled)", outcome, home.getRequestCount(), 1, null);
  }

  private static final String UIN_OK = "{\"status\":\"OK\",\"result\":{\"items\":[]}}";

  @Test
  void threeInterimResponsesBeforeTheAnswerAreUnreadableNotRetried() throws Exception {
    try (RawServer interim = new RawServer((head, out) -> RawServer.write(out, "HTTP/1.1 100 Continue\r\n\r\n"
        + "HTTP/1.1 103 Early Hints\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + UIN_OK.length() + "\r\n\r\n" + UIN_OK))) {
      Outcome outcome = call(() -> yandex(interim.url()).build().uinStatus(1L, 2L));

      assertThat(outcome.failure().getMessage()).contains("unexpected interim responses (1xx)")
          .doesNotContain("state:");
      record("12", "three 1xx before the 200", outcome, interim.requests(), 1, UnreadableResponseException.class);
    }
  }

  @Test
  void oversizedResponseHeadersAreUnreadableNotRetried() throws Exception {
    StringBuilder many = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n");
    for (int i = 0; i < 100_000; i++) {
      many.append("X-H").append(i).append(": v\r\n");
    }
    String manyHeaders = many + "Content-Length: " + UIN_OK.length() + "\r\n\r\n" + UIN_OK;
    String oneHuge = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(10 << 20) + "\r\nContent-Length: 2\r\n\r\n{}";
    String[][] cases = {{"100 000 response headers", manyHeaders}, {"one 10 MB response header", oneHuge}};
    for (String[] c : cases) {
      try (RawServer server = new RawServer((head, out) -> RawServer.write(out, c[1]))) {
        Outcome outcome = call(() -> yandex(server.url()).build().uinStatus(1L, 2L));

        assertThat(outcome.failure().getMessage()).contains("response headers larger than");
        record("12", c[0], outcome, server.requests(), 1, UnreadableResponseException.class);
      }
    }
  }

  // --- 14. network text that OkHttp or the decoder quote: never in a message, cause or event unmasked -------------

  /** The request head as one line: a server that echoes it puts the Api-Key header into its status line. */
  private static String oneLine(String head) {
    return head.replace("\r\n", " ").trim();
  }

  @Test
  void aKeyEchoedWhereOkHttpQuotesTheAnswerIsMaskedInTheMessageCausesAndEvents() throws Exception {
    Map<String, RawServer.Handler> cases = new LinkedHashMap<>();
    cases.put("status line echoing the request head (its Api-Key)",
        (head, out) -> RawServer.write(out, "HTTP/1.1 " + oneLine(head) + "\r\n\r\n"));
    cases.put("the Api-Key right after the status code",
        (head, out) -> RawServer.write(out, "HTTP/1.1 200" + API_KEY + " OK\r\n\r\n"));
    cases.put("the Api-Key as the HTTP version", (head, out) -> RawServer.write(out, API_KEY + " 200 OK\r\n\r\n"));
    cases.put("status line with a CR inside, then the Api-Key",
        (head, out) -> RawServer.write(out, "HTTP/1.1 2\r0 " + API_KEY + "\r\n\r\n"));
    cases.put("the Api-Key in a chunk-size line", (head, out) -> RawServer.write(out, "HTTP/1.1 200 OK\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\na" + API_KEY + "\r\n{}"));
    for (Map.Entry<String, RawServer.Handler> c : cases.entrySet()) {
      events.clear();
      try (RawServer server = new RawServer(c.getValue())) {
        Outcome outcome = call(() -> yandex(server.url()).build().uinStatus(1L, 2L));

        assertThat(events).as(c.getKey() + ": retries reported").isNotEmpty();
        assertThat(outcome.failure()).hasStackTraceContaining("ProtocolException").hasStackTraceContaining("***");
        record("14", c.getKey(), outcome, server.requests(), 4, TransportException.class);
      }
    }
  }

  @Test
  void aKeyEchoedOnTheAsyncPathIsMaskedToo() throws Exception {
    try (RawServer server = new RawServer((head, out) -> RawServer.write(out, "HTTP/1.1 " + oneLine(head)
        + "\r\n\r\n"))) {
      Outcome outcome = call(() -> {
        try {
          return yandex(server.url()).build().orders().getOrderIdentifiersStatus(1L, 2L).executeAsync()
              .get(FINISHES.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          throw (MarketplaceException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
          throw new AssertionError(e);
        }
      });
      record("14", "status line echoing the request head, executeAsync", outcome, server.requests(), 4,
          TransportException.class);
    }
  }

  @Test
  void aTokenEndpointEchoingTheClientSecretInItsStatusLineIsMasked() throws Exception {
    try (RawServer server = new RawServer((head, out) -> RawServer.write(out, "HTTP/1.1 2x0 " + CLIENT_SECRET
        + "\r\n\r\n"))) {
      Outcome outcome = call(() -> teez(server.url()).build().importStatus(1L));
      record("14", "Teez token endpoint: the client secret in its status line", outcome, server.requests(), 4,
          TransportException.class);
    }
  }

  @Test
  void aKeyEchoedIntoADecodedValueIsMaskedInTheDecodersCause() {
    // The decoder quotes the value it could not read ("Expected Long but was ..."), in the cause it threw.
    home.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":\"" + API_KEY + "\"}]}}"));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().uinStatus(1L, 2L));

    assertThat(outcome.failure()).hasMessageContaining("but was ***").hasCauseInstanceOf(JsonDataException.class);
    record("14", "200 with the Api-Key as an int64 value (the decoder quotes it)", outcome, home.getRequestCount(), 1,
        UnreadableResponseException.class);
  }

  @Test
  void headerNamesAndAReasonPhraseEchoingTheKeyShowItNowhere() throws Exception {
    try (RawServer server = new RawServer((head, out) -> RawServer.write(out, "HTTP/1.1 500 " + oneLine(head)
        + "\r\n" + API_KEY + ": 1\r\nX-" + API_KEY + ": 2\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"))) {
      Outcome outcome = call(() -> yandex(server.url()).build().uinStatus(1L, 2L));
      record("14", "500 whose reason phrase and header names echo the request", outcome, server.requests(), 4,
          ServerErrorException.class);
    }
  }

  @Test
  void aKeyEchoedPercentEncodedOrInBase64IsMasked() throws Exception {
    String key = "ACMA:hostile-encoded-key-0006";
    String percent = URLEncoder.encode(key, StandardCharsets.UTF_8);
    // Base64 of text around the key takes other characters for each offset of the key (mod 3).
    String lowerHex = percent.replace("%3A", "%3a");
    List<String> answers = new ArrayList<>(List.of("HTTP/1.1 2x0 " + percent, "HTTP/1.1 2x0 " + lowerHex));
    List<String> leaks = new ArrayList<>(List.of(percent, lowerHex));
    for (String before : new String[] {"Api-Key: ", "key=", "k="}) {
      String encoded = Base64.getEncoder().encodeToString((before + key + "!").getBytes(StandardCharsets.UTF_8));
      answers.add("HTTP/1.1 2x0 " + encoded);
      int from = (8 * before.length() + 5) / 6;
      leaks.add(encoded.substring(from, 8 * (before.length() + key.length()) / 6));
    }
    for (String answer : answers) {
      events.clear();
      try (RawServer server = new RawServer((head, out) -> RawServer.write(out, answer + "\r\n\r\n"))) {
        Outcome outcome = call(() -> YandexMarketClient.builder().baseUrl(server.url()).apiKey(key)
            .readTimeout(READ_TIMEOUT).rateLimit(RateLimitConfig.disabled()).timeSource(time).events(recording)
            .build().uinStatus(1L, 2L));

        StringWriter trace = new StringWriter();
        outcome.failure().printStackTrace(new PrintWriter(trace));
        String printed = trace + String.join("\n", events);
        assertThat(printed).contains("Unexpected status line: HTTP/1.1 2x0 ", "***").doesNotContain(key);
        leaks.forEach(leak -> assertThat(printed).doesNotContain(leak));
        record("14", "status line with the key " + (answer.contains("%") ? "percent-encoded" : "in base64") + ": "
            + answer.substring(13, 25) + "...", outcome, server.requests(), 4, TransportException.class);
      }
    }
  }

  // --- 15. Content-Length ---------------------------------------------------------------------------------------

  private static final Map<String, String> BAD_LENGTHS = new LinkedHashMap<>();

  static {
    BAD_LENGTHS.put("Content-Length: -5", "Content-Length: -5\r\n");
    BAD_LENGTHS.put("Content-Length: 99999999999999999999", "Content-Length: 99999999999999999999\r\n");
    BAD_LENGTHS.put("two Content-Lengths that differ (2 and 40)", "Content-Length: 2\r\nContent-Length: 40\r\n");
    BAD_LENGTHS.put("Content-Length: +2", "Content-Length: +2\r\n");
    BAD_LENGTHS.put("Content-Length: 2, 2 (a list)", "Content-Length: 2, 2\r\n");
  }

  @Test
  void aContentLengthThatIsNotOneByteCountIsUnreadableNotRetried() throws Exception {
    for (Map.Entry<String, String> c : BAD_LENGTHS.entrySet()) {
      try (RawServer server = new RawServer((head, out) -> RawServer.write(out, "HTTP/1.1 200 OK\r\n"
          + "Content-Type: application/json\r\n" + c.getValue() + "\r\n" + UIN_OK))) {
        Outcome outcome = call(() -> yandex(server.url()).build().uinStatus(1L, 2L));

        assertThat(outcome.failure().getMessage()).contains("Content-Length is not one byte count");
        assertThat(outcome.failure().statusCode()).isEqualTo(200);
        record("15", c.getKey(), outcome, server.requests(), 1, UnreadableResponseException.class);
      }
    }
  }

  @Test
  void aBadContentLengthOnTheAsyncPathFailsTypedAndTheDispatcherGoesOn() throws Exception {
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    ExecutorService dispatcherThreads = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "hostile-dispatcher");
      thread.setDaemon(true);
      thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
      return thread;
    });
    AtomicInteger answers = new AtomicInteger();
    try (RawServer server = new RawServer((head, out) -> RawServer.write(out, "HTTP/1.1 200 OK\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + (answers.incrementAndGet() == 1 ? "-5"
        : Integer.toString(UIN_OK.length())) + "\r\n\r\n" + UIN_OK))) {
      YandexMarketClient client = yandex(server.url()).okHttpClient(new OkHttpClient.Builder()
          .dispatcher(new okhttp3.Dispatcher(dispatcherThreads)).build()).build();

      Outcome bad = call(() -> {
        try {
          return client.orders().getOrderIdentifiersStatus(1L, 2L).executeAsync().get(FINISHES.toSeconds(),
              TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(MarketplaceException.class);
          throw (MarketplaceException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
          throw new AssertionError(e);
        }
      });
      record("15", "Content-Length: -5, executeAsync", bad, server.requests(), 1, UnreadableResponseException.class);

      Outcome next = call(() -> {
        try {
          return client.orders().getOrderIdentifiersStatus(1L, 2L).executeAsync().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
          throw new AssertionError("the next async call on the same client did not answer", e);
        }
      });
      Thread.sleep(100); // a dispatcher thread ending in an uncaught exception would have done so by now
      assertThat(uncaught).as("exceptions that ended a dispatcher thread").isEmpty();
      record("15", "then a good answer, executeAsync on the same client (within 5 s)", next, server.requests() - 1,
          1, null);
    } finally {
      dispatcherThreads.shutdownNow();
    }
  }

  // --- 16. decoding bounds --------------------------------------------------------------------------------------

  @Test
  void anErrorBodyNestedTooDeepIsARawBodyNotACrash() {
    home.enqueue(json(400, "{\"status\":\"ERROR\",\"errors\":" + "[".repeat(100_000) + "]".repeat(100_000)
        + "}"));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().uinStatus(1L, 2L));

    assertThat(outcome.failure().rawBody()).hasValueSatisfying(raw -> assertThat(raw).endsWith("truncated)"));
    assertThat(outcome.failure().getMessage().length()).isLessThan(2_500);
    record("16", "400 whose error JSON nests 100 000 deep", outcome, home.getRequestCount(), 1,
        BadRequestException.class);
  }

  @Test
  void thousandsOfErrorEntriesAreKeptButTheMessageNamesTen() {
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      entries.append(i == 0 ? "" : ",").append("{\"code\":\"E").append(i).append("\"}");
    }
    home.enqueue(json(400, "{\"status\":\"ERROR\",\"errors\":[" + entries + "]}"));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().uinStatus(1L, 2L));

    assertThat(outcome.failure().errors()).hasSize(3_000);
    assertThat(outcome.failure().getMessage()).contains("E9, ... 2990 more]").hasSizeLessThan(1_000);
    record("16", "400 with 3 000 error entries (inside the 64 KiB prefix)", outcome, home.getRequestCount(), 1, BadRequestException.class);
  }

  // --- 13. timeouts and other cases that already passed --------------------------------------------------------------

  @Test
  void aServerThatAcceptsAndNeverAnswersIsBoundedByTheReadTimeout() throws Exception {
    try (RawServer silent = new RawServer((head, out) -> Thread.sleep(60_000))) {
      Outcome outcome = call(() -> yandex(silent.url()).build().uinStatus(1L, 2L));
      record("13", "accepts, never answers (read timeout 0.4 s, 4 attempts)", outcome, silent.requests(), 4,
          TransportException.class);
    }
  }

  @Test
  void aBodyTrickledAByteAtATimeIsBoundedByTheBodyTimeout() throws Exception {
    try (RawServer trickle = new RawServer((head, out) -> {
      RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
      for (int i = 0; i < 100_000; i++) {
        RawServer.write(out, " ");
        Thread.sleep(100);
      }
    })) {
      Outcome outcome = call(() -> yandex(trickle.url())
          .responseLimits(ResponseLimits.defaults().withBodyTimeout(Duration.ofMillis(700))).build()
          .uinStatus(1L, 2L));
      record("13", "slowloris body: a byte every 100 ms (body timeout 0.7 s)", outcome, trickle.requests(), 4,
          TransportException.class);
    }
  }

  @Test
  void headersTrickledAByteAtATimeAreBoundedByTheCallTimeout() throws Exception {
    try (RawServer trickle = new RawServer((head, out) -> {
      RawServer.write(out, "HTTP/1.1 200 OK\r\n");
      for (int i = 0; i < 100_000; i++) {
        RawServer.write(out, "X");
        Thread.sleep(100);
      }
    })) {
      Outcome outcome = call(() -> yandex(trickle.url()).callTimeout(Duration.ofSeconds(2)).build()
          .uinStatus(1L, 2L));
      record("13", "slowloris headers: a byte every 100 ms (call timeout 2 s)", outcome, trickle.requests(), 4,
          TransportException.class);
    }
  }

  @Test
  void anHttp10ServerClosingAfterEachAnswerGetsEveryRetryAndTheCallEndsWithItsAnswer() throws Exception {
    String body = "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\",\"message\":\"later\"}]}";
    try (RawServer closing = new RawServer((head, out) -> RawServer.write(out, "HTTP/1.0 500 Internal Server Error\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body))) {
      Outcome outcome = call(() -> yandex(closing.url()).build().uinStatus(1L, 2L));
      record("13", "HTTP/1.0 500, connection closed after each answer", outcome, closing.requests(), 4,
          ServerErrorException.class);
    }
  }

  @Test
  void aGarbageStatusLineIsATransportFailure() throws Exception {
    try (RawServer garbage = new RawServer((head, out) -> RawServer.write(out, "SPDY/9 ☠ nonsense\r\n\r\n"))) {
      Outcome outcome = call(() -> yandex(garbage.url()).build().uinStatus(1L, 2L));
      record("13", "garbage status line", outcome, garbage.requests(), 4, TransportException.class);
    }
  }

  @Test
  void deeplyNestedJsonIsUnreadableNotAStackOverflow() {
    home.enqueue(json(200, "{\"status\":\"OK\",\"result\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().uinStatus(1L, 2L));

    record("13", "JSON nested 100 000 deep", outcome, home.getRequestCount(), 1, UnreadableResponseException.class);
  }

  @Test
  void hugeNumbersAreUnreadableNotAHang() {
    // Parsed, 2 000 000 digits cost minutes of CPU (BigDecimal, after the call closed: no timeout applies); the
    // length is refused before parsing, so the case ends well inside the FINISHES bound.
    home.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":" + "9".repeat(2_000_000)
        + "}]}}"));

    Outcome outcome = call(() -> yandex(home.url("/").toString()).build().uinStatus(1L, 2L));

    assertThat(outcome.failure().getMessage()).contains("a number of 2000000 characters");
    record("13", "a 2 000 000-digit number in an int64 field", outcome, home.getRequestCount(), 1,
        UnreadableResponseException.class);
  }

  @Test
  void toStringsNeverShowSecrets() {
    assertThat(List.of(yandex("http://127.0.0.1/"), yandex("http://127.0.0.1/").build(),
        teez("http://127.0.0.1/"), teez("http://127.0.0.1/").build()))
        .allSatisfy(each -> SECRETS.forEach(secret -> assertThat(each.toString()).doesNotContain(secret)));
    assertThatThrownBy(() -> YandexMarketClient.builder().apiKey(" ")).isInstanceOf(RequestValidationException.class);
  }
}
