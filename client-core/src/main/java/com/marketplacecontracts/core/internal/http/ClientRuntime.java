package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.http.ClientBuilder;
import com.marketplacecontracts.core.http.ResponseLimits;
import com.marketplacecontracts.core.http.RequestOptions;
import com.marketplacecontracts.core.http.RedirectPolicy;
import com.marketplacecontracts.core.http.MarketplaceCall;
import com.marketplacecontracts.core.http.Download;
import com.marketplacecontracts.core.http.ClientSettings;
import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.internal.http.CredentialInterceptor;
import com.marketplacecontracts.core.internal.http.UnauthorizedRetryInterceptor;
import com.marketplacecontracts.core.internal.error.ErrorBodyParser;
import com.marketplacecontracts.core.internal.error.ErrorDecoder;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.internal.error.Redactor;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.TransportException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.operation.Operations;
import com.marketplacecontracts.core.internal.ratelimit.RateLimitInterceptor;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.internal.http.RetryInterceptor;
import com.marketplacecontracts.core.time.Deadline;
import com.marketplacecontracts.core.internal.http.ValidatingProxy;
import com.marketplacecontracts.core.internal.http.Validators;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The engine behind a client facade: one OkHttpClient with the interceptor stack, one Moshi, one Retrofit, one
 * Validator. Builds validating API proxies whose methods return {@link MarketplaceCall}s. Thread-safe.
 *
 * <p>Interceptor order, outermost first: user agent (and the call's deadline), deprecation notice, retries,
 * client-side rate limit, refresh-on-401, redirects ({@link RedirectPolicy}), response limits
 * ({@link ResponseLimits}); the credential is a network interceptor so every hop is checked against the configured
 * origin, and {@link ExchangeGuard} types the answers that break the HTTP exchange itself. Every failure is built
 * by one {@link ErrorDecoder}, which masks the client's secrets and bounds every server-supplied string, in the
 * message and in the causes it keeps (redacted copies); every event passes the same redactor
 * ({@code RedactedEvents}); nothing but a typed failure leaves the interceptor chain.
 */
public final class ClientRuntime implements AutoCloseable {

  private static final String VERSION = readVersion();
  static final String TRACEPARENT = "traceparent";

  private final Marketplace marketplace;
  private final HttpUrl baseUrl;
  private final OkHttpClient http;
  /** False when the user handed in their own OkHttpClient: its threads and connections stay theirs to end. */
  private final boolean ownsHttp;
  private final Retrofit retrofit;
  /** Whether {@link #http} speaks plain HTTP only (no TLS set up): see the constructor. */
  private final boolean cleartextOnly;
  /** {@link #http} with TLS, made by the first https download of a {@link #cleartextOnly} runtime. */
  private volatile OkHttpClient withTls;
  private final ErrorDecoder errors;
  /** What each typed call in flight has learned (its last status, attempts, whether it went out). */
  private final CallState.Registry calls = new CallState.Registry();
  /**
   * Credentials calls were given in their {@link RequestOptions}, masked like the client's own for as long as
   * anything holds them (weak: a key used once does not stay).
   */
  private final Set<Credential> callCredentials = Collections.newSetFromMap(new WeakHashMap<>());
  /** What a User-Agent must be: OkHttp would reject anything else when sending, quoting the value. */
  static final String USER_AGENT_RULE = "must be printable ASCII without control characters";

  private ClientRuntime(Marketplace marketplace, ClientSettings settings, Credential credential,
      Function<Moshi, ErrorBodyParser> parser) {
    this.marketplace = marketplace;
    this.baseUrl = normalize(settings.baseUrl());
    Moshi moshi = MoshiFactory.create();
    List<String> builderSecrets = List.copyOf(settings.secrets());
    this.errors = new ErrorDecoder(marketplace, parser.apply(moshi), settings.clock(), Redactor.of(() -> {
      List<Credential> perCall;
      synchronized (callCredentials) {
        perCall = callCredentials.isEmpty() ? List.of() : List.copyOf(callCredentials);
      }
      if (credential == null && perCall.isEmpty()) {
        return builderSecrets;
      }
      List<String> all = new ArrayList<>(builderSecrets);
      if (credential != null) {
        all.addAll(credential.secrets());
      }
      perCall.forEach(c -> all.addAll(c.secrets()));
      return all;
    }));
    this.ownsHttp = settings.okHttpClient() == null;
    // A fresh builder, not a default client's: building that client would set up TLS (see cleartextOnly below).
    OkHttpClient.Builder builder = (settings.okHttpClient() == null ? new OkHttpClient.Builder()
        : settings.okHttpClient().newBuilder())
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .writeTimeout(settings.readTimeout())
        .callTimeout(settings.callTimeout())
        // OkHttp's own silent retry is off: only the retry policy (and the spec's x-idempotent) decides what may
        // be sent twice.
        .retryOnConnectionFailure(false)
        // Redirects are decided by RedirectPolicy (RedirectInterceptor), never by OkHttp.
        .followRedirects(false)
        .followSslRedirects(false);
    // A plain-http origin (a mock, a local proxy) whose redirects cannot leave it needs no TLS: OkHttp would load
    // the trust store and set up TLS when built, which costs a one-call process more than the call. A file on an
    // https host is fetched by a TLS client made then (download).
    if (ownsHttp) {
      // Servers close idle connections after as little as 5 s (Node's default; the mock's). A request written to a
      // connection the server has just closed fails after it may have been sent, and a write that may not be sent
      // twice cannot be retried then: a connection idle for longer than the least of those is not reused.
      builder.connectionPool(ClientBuilder.connectionPool());
    }
    this.cleartextOnly = ownsHttp && !baseUrl.isHttps() && !settings.redirects().crossOrigin();
    if (cleartextOnly) {
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    if (settings.userAgent() != null && !settings.userAgent().chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
      throw new RequestValidationException(marketplace, "client settings", List.of(
          new RequestValidationException.Violation("User-Agent", "***", USER_AGENT_RULE)));
    }
    String agent = (settings.userAgent() == null ? "" : settings.userAgent() + " ")
        + "marketplace-contracts/" + VERSION + " (" + marketplace.id() + ")";
    // Every event passes the redactor; the tags let interceptors the user added (a contract guard) report through
    // the client's channel and mask its secrets.
    // Nothing to mask for no listener: the text of each event would be cleaned for no one, on every call.
    ClientEvents events = settings.events() == ClientEvents.NONE ? ClientEvents.NONE
        : new RedactedEvents(settings.events(), errors.redactor());
    builder.addInterceptor(chain -> {
      CallState state = calls.of(chain.request());
      Request.Builder request = chain.request().newBuilder().header("User-Agent", agent)
          .tag(Marketplace.class, marketplace).tag(ClientEvents.class, events)
          .tag(Redactor.class, errors.redactor()).tag(CallState.class, state);
      // The call's own timeout: the configured one, or a shorter one (MarketplaceCall.executeWithin).
      long timeoutNanos = chain.call().timeout().timeoutNanos();
      if (timeoutNanos > 0 && chain.request().tag(Deadline.class) == null) {
        request.tag(Deadline.class, Deadline.in(Duration.ofNanos(timeoutNanos)));
      }
      String traceparent = chain.request().header(TRACEPARENT);
      if (traceparent == null) {
        // A W3C trace id per call (kept across its retries): Yandex shows it in the seller cabinet's request log.
        // A tracer's (ClientEvents.traceparent) joins it to the caller's trace.
        traceparent = state != null && state.askedTraceparent != null ? state.askedTraceparent : newTraceparent();
        request.header(TRACEPARENT, traceparent);
      }
      if (state != null) {
        state.traceparent = traceparent;
        apply(state.options, request);
        if (state.checkedDecoding) {
          request.tag(AnswerCheck.Decoder.class, AnswerCheck.Decoder.INSTANCE);
        }
      }
      try {
        return chain.proceed(request.build());
      } catch (RuntimeException e) {
        throw broken(chain.request(), e);
      }
    });
    builder.addInterceptor(new DeprecationNotice(events));
    builder.addInterceptor(new RetryInterceptor(settings.retry(), settings.time(), settings.clock(), events));
    builder.addInterceptor(new RateLimitInterceptor(settings.rateLimit(), marketplace, settings.time(),
        settings.clock(), events, settings.limitsStore()));
    // Past the limiter: each pass is an attempt that goes out to the marketplace (retries count, held calls not).
    builder.addInterceptor(chain -> {
      CallState state = chain.request().tag(CallState.class);
      if (state != null) {
        state.attempts++;
      }
      return chain.proceed(chain.request());
    });
    // Installed without a client credential too: a call may bring its own (RequestOptions).
    builder.addInterceptor(new UnauthorizedRetryInterceptor(credential));
    builder.addInterceptor(new RedirectInterceptor(settings.redirects(), baseUrl, errors));
    builder.addInterceptor(new ResponseLimitInterceptor(settings.responseLimits(), errors));
    builder.addNetworkInterceptor(new CredentialInterceptor(marketplace, credential, baseUrl));
    builder.addNetworkInterceptor(new ExchangeGuard(errors));
    // The innermost step: the connection is open and the request is about to be written, so from here on it may
    // reach the marketplace (MarketplaceException.requestSent). A connect failure never gets here.
    builder.addNetworkInterceptor(chain -> {
      CallState state = chain.request().tag(CallState.class);
      if (state != null) {
        state.sent = true;
      }
      return chain.proceed(chain.request());
    });
    this.http = builder.build();
    this.retrofit = new Retrofit.Builder()
        .baseUrl(baseUrl)
        .client(http)
        .addCallAdapterFactory(new TypedCallAdapterFactory(errors, calls, events, settings.time()))
        .addConverterFactory(new DownloadConverterFactory())
        .addConverterFactory(new DecodingFailures(MoshiConverterFactory.create(moshi), moshi,
            settings.responseLimits().maxJsonValues()))
        .build();
  }

  /**
   * Puts a call's own options on its request as the tags the inner interceptors read: no retries (a
   * {@link RetryConfig#none()}), another credential ({@link Credential}), and its extra headers. The timeout is the
   * call's own ({@code Call.timeout()}), set by the typed call.
   */
  private void apply(RequestOptions options, Request.Builder request) {
    if (options == null || options == RequestOptions.none()) {
      return;
    }
    if (!options.retries()) {
      request.tag(RetryConfig.class, RetryConfig.none());
    }
    options.credential().ifPresent(other -> {
      synchronized (callCredentials) {
        callCredentials.add(other);
      }
      request.tag(Credential.class, other);
    });
    options.headers().forEach(request::header);
  }

  /**
   * What a {@link RuntimeException} out of the interceptor chain becomes: a typed failure carried like any decided
   * one. It is a library's own check that an answer broke the exchange, which no interceptor closer to it turned
   * into a typed failure; raw, it would reach the caller untyped and, on the async path, end OkHttp's dispatcher
   * thread. A typed failure thrown as it is (not carried) keeps its type.
   */
  private IOException broken(Request request, RuntimeException e) {
    if (e instanceof MarketplaceException typed) {
      return typed.inTransit();
    }
    return new UnreadableResponseException(errors.details(Operations.id(request), CallState.status(calls.of(request)),
        null, null, null, "the answer broke the exchange (" + e.getClass().getSimpleName() + ": " + e.getMessage()
            + ")"), errors.redactor().cause(e)).inTransit();
  }

  /**
   * A runtime for {@code marketplace} with a client's settings.
   *
   * @param credential what authenticates requests, or {@code null} for none
   * @param parser     makes the reader of the marketplace's error body, given the runtime's Moshi
   */
  public static ClientRuntime create(Marketplace marketplace, ClientSettings settings, Credential credential,
      Function<Moshi, ErrorBodyParser> parser) {
    return new ClientRuntime(marketplace, settings, credential, parser);
  }

  /** A generated API bound to this runtime, validating every call before it is sent. */
  public <T> T api(Class<T> api) {
    return ValidatingProxy.wrap(api, retrofit.create(api), Validators::shared, marketplace);
  }

  /**
   * A file the marketplace points to (a report's {@code file}, minted anew at each status call and valid for an
   * hour: fetch it at once): fetched through this client's own stack — bounded like every answer, streamed to a
   * temporary file — over HTTPS, or from the configured origin (a mock). Credentials go only to the configured
   * origin, never to the file's host.
   *
   * @throws RequestValidationException for a URL that is neither HTTPS nor on the configured origin
   */
  public Download download(String url, String operationId) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    boolean sameOrigin = parsed != null && parsed.scheme().equals(baseUrl.scheme())
        && parsed.host().equals(baseUrl.host()) && parsed.port() == baseUrl.port();
    if (parsed == null || !(parsed.isHttps() || sameOrigin)) {
      throw new RequestValidationException(marketplace, operationId, List.of(new RequestValidationException.Violation(
          "file", url == null ? "null" : errors.redactor().text(url.length() > 200 ? url.substring(0, 200) : url),
          "must be an https URL")));
    }
    Request request = new Request.Builder().url(parsed).get().build();
    try (okhttp3.Response response = client(parsed).newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw errors.decode(operationId, response.code(), response.headers(), null, response.body());
      }
      return DownloadConverterFactory.save(response.body());
    } catch (IOException e) {
      MarketplaceException carried = MarketplaceException.carriedBy(e);
      if (carried != null) {
        throw carried;   // a decided outcome on the way: a size limit, a refused redirect
      }
      throw new TransportException(errors.details(operationId, 0, null, null, null,
          "the file could not be fetched"), errors.redactor().cause(e));
    }
  }

  /** The client for {@code url}: {@link #http}, or for https on a {@link #cleartextOnly} runtime its TLS twin. */
  private OkHttpClient client(HttpUrl url) {
    if (!url.isHttps() || !cleartextOnly) {
      return http;
    }
    OkHttpClient tls = withTls;
    if (tls == null) {
      synchronized (this) {
        tls = withTls;
        if (tls == null) {
          // OkHttp's default specs; same interceptors, dispatcher and pool (close ends them all)
          tls = http.newBuilder().connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
              .build();
          withTls = tls;
        }
      }
    }
    return tls;
  }

  /** The failures this runtime reports, with its redaction (for facades that build their own). */
  public ErrorDecoder failures() {
    return errors;
  }

  /** The library's version, as the build wrote it into {@code library.properties}. */
  public static String version() {
    return VERSION;
  }

  private static String readVersion() {
    Properties properties = new Properties();
    try (InputStream in = ClientRuntime.class.getResourceAsStream(
        "/com/marketplacecontracts/core/http/library.properties")) {
      if (in == null) {
        throw new IllegalStateException("library.properties is missing from the client-core jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read library.properties", e);
    }
    return properties.getProperty("version");
  }

  /** The configured API root. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  private static String newTraceparent() {
    // Written out by hand: String.format parses its pattern on every call.
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] out = "00-00000000000000000000000000000000-0000000000000000-01".toCharArray();
    hex(random.nextLong(), out, 3);
    hex(random.nextLong(), out, 19);
    hex(random.nextLong(), out, 36);
    return new String(out);
  }

  /** {@code value} as 16 lower-case hex digits into {@code out} from {@code at}. */
  private static void hex(long value, char[] out, int at) {
    for (int i = 15; i >= 0; i--) {
      out[at + i] = Character.forDigit((int) (value & 0xF), 16);
      value >>>= 4;
    }
  }

  private static HttpUrl normalize(String url) {
    HttpUrl parsed = HttpUrl.get(url);
    return parsed.encodedPath().endsWith("/") ? parsed : parsed.newBuilder().addPathSegment("").build();
  }

  /**
   * Ends OkHttp's dispatcher threads and pooled connections (unless the OkHttpClient was the user's), so a JVM can
   * exit at once instead of waiting for idle threads to time out.
   */
  @Override
  public void close() {
    if (!ownsHttp) {
      return;
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** The runtime's OkHttpClient, for tests of its lifecycle. */
  OkHttpClient http() {
    return http;
  }

  @Override
  public String toString() {
    return "ClientRuntime(" + marketplace.id() + " at " + baseUrl + ")";
  }
}
