package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.internal.Text;
import com.marketplacecontracts.core.internal.error.UriMask;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.ratelimit.InvalidLimitsStoreException;
import com.marketplacecontracts.core.ratelimit.LimiterStores;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.TimeSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The settings both client builders share. A client's own builder extends this and adds its credentials; the
 * client keeps what it was built with as an immutable {@link ClientSettings}.
 *
 * @param <B> the concrete builder, for chaining
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {

  /**
   * How long the client's own pool keeps an idle connection: under the 5 s after which many servers (the mock too)
   * close one, since a write that may not be sent twice cannot be retried after failing on a connection the
   * server has just closed.
   */
  public static final Duration IDLE_CONNECTION_KEPT = Duration.ofSeconds(4);

  private String baseUrl;
  // The marketplace gives a request 10 s on its side: an attempt that has not started answering after 15 s is not
  // going to; the call timeout bounds everything (retries, quota waits, redirects) — see the README.
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration readTimeout = Duration.ofSeconds(15);
  private Duration callTimeout = Duration.ofMinutes(3);
  private ResponseLimits responseLimits = ResponseLimits.defaults();
  private RedirectPolicy redirects = RedirectPolicy.sameOrigin();
  private final List<String> secrets = new CopyOnWriteArrayList<>();
  private OkHttpClient okHttpClient;
  private String userAgent;
  private RetryConfig retry = RetryConfig.defaults();
  private RateLimitConfig rateLimit = RateLimitConfig.fromSpec();
  private TimeSource time = TimeSource.SYSTEM;
  private Clock clock = Clock.systemUTC();
  private ClientEvents events = ClientEvents.NONE;
  private URI limitsStore;

  protected ClientBuilder(String productionUrl) {
    this.baseUrl = productionUrl;
  }

  /** A builder that starts from what a client was built with (its {@code newBuilder()}). */
  protected ClientBuilder(ClientSettings settings) {
    this.baseUrl = settings.baseUrl();
    this.connectTimeout = settings.connectTimeout();
    this.readTimeout = settings.readTimeout();
    this.callTimeout = settings.callTimeout();
    this.responseLimits = settings.responseLimits();
    this.redirects = settings.redirects();
    this.secrets.addAll(settings.secrets());
    this.okHttpClient = settings.okHttpClient();
    this.userAgent = settings.userAgent();
    this.retry = settings.retry();
    this.rateLimit = settings.rateLimit();
    this.time = settings.time();
    this.clock = settings.clock();
    this.events = settings.events();
    this.limitsStore = settings.limitsStore();
  }

  /**
   * A new connection pool that keeps idle connections {@link #IDLE_CONNECTION_KEPT}, as the client's own pool does:
   * for an OkHttpClient of one's own handed to {@link #okHttpClient}.
   */
  public static ConnectionPool connectionPool() {
    return new ConnectionPool(5, IDLE_CONNECTION_KEPT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The API's root URL; production by default. Tests and the Prism mock set their own. */
  public B baseUrl(String url) {
    Objects.requireNonNull(url, "baseUrl");
    if (okhttp3.HttpUrl.parse(url) == null) {
      // OkHttp's own refusal would come later, at build(), naming nothing; user information is masked
      throw new IllegalArgumentException("baseUrl must be an http:// or https:// URL, was '"
          + UriMask.mask(Text.cut(url, 100, "...")) + "'");
    }
    this.baseUrl = url;
    return self();
  }

  /** Connection setup, per attempt (default 5 s). */
  public B connectTimeout(Duration timeout) {
    this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
    return self();
  }

  /** Longest silence while waiting for or reading an answer, per read (default 15 s; the server's budget is 10 s). */
  public B readTimeout(Duration timeout) {
    this.readTimeout = Objects.requireNonNull(timeout, "readTimeout");
    return self();
  }

  /**
   * Bound on one whole call: every attempt, retry wait, client-side quota wait and redirect (default 3 minutes).
   * Zero means none.
   */
  public B callTimeout(Duration timeout) {
    this.callTimeout = Objects.requireNonNull(timeout, "callTimeout");
    return self();
  }

  /**
   * An OkHttpClient to share connection pools and dispatcher with the application; the client derives its own from
   * it with {@code newBuilder()}, so the caller's instance is not changed. Its connection pool is used as it is:
   * keep its idle connections for less time than the server keeps them ({@link #connectionPool()} gives one that
   * keeps them as the client's own does, {@link #IDLE_CONNECTION_KEPT}), or a write that may not be sent twice can
   * fail on a connection the server has just closed, and is not retried.
   */
  public B okHttpClient(OkHttpClient client) {
    this.okHttpClient = Objects.requireNonNull(client, "okHttpClient");
    return self();
  }

  /** Product token prepended to the client's own User-Agent, e.g. {@code my-erp/2.1}. */
  public B userAgent(String userAgent) {
    this.userAgent = userAgent;
    return self();
  }

  public B retry(RetryConfig retry) {
    this.retry = Objects.requireNonNull(retry, "retry");
    return self();
  }

  /** Client-side quotas; a subscription tier set on the builder is kept unless {@code rateLimit} names its own. */
  public B rateLimit(RateLimitConfig rateLimit) {
    Objects.requireNonNull(rateLimit, "rateLimit");
    this.rateLimit = rateLimit.tier() == null && this.rateLimit.tier() != null
        ? rateLimit.withTier(this.rateLimit.tier()) : rateLimit;
    return self();
  }

  /** The account's subscription tier as the spec names it, for the spec's per-tier quotas (a facade exposes it). */
  protected B quotaTier(String tier) {
    this.rateLimit = rateLimit.withTier(tier);
    return self();
  }

  /** The monotonic clock and sleeper for retries, rate limits, token expiry and polling (tests simulate it). */
  public B timeSource(TimeSource time) {
    this.time = Objects.requireNonNull(time, "timeSource");
    return self();
  }

  /** The wall clock, for HTTP dates in {@code Retry-After} and rate-limit reset headers. */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /** Bounds on answers: body sizes and the time to read a body ({@link ResponseLimits#defaults()}). */
  public B responseLimits(ResponseLimits limits) {
    this.responseLimits = Objects.requireNonNull(limits, "responseLimits");
    return self();
  }

  /** Which redirects are followed ({@link RedirectPolicy#sameOrigin()} by default). */
  public B redirects(RedirectPolicy policy) {
    this.redirects = Objects.requireNonNull(policy, "redirects");
    return self();
  }

  /**
   * A secret the client holds besides its credential (e.g. a client secret sent in a token request body), masked in
   * everything the client reports. For facades.
   */
  protected B secret(String secret) {
    if (secret != null) {
      secrets.add(secret);
    }
    return self();
  }

  /**
   * Shares the limiter's state (quotas, parallel slots, what the server reported) with every process that names the
   * same store, e.g. {@code redis://host:6379} with the {@code limits-redis} module on the class path. Without it the
   * limits are kept in this process. A store that cannot be reached is reported through
   * {@link ClientEvents#limiterStoreUnavailable} and the client limits on its own meanwhile.
   *
   * @throws InvalidLimitsStoreException when the URI is malformed, no module on the class path handles its scheme,
   *                                     or its module cannot use it (e.g. a {@code lease} below one second)
   */
  public B limitsStore(String uri) {
    URI parsed;
    try {
      parsed = new URI(Objects.requireNonNull(uri, "limitsStore"));
    } catch (URISyntaxException e) {
      // the reason only: the exception's own message quotes the whole URI, password included
      throw new InvalidLimitsStoreException("URI", "not a URI (" + e.getReason() + ")");
    }
    LimiterStores.checkSupported(parsed);
    this.limitsStore = parsed;
    return self();
  }

  /**
   * Progress events: retries, rate-limit waits and answers, polls, calls of deprecated operations, limiter store
   * trouble.
   */
  public B events(ClientEvents events) {
    this.events = Objects.requireNonNull(events, "events");
    return self();
  }

  /** The settings as they are now, for the client being built. */
  protected ClientSettings settings() {
    return new ClientSettings(baseUrl, connectTimeout, readTimeout, callTimeout, responseLimits, redirects,
        List.copyOf(secrets), okHttpClient, userAgent, retry, rateLimit, time, clock, events, limitsStore);
  }
}
