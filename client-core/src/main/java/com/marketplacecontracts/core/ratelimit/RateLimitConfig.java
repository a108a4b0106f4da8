package com.marketplacecontracts.core.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Client-side rate limiting. By default every operation gets the quota its spec documents
 * ({@code x-resource-limit-config}) for the account's subscription tier, per operation and per account (the call's
 * path parameters: campaignId, businessId); operations without a documented quota are not limited. A call that would
 * have to wait longer than {@link #maxWait()} fails fast with a {@code RateLimitedException} instead of blocking.
 *
 * @param enabled   false switches client-side limiting off
 * @param maxWait   the longest a call may be held back
 * @param overrides quotas by operationId, replacing the spec's whatever the tier
 * @param tier      the account's subscription tier as the spec names it ({@code none}, {@code medium}); null for the
 *                  stricter of the tiers an operation declares
 */
public record RateLimitConfig(boolean enabled, Duration maxWait, Map<String, Quota> overrides, String tier) {

  public RateLimitConfig {
    Objects.requireNonNull(maxWait, "maxWait");
    overrides = Map.copyOf(overrides);
  }

  /** The spec's quotas for the stricter tier; calls wait at most 2 minutes for their turn. */
  public static RateLimitConfig fromSpec() {
    return new RateLimitConfig(true, Duration.ofMinutes(2), Map.of(), null);
  }

  /** No client-side limiting (the server's 420/429 still get retried). */
  public static RateLimitConfig disabled() {
    return new RateLimitConfig(false, Duration.ZERO, Map.of(), null);
  }

  /** This quota for {@code operationId} instead of the spec's (e.g. when a quota is shared with another system). */
  public RateLimitConfig withQuota(String operationId, Quota quota) {
    Map<String, Quota> copy = new HashMap<>(overrides);
    copy.put(operationId, quota);
    return new RateLimitConfig(enabled, maxWait, copy, tier);
  }

  public RateLimitConfig withMaxWait(Duration wait) {
    return new RateLimitConfig(enabled, wait, overrides, tier);
  }

  /**
   * The spec's quotas of this subscription tier ({@code none}, {@code medium}); an operation that does not declare
   * the tier keeps its stricter quota. Overrides still win.
   */
  public RateLimitConfig withTier(String tier) {
    return new RateLimitConfig(enabled, maxWait, overrides, Objects.requireNonNull(tier, "tier"));
  }

  /**
   * A quota: {@code amount} requests (or items, when {@code countsItems}) per {@code period}.
   *
   * @param amount      how many per period
   * @param countsItems true when the quota counts items (the request's {@code limit}) rather than requests
   * @param period      the period
   */
  public record Quota(long amount, boolean countsItems, Duration period) {

    public Quota {
      if (amount < 1) {
        throw new IllegalArgumentException("amount must be >= 1, was " + amount);
      }
      Objects.requireNonNull(period, "period");
    }

    public static Quota requests(long amount, Duration period) {
      return new Quota(amount, false, period);
    }

    public static Quota items(long amount, Duration period) {
      return new Quota(amount, true, period);
    }
  }
}
