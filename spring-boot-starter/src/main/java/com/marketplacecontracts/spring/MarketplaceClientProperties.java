package com.marketplacecontracts.spring;

import com.marketplacecontracts.core.ratelimit.LimiterStores;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * What both clients' properties share ({@code marketplace.yandex.*}, {@code marketplace.teez.*}). An unset value
 * keeps the client builder's default. Credentials are in the subclasses and never appear in {@link #toString()}.
 */
public abstract class MarketplaceClientProperties {

  /** Whether the client is configured at all; it is when any of its properties is set, unless this is false. */
  private boolean enabled = true;
  /** The API's root URL; production when unset. */
  private String baseUrl;
  /** Connection setup, per attempt (client default 5 s). */
  private Duration connectTimeout;
  /** Longest silence while waiting for or reading an answer (client default 15 s). */
  private Duration readTimeout;
  /** Bound on one whole call: attempts, retry waits, quota waits, redirects (client default 3 min; 0 = none). */
  private Duration callTimeout;
  /** Product token put before the client's own User-Agent, e.g. my-erp/2.1. */
  private String userAgent;
  /**
   * Where the rate limiter keeps its state: "local" (this process, the default) or a store URI such as
   * redis://host:6379, shared by every process naming it (needs the limits-redis module).
   */
  private String limitsStore = "local";
  /** The contract guard: live traffic checked against the spec the client jar carries. */
  private final ContractGuard contractGuard = new ContractGuard();
  /** What the starter does with the client's events besides passing them to every ClientEvents bean. */
  private final Events events = new Events();
  /** The health indicator's checks. */
  private final Health health = new Health();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public Duration getCallTimeout() {
    return callTimeout;
  }

  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  public String getUserAgent() {
    return userAgent;
  }

  public void setUserAgent(String userAgent) {
    this.userAgent = userAgent;
  }

  public String getLimitsStore() {
    return limitsStore;
  }

  public void setLimitsStore(String limitsStore) {
    this.limitsStore = limitsStore;
  }

  public ContractGuard getContractGuard() {
    return contractGuard;
  }

  public Events getEvents() {
    return events;
  }

  public Health getHealth() {
    return health;
  }

  /** True when the limiter state stays in this process. */
  boolean localLimits() {
    return limitsStore == null || limitsStore.isBlank() || "local".equalsIgnoreCase(limitsStore.trim());
  }

  /** The limits store as it may be shown: user information (a password) and query values masked. */
  String limitsStoreShown() {
    if (localLimits()) {
      return "local";
    }
    String shown = redactedStore(limitsStore);
    return shown == null ? "(not a URI)" : shown;
  }

  /** A store URI with its user information (a password) and query values masked; null when it is not a URI. */
  static String redactedStore(String uri) {
    try {
      return LimiterStores.redacted(new URI(uri.trim()));
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The settings shared by both clients, for the subclasses' {@code toString()}. */
  String commonToString() {
    return "enabled=" + enabled + ", baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout="
        + readTimeout + ", callTimeout=" + callTimeout + ", userAgent=" + userAgent + ", limitsStore="
        + limitsStoreShown() + ", contractGuard=" + contractGuard + ", events=" + events + ", health=" + health;
  }

  static String masked(String secret) {
    return secret == null ? "null" : "***";
  }

  /** The opt-in contract guard (needs the contract-guard module on the class path). */
  public static final class ContractGuard {
    /** Check live requests and answers against the spec. */
    private boolean enabled;
    /** Fraction of calls checked, in (0, 1]; 0.05 checks one call in twenty. */
    private double sample = 1.0;
    /** Fail a call that differs from the spec instead of only reporting it. */
    private boolean strict;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public double getSample() {
      return sample;
    }

    public void setSample(double sample) {
      this.sample = sample;
    }

    public boolean isStrict() {
      return strict;
    }

    public void setStrict(boolean strict) {
      this.strict = strict;
    }

    @Override
    public String toString() {
      return enabled ? "on(sample " + sample + (strict ? ", strict" : "") + ")" : "off";
    }
  }

  /** Event handling. */
  public static final class Events {
    /**
     * Log the client's events: deprecated operations, contract mismatches, unusable rate-limit headers, limits store
     * outages and 420 answers at WARN; retries, quota waits and polls at DEBUG.
     */
    private boolean log = true;

    public boolean isLog() {
      return log;
    }

    public void setLog(boolean log) {
      this.log = log;
    }

    @Override
    public String toString() {
      return "log " + log;
    }
  }

  /** The health indicator (with the actuator on the class path). */
  public static final class Health {
    /**
     * How long a credentials check holds: the check costs a call of the marketplace's quota (Yandex allows 100 an
     * hour for it), so probes in between get the last answer.
     */
    private Duration credentialsCheckInterval = Duration.ofMinutes(10);
    /** Bound on one credentials check. */
    private Duration timeout = Duration.ofSeconds(5);

    public Duration getCredentialsCheckInterval() {
      return credentialsCheckInterval;
    }

    public void setCredentialsCheckInterval(Duration credentialsCheckInterval) {
      this.credentialsCheckInterval = credentialsCheckInterval;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    @Override
    public String toString() {
      return "check every " + credentialsCheckInterval + ", timeout " + timeout;
    }
  }
}
