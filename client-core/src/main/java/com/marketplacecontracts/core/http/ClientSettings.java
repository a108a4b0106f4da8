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
import okhttp3.OkHttpClient;

/**
 * What a client was built with, fixed when it is built (see {@link ClientBuilder} for each setting's meaning). A
 * client keeps it to hand its settings to {@code newBuilder()}; the runtime reads it once.
 *
 * @param baseUrl        the API root
 * @param connectTimeout TCP connect timeout
 * @param readTimeout    read and write timeout
 * @param callTimeout    bound on a whole call (retries, quota waits, redirects)
 * @param responseLimits bounds on answers
 * @param redirects      which redirects are followed
 * @param secrets        secrets besides the credential, masked in everything the client reports (never printed)
 * @param okHttpClient   the application's OkHttpClient to derive from, or null
 * @param userAgent      the application's product token, or null
 * @param retry          retry policy
 * @param rateLimit      client-side quotas
 * @param time           monotonic clock and sleeper
 * @param clock          wall clock for HTTP dates
 * @param events         progress events
 * @param limitsStore    where the limiter's state is shared between processes, or null (this process only)
 */
public record ClientSettings(String baseUrl, Duration connectTimeout, Duration readTimeout, Duration callTimeout,
    ResponseLimits responseLimits, RedirectPolicy redirects, List<String> secrets, OkHttpClient okHttpClient,
    String userAgent, RetryConfig retry, RateLimitConfig rateLimit, TimeSource time, Clock clock,
    ClientEvents events, URI limitsStore) {

  public ClientSettings {
    secrets = List.copyOf(secrets);
  }

  @Override
  public String toString() {
    return "ClientSettings(" + baseUrl + ", connect " + connectTimeout + ", read " + readTimeout + ", call "
        + callTimeout + ", " + redirects + ", " + retry + ", " + rateLimit + ", " + secrets.size() + " secrets ***"
        + (limitsStore == null ? "" : ", limits store " + LimiterStores.redacted(limitsStore)) + ")";
  }
}
