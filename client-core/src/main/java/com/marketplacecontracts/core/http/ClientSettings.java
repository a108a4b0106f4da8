package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.ratelimit.LimiterStores;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.TimeSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * What a client was built with, fixed when it is built (see {@link ClientBuilder} for each setting's meaning). A
 * client keeps it to hand its settings to {@code newBuilder()}; the runtime reads it once.
 */
public final class ClientSettings {

  private final String baseUrl;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final ResponseLimits responseLimits;
  private final RedirectPolicy redirects;
  private final List<String> secrets;
  private final OkHttpClient okHttpClient;
  private final String userAgent;
  private final RetryConfig retry;
  private final RateLimitConfig rateLimit;
  private final TimeSource time;
  private final Clock clock;
  private final ClientEvents events;
  private final URI limitsStore;

  ClientSettings(String baseUrl, Duration connectTimeout, Duration readTimeout, Duration callTimeout,
      ResponseLimits responseLimits, RedirectPolicy redirects, List<String> secrets, OkHttpClient okHttpClient,
      String userAgent, RetryConfig retry, RateLimitConfig rateLimit, TimeSource time, Clock clock,
      ClientEvents events, URI limitsStore) {
    secrets = List.copyOf(secrets);
    this.baseUrl = baseUrl;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.callTimeout = callTimeout;
    this.responseLimits = responseLimits;
    this.redirects = redirects;
    this.secrets = secrets;
    this.okHttpClient = okHttpClient;
    this.userAgent = userAgent;
    this.retry = retry;
    this.rateLimit = rateLimit;
    this.time = time;
    this.clock = clock;
    this.events = events;
    this.limitsStore = limitsStore;
  }

  @Override
  public String toString() {
    return "ClientSettings(" + baseUrl + ", connect " + connectTimeout + ", read " + readTimeout + ", call "
        + callTimeout + ", " + redirects + ", " + retry + ", " + rateLimit + ", " + secrets.size() + " secrets ***"
        + (limitsStore == null ? "" : ", limits store " + LimiterStores.redacted(limitsStore)) + ")";
  }

  /** The API root. */
  public String baseUrl() {
    return baseUrl;
  }

  /** TCP connect timeout. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Read and write timeout. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** Bound on a whole call (retries, quota waits, redirects). */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** Bounds on answers. */
  public ResponseLimits responseLimits() {
    return responseLimits;
  }

  /** Which redirects are followed. */
  public RedirectPolicy redirects() {
    return redirects;
  }

  /** Secrets besides the credential, masked in everything the client reports (never printed). */
  public List<String> secrets() {
    return secrets;
  }

  /** The application's OkHttpClient to derive from, or null. */
  public OkHttpClient okHttpClient() {
    return okHttpClient;
  }

  /** The application's product token, or null. */
  public String userAgent() {
    return userAgent;
  }

  /** Retry policy. */
  public RetryConfig retry() {
    return retry;
  }

  /** Client-side quotas. */
  public RateLimitConfig rateLimit() {
    return rateLimit;
  }

  /** Monotonic clock and sleeper. */
  public TimeSource time() {
    return time;
  }

  /** Wall clock for HTTP dates. */
  public Clock clock() {
    return clock;
  }

  /** Progress events. */
  public ClientEvents events() {
    return events;
  }

  /** Where the limiter's state is shared between processes, or null (this process only). */
  public URI limitsStore() {
    return limitsStore;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof ClientSettings other
        && Objects.equals(baseUrl, other.baseUrl)
        && Objects.equals(connectTimeout, other.connectTimeout)
        && Objects.equals(readTimeout, other.readTimeout)
        && Objects.equals(callTimeout, other.callTimeout)
        && Objects.equals(responseLimits, other.responseLimits)
        && Objects.equals(redirects, other.redirects)
        && Objects.equals(secrets, other.secrets)
        && Objects.equals(okHttpClient, other.okHttpClient)
        && Objects.equals(userAgent, other.userAgent)
        && Objects.equals(retry, other.retry)
        && Objects.equals(rateLimit, other.rateLimit)
        && Objects.equals(time, other.time)
        && Objects.equals(clock, other.clock)
        && Objects.equals(events, other.events)
        && Objects.equals(limitsStore, other.limitsStore);
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseUrl, connectTimeout, readTimeout, callTimeout, responseLimits, redirects, secrets,
        okHttpClient, userAgent, retry, rateLimit, time, clock, events, limitsStore);
  }
}
