package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.http.ClientBuilder;
import com.marketplacecontracts.core.internal.error.UriMask;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.operation.RateLimitKind;
import com.marketplacecontracts.mock.MarketplaceSpec;
import com.marketplacecontracts.mock.PrismServer;
import com.marketplacecontracts.mock.PrismUnavailableException;
import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.yandex.YandexMarketClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Where requests go and with which credentials: {@code --base-url} if given; else production when credentials are
 * set; else an embedded Prism mock of the spec the client jar carries (the checkout's {@code specs/} when run from
 * it), announced on stderr. The mock starts at the first request, so input the client rejects before sending costs
 * no mock start. Owns the mocks it starts and stops them on close.
 */
final class Target implements AutoCloseable {

  private final MarketplaceCli options;
  private final Map<String, String> env;
  private final Output output;
  private final boolean forceMock;
  private final List<PrismServer> mocks = new CopyOnWriteArrayList<>();
  private volatile PrismUnavailableException setupFailure;
  /** Whether requests go to an embedded mock (whose answers are the spec's examples). */
  private volatile boolean embedded;

  Target(MarketplaceCli options, Map<String, String> env, Output output, boolean forceMock) {
    this.options = options;
    this.env = env;
    this.output = output;
    this.forceMock = forceMock;
  }

  TeezClient teez() {
    String token = credential(Marketplace.TEEZ, "--teez-access-token", options.teezAccessToken, "TEEZ_ACCESS_TOKEN");
    String clientId = credential(Marketplace.TEEZ, "--teez-client-id", options.teezClientId, "TEEZ_CLIENT_ID");
    String clientSecret = credential(Marketplace.TEEZ, "--teez-client-secret", options.teezClientSecret,
        "TEEZ_CLIENT_SECRET");
    if (token == null && (clientId == null) != (clientSecret == null)) {
      // half a pair is a mistake, not a wish for the mock: a job meant for the marketplace would write to it
      throw credentialRule(Marketplace.TEEZ, clientId == null ? "--teez-client-id (or TEEZ_CLIENT_ID)"
          : "--teez-client-secret (or TEEZ_CLIENT_SECRET)", "(none)", "is not set, but "
          + (clientId == null ? "the client secret" : "the client id") + " is: both are needed");
    }
    boolean hasCredentials = token != null || (clientId != null && clientSecret != null);
    TeezClient.Builder builder = TeezClient.builder().events(events());
    limitsStore(builder, Marketplace.TEEZ);
    route(builder, hasCredentials, MarketplaceSpec.TEEZ);
    if (!hasCredentials || forceMock) {
      builder.accessToken("mock-token");
    } else if (token != null) {
      builder.accessToken(token);
    } else {
      builder.clientCredentials(clientId, clientSecret);
    }
    return builder.build();
  }

  /**
   * Refuses a command that changes data at the marketplace ({@code change}: what, e.g. "prices update") when it
   * would go to the embedded mock only because no credentials are set: the mock accepts every write, so a job whose
   * key went missing would report success. {@code --mock} (or {@code --base-url}) says where it is meant to go.
   * The CLI's writes are Yandex Market ones.
   */
  void refuseUnmeantMock(picocli.CommandLine command, String change) {
    if (forceMock || options.baseUrl != null) {
      return;
    }
    if (yandexKeys().none()) {
      throw new picocli.CommandLine.ParameterException(command, change + " changes data and no Yandex Market"
          + " credentials are set, so nothing was sent: set YANDEX_MARKET_API_KEY (or --yandex-api-key), or"
          + " YANDEX_MARKET_OAUTH_TOKEN (or --yandex-oauth-token), to send it to the marketplace, or add --mock to"
          + " try it on the embedded mock");
    }
  }

  YandexMarketClient yandex() {
    YandexKeys keys = yandexKeys();
    String apiKey = keys.apiKey();
    String oauth = keys.oauth();
    boolean hasCredentials = !keys.none();
    YandexMarketClient.Builder builder = YandexMarketClient.builder().events(events());
    limitsStore(builder, Marketplace.YANDEX_MARKET);
    route(builder, hasCredentials, MarketplaceSpec.YANDEX_MARKET);
    if (!hasCredentials || forceMock) {
      builder.apiKey("mock-api-key");
    } else if (apiKey != null) {
      if (oauth != null) {
        // both set is often a leftover variable: say which one is sent, so a 401 points at the right secret
        output.progress("Both Yandex credentials are set: sending the API key (--yandex-api-key or"
            + " YANDEX_MARKET_API_KEY); the OAuth token is not used");
      }
      builder.apiKey(apiKey);
    } else {
      builder.oauthToken(oauth);
    }
    return builder.build();
  }

  /** The limits store's URI: {@code --limits-store}, else {@code MARKETPLACE_LIMITS_STORE}; null for none. */
  String limitsStoreUri() {
    return first(options.limitsStore, env.get("MARKETPLACE_LIMITS_STORE"));
  }

  /** {@code --limits-store}, else {@code MARKETPLACE_LIMITS_STORE}: limits shared with other runs and processes. */
  private void limitsStore(ClientBuilder<?> builder, Marketplace marketplace) {
    String uri = first(options.limitsStore, env.get("MARKETPLACE_LIMITS_STORE"));
    if (uri == null) {
      return;
    }
    try {
      builder.limitsStore(uri);
    } catch (IllegalArgumentException e) {
      throw new RequestValidationException(marketplace, "limits store", List.of(new RequestValidationException
          .Violation("--limits-store", UriMask.mask(uri, uri), UriMask.mask(e.getMessage(), uri))));
    }
  }

  /** Points the builder at --base-url, production (its default), or an embedded mock started on first use. */
  private void route(ClientBuilder<?> builder, boolean hasCredentials, MarketplaceSpec spec) {
    if (!forceMock && options.baseUrl != null) {
      if (okhttp3.HttpUrl.parse(options.baseUrl) == null) {
        Marketplace marketplace = spec == MarketplaceSpec.TEEZ ? Marketplace.TEEZ : Marketplace.YANDEX_MARKET;
        throw new RequestValidationException(marketplace, "base URL", List.of(new RequestValidationException.Violation(
            "--base-url", UriMask.mask(options.baseUrl), "must be an absolute http:// or https:// URL")));
      }
      if (!hasCredentials) {
        output.progress("No credentials set: sending placeholder credentials to " + UriMask.mask(options.baseUrl));
      }
      builder.baseUrl(options.baseUrl);
      destination(options.baseUrl);
      return;
    }
    if (!forceMock && hasCredentials) {
      destination(spec == MarketplaceSpec.TEEZ ? TeezClient.PRODUCTION_URL : YandexMarketClient.PRODUCTION_URL);
      return;
    }
    embedded = true;
    EmbeddedMock mock = new EmbeddedMock(spec, PrismServer.freePort());
    builder.baseUrl(mock.url()).okHttpClient(new OkHttpClient.Builder().connectionPool(ClientBuilder.connectionPool())
        .addInterceptor(mock).build());
    destination(mock.url());
  }

  private void destination(String baseUrl) {
    options.destination = Humane.hostAndPort(baseUrl);
  }

  /** HOST:PORT requests go to; null before a client is made. */
  String destination() {
    return options.destination;
  }

  /** A Prism mock on a port chosen up front, started when the first request goes out. */
  private final class EmbeddedMock implements Interceptor {
    private final MarketplaceSpec spec;
    private final int port;
    private boolean started;

    EmbeddedMock(MarketplaceSpec spec, int port) {
      this.spec = spec;
      this.port = port;
    }

    String url() {
      return "http://127.0.0.1:" + port + "/";
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      try {
        start();
      } catch (PrismUnavailableException e) {
        setupFailure = e; // the client reports an I/O failure; the command reports this instead
        throw new IOException(e.getMessage(), e);
      }
      return chain.proceed(chain.request());
    }

    private synchronized void start() {
      if (started) {
        return;
      }
      PrismServer server = startMock(spec, port);
      started = true;
      output.progress("Using the embedded Prism mock of " + mockSource(spec) + " at " + server.baseUrl()
          + (forceMock ? "" : " (no credentials set: see --help to call the marketplace)"));
    }
  }

  /** A Prism mock of {@code spec} (the checkout's, else the jar's) on {@code port}, stopped when this closes. */
  PrismServer startMock(MarketplaceSpec spec, int port) {
    Path checkoutSpec = root().resolve("specs").resolve(spec.file());
    boolean fromCheckout = Files.isRegularFile(checkoutSpec);
    PrismServer server = PrismServer.startLocal(fromCheckout ? checkoutSpec : spec.extract(),
        fromCheckout ? root() : null, port);
    mocks.add(server);
    return server;
  }

  /** Which spec file a mock serves, for messages: {@code specs/...} of the checkout, or the bundled one. */
  String mockSource(MarketplaceSpec spec) {
    return (Files.isRegularFile(root().resolve("specs").resolve(spec.file())) ? "specs/" : "the bundled ")
        + spec.file();
  }

  private Path root() {
    String configured = first(System.getProperty("mc.root"), env.get("MARKETPLACE_HOME"));
    return Path.of(configured != null ? configured : ".").toAbsolutePath().normalize();
  }

  private ClientEvents events() {
    return new ClientEvents() {
      @Override
      public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
        output.progress(operationId + ": attempt " + failedAttempt + " failed (" + Humane.attempt(reason,
            options.destination) + "), retrying in " + seconds(delay));
      }

      @Override
      public void rateLimitWait(String operationId, Duration wait) {
        output.progress(operationId + ": waiting " + seconds(wait) + " for the marketplace quota");
      }

      @Override
      public void deprecatedOperation(String operationId, String replacementOperationId, String shutdownDate) {
        // A warning, not progress: --quiet keeps it (a script's operator must learn the call is going away).
        output.error("warning: " + operationId + (COMMANDS.containsKey(operationId)
            ? " (" + COMMANDS.get(operationId) + ")" : "") + (shutdownDate.isEmpty()
            ? " is deprecated by the marketplace" : " was removed by the marketplace on " + shutdownDate)
            + (replacementOperationId.isEmpty() ? "" : "; use " + COMMANDS.getOrDefault(replacementOperationId,
            replacementOperationId)));
      }

      @Override
      public void polled(String operationId, int attempt, boolean settled, Duration elapsed) {
        output.progress(operationId + ": poll " + attempt + " after " + seconds(elapsed)
            + (settled ? ", settled" : ", still in progress"));
      }

      /** Said only with its reset time: the attempt's retry line or the final error says the limit was hit. */
      @Override
      public void rateLimited(String operationId, RateLimitKind kind, Optional<Instant> reset) {
        reset.ifPresent(at -> output.progress(operationId + ": the marketplace's " + (kind == RateLimitKind.PARALLEL
            ? "limit on parallel requests" : "quota") + " resets at " + at));
      }

      @Override
      public void unusableRateLimitHeader(String operationId, String header, String reason) {
        output.error("warning: " + operationId + ": the marketplace's " + header + " header is " + reason);
      }

      @Override
      public void limiterStoreUnavailable(String store, String reason) {
        String configured = first(options.limitsStore, env.get("MARKETPLACE_LIMITS_STORE"));
        output.error(UriMask.mask("warning: limits store " + store + " unreachable (" + reason
            + "); limiting within this run only", configured));
      }
    };
  }

  /** How the command line reaches an operation, for warnings that name what to use instead. */
  private static final Map<String, String> COMMANDS = Map.of(
      "getOfferMappingEntries", "yandex offers --campaign-id",
      "getOfferMappings", "yandex offers --business-id B");

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  /** Yandex Market's credentials as given (option, else variable); each null when not set. */
  private record YandexKeys(String apiKey, String oauth) {
    boolean none() {
      return apiKey == null && oauth == null;
    }
  }

  private YandexKeys yandexKeys() {
    return new YandexKeys(credential(Marketplace.YANDEX_MARKET, "--yandex-api-key", options.yandexApiKey,
        "YANDEX_MARKET_API_KEY"), credential(Marketplace.YANDEX_MARKET, "--yandex-oauth-token",
        options.yandexOauthToken, "YANDEX_MARKET_OAUTH_TOKEN"));
  }

  /**
   * A credential from its option, else its environment variable; null when neither is there. One given but blank
   * is refused: an empty variable (a secret file that was not read, a CI secret not passed on) would otherwise send
   * the run to the embedded mock as if no credentials were meant.
   */
  private String credential(Marketplace marketplace, String option, String fromOption, String variable) {
    if (fromOption != null) {
      if (fromOption.isBlank()) {
        throw credentialRule(marketplace, option, "(empty)", "must not be empty");
      }
      return fromOption;
    }
    String fromEnv = env.get(variable);
    if (fromEnv != null && fromEnv.isBlank()) {
      throw credentialRule(marketplace, variable, "(empty)",
          "is set but empty");
    }
    return fromEnv;
  }

  private static RequestValidationException credentialRule(Marketplace marketplace, String name, String shown,
      String rule) {
    return new RequestValidationException(marketplace, "credentials", List.of(
        new RequestValidationException.Violation(name, shown, rule)));
  }

  private static String first(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }

  /** Why the embedded mock could not start, if it could not: a local setup problem, not a marketplace failure. */
  java.util.Optional<PrismUnavailableException> setupFailure() {
    return java.util.Optional.ofNullable(setupFailure);
  }

  /** Whether the clients made so far send to an embedded mock (answers are the spec's examples, not data). */
  boolean embeddedMock() {
    return embedded;
  }

  @Override
  public void close() {
    mocks.forEach(PrismServer::close);
  }
}
