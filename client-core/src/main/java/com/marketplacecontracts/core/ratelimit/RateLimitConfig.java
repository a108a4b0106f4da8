package com.marketplacecontracts.core.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Client-side rate limiting. By default every operation gets the quota its spec documents
 * ({@code x-resource-limit-config}) for the account's subscription tier, per operation and account (the call's
 * {@code campaignId} or {@code businessId}); operations without a documented quota are not limited by quota. At most {@link #maxInFlight()} requests of one account are in flight at once, across all its operations
 * (Yandex allows 4 per campaign or business). A call that would have to wait longer than {@link #maxWait()} (or its
 * own call timeout) fails fast with a {@code RateLimitedException} instead of blocking.
 */
public final class RateLimitConfig {

  /** Yandex's cap on parallel requests per campaign or business. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 4;

  private final boolean enabled;
  private final Duration maxWait;
  private final int maxInFlight;
  private final Map<String, Quota> overrides;
  private final String tier;

  private RateLimitConfig(boolean enabled, Duration maxWait, int maxInFlight, Map<String, Quota> overrides,
      String tier) {
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
    }
    overrides = Map.copyOf(overrides);
    this.enabled = enabled;
    this.maxWait = maxWait;
    this.maxInFlight = maxInFlight;
    this.overrides = overrides;
    this.tier = tier;
  }

  /** The spec's quotas for the stricter tier, 4 in flight per account; calls wait at most 2 minutes for their turn. */
  public static RateLimitConfig fromSpec() {
    return new RateLimitConfig(true, Duration.ofMinutes(2), DEFAULT_MAX_IN_FLIGHT, Map.of(), null);
  }

  /** No client-side limiting (the server's 420/429 still get retried). */
  public static RateLimitConfig disabled() {
    return new RateLimitConfig(false, Duration.ZERO, DEFAULT_MAX_IN_FLIGHT, Map.of(), null);
  }

  /** This quota for {@code operationId} instead of the spec's (e.g. when a quota is shared with another system). */
  public RateLimitConfig withQuota(String operationId, Quota quota) {
    Map<String, Quota> copy = new HashMap<>(overrides);
    copy.put(operationId, quota);
    return new RateLimitConfig(enabled, maxWait, maxInFlight, copy, tier);
  }

  public RateLimitConfig withMaxWait(Duration wait) {
    return new RateLimitConfig(enabled, wait, maxInFlight, overrides, tier);
  }

  /** At most {@code requests} of one account in flight at once (default 4). */
  public RateLimitConfig withMaxInFlight(int requests) {
    return new RateLimitConfig(enabled, maxWait, requests, overrides, tier);
  }

  /**
   * The spec's quotas of this subscription tier ({@code none}, {@code medium}); an operation that does not declare
   * the tier keeps its stricter quota. Overrides still win.
   */
  public RateLimitConfig withTier(String tier) {
    return new RateLimitConfig(enabled, maxWait, maxInFlight, overrides, Objects.requireNonNull(tier, "tier"));
  }

  /**
   * A quota: {@code amount} units per {@code period}, where the unit is one request ({@code resp}) or one item of a
   * request field ({@code req.<field>}, e.g. {@code req.offerIds}), as the marketplace's
   * {@code x-resource-limit-config} states it.
   */
  public static final class Quota {

    /** The unit of a request-counted quota. */
    public static final String REQUESTS = "resp";
    private static final String ITEMS_PREFIX = "req.";
    /**
     * Items of the answer ({@code resp.<path>}): counted by the server after it answers, so before sending the
     * client charges one unit, and the server's remaining-count headers correct it.
     */
    private static final String ANSWER_PREFIX = "resp.";
    private static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final long amount;
    private final Duration period;
    private final String unit;

    private Quota(long amount, Duration period, String unit) {
      if (amount < 1) {
        throw new IllegalArgumentException("amount must be >= 1, was " + amount);
      }
      Objects.requireNonNull(period, "period");
      if (period.compareTo(Duration.ofMillis(1)) < 0 || period.compareTo(MAX_PERIOD) > 0) {
        throw new IllegalArgumentException("period must be 1 ms to 366 days, was " + period);
      }
      if (amount > period.toNanos()) {
        // Bucket4j refills at most one token per nanosecond
        throw new IllegalArgumentException("amount must be at most one per nanosecond of the period, was " + amount
            + " per " + period);
      }
      Objects.requireNonNull(unit, "unit");
      if (!unit.equals(REQUESTS) && !(unit.startsWith(ITEMS_PREFIX) && unit.length() > ITEMS_PREFIX.length())
          && !(unit.startsWith(ANSWER_PREFIX) && unit.length() > ANSWER_PREFIX.length())) {
        throw new IllegalArgumentException("unit must be 'resp', 'req.<field>' or 'resp.<path>', was '" + unit + "'");
      }
      this.amount = amount;
      this.period = period;
      this.unit = unit;
    }

    /**
     * {@code amount} units per {@code period} of {@code unit} as the spec's {@code x-resource-limit-config} states
     * it: {@code resp}, {@code req.<field>} or {@code resp.<path>}.
     */
    public static Quota of(long amount, Duration period, String unit) {
      return new Quota(amount, period, unit);
    }

    /** {@code amount} requests per {@code period}. */
    public static Quota requests(long amount, Duration period) {
      return new Quota(amount, period, REQUESTS);
    }

    /** Items of the request field {@code field}: a query parameter (its values, or the number a page-size parameter
     *  such as {@code limit} asks for) or a collection in the body. */
    public static Quota items(long amount, Duration period, String field) {
      return new Quota(amount, period, ITEMS_PREFIX + field);
    }

    /** True when the quota counts items of a request field rather than requests. */
    public boolean countsItems() {
      return unit.startsWith(ITEMS_PREFIX);
    }

    /** The request field whose items are counted, or {@code null} for a request-counted quota. */
    public String itemField() {
      return countsItems() ? unit.substring(ITEMS_PREFIX.length()) : null;
    }

    /** The rule as a person reads it, e.g. {@code at most 10000 items of limit per PT1M}. */
    public String describe() {
      return "at most " + amount + (countsItems() ? " items of " + itemField() : " requests") + " per "
          + period.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** How many units per period. */
    public long amount() {
      return amount;
    }

    /** The period. */
    public Duration period() {
      return period;
    }

    /** {@code resp}, or {@code req.} and the request field whose items are counted. */
    public String unit() {
      return unit;
    }

    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Quota other
          && amount == other.amount
          && Objects.equals(period, other.period)
          && Objects.equals(unit, other.unit);
    }

    @Override
    public int hashCode() {
      return Objects.hash(amount, period, unit);
    }

    @Override
    public String toString() {
      return "Quota[amount=" + amount + ", period=" + period + ", unit=" + unit + "]";
    }
  }

  /** False switches client-side limiting off. */
  public boolean enabled() {
    return enabled;
  }

  /** The longest a call may be held back. */
  public Duration maxWait() {
    return maxWait;
  }

  /** Requests of one account allowed in flight at once. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** Quotas by operationId, replacing the spec's whatever the tier. */
  public Map<String, Quota> overrides() {
    return overrides;
  }

  /**
   * The account's subscription tier as the spec names it ({@code none},
       {@code medium}); null for the stricter of the tiers an operation declares.
   */
  public String tier() {
    return tier;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof RateLimitConfig other
        && enabled == other.enabled
        && Objects.equals(maxWait, other.maxWait)
        && maxInFlight == other.maxInFlight
        && Objects.equals(overrides, other.overrides)
        && Objects.equals(tier, other.tier);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, maxWait, maxInFlight, overrides, tier);
  }

  @Override
  public String toString() {
    return "RateLimitConfig[enabled=" + enabled + ", maxWait=" + maxWait + ", maxInFlight=" + maxInFlight
        + ", overrides=" + overrides + ", tier=" + tier + "]";
  }
}
