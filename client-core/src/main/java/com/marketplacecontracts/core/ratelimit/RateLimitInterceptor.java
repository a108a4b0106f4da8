package com.marketplacecontracts.core.ratelimit;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Operations;
import com.marketplacecontracts.core.time.TimeSource;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Holds calls back so a well-behaved client never exceeds a documented quota. One Bucket4j token bucket per
 * operation and account. The bucket's burst B and refill rate r satisfy {@code B + r * period = quota}, so no window
 * of one period — however it is aligned with the server's — ever sees more than the quota: B is 5 % of the quota and
 * the steady rate 95 % of it. Item-counted quotas charge the request's {@code limit} query parameter (1 if absent),
 * capped at the burst size.
 */
public final class RateLimitInterceptor implements Interceptor {

  private final RateLimitConfig config;
  private final TimeSource time;
  private final ClientEvents events;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final TimeMeter meter;
  private final BlockingStrategy blocking;

  public RateLimitInterceptor(RateLimitConfig config, TimeSource time, ClientEvents events) {
    this.config = config;
    this.time = time;
    this.events = events;
    this.meter = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return time.nanoTime();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
    this.blocking = nanos -> time.sleep(Duration.ofNanos(nanos));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    ApiOperation operation = Operations.of(request);
    RateLimitConfig.Quota quota = operation == null ? null : quotaOf(operation, config);
    if (!config.enabled() || quota == null) {
      return chain.proceed(request);
    }
    String key = operation.id() + Operations.pathParameters(request);
    Bucket bucket = buckets.computeIfAbsent(key, k -> newBucket(quota));
    long cost = Math.min(cost(request, quota), burst(quota));
    EstimationProbe probe = bucket.estimateAbilityToConsume(cost);
    Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
    if (!probe.canBeConsumed() && wait.compareTo(config.maxWait()) > 0) {
      throw quotaSpent(request, operation, wait);
    }
    if (!probe.canBeConsumed()) {
      events.rateLimitWait(operation.id(), wait);
    }
    try {
      if (!bucket.asBlocking().tryConsume(cost, config.maxWait(), blocking)) {
        throw quotaSpent(request, operation, config.maxWait());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the quota of " + operation.id());
    }
    return chain.proceed(request);
  }

  /** The quota would hold the call longer than allowed: a typed failure, without sending anything. */
  private static IOException quotaSpent(Request request, ApiOperation operation, Duration wait) {
    MarketplaceException.Details details = MarketplaceException.Details
        .noResponse(Operations.marketplace(request), operation.id())
        .withSummaryDetail("client-side quota spent; next slot in " + wait);
    return new RateLimitedException(details, wait, null).inTransit();
  }

  /**
   * The quota that applies to {@code operation}: the user's override, else the spec's quota for the configured tier,
   * else (no tier configured, or one the operation does not declare) the stricter of the declared tiers. A unit of
   * {@code req.<field>} counts items, {@code resp} requests.
   */
  static RateLimitConfig.Quota quotaOf(ApiOperation operation, RateLimitConfig config) {
    RateLimitConfig.Quota override = config.overrides().get(operation.id());
    if (override != null) {
      return override;
    }
    boolean countsItems = operation.quotaUnit().startsWith("req.");
    RateLimitConfig.Quota chosen = null;
    for (ApiOperation.Quota declared : operation.quotas()) {
      Duration unit = period(declared.period());
      if (unit == null || declared.amount() < 1 || declared.periodDuration() < 1) {
        continue;
      }
      RateLimitConfig.Quota quota = new RateLimitConfig.Quota(declared.amount(), countsItems,
          unit.multipliedBy(declared.periodDuration()));
      if (declared.tier().equals(config.tier())) {
        return quota;
      }
      if (chosen == null || stricter(quota, chosen)) {
        chosen = quota;
      }
    }
    return chosen;
  }

  private static boolean stricter(RateLimitConfig.Quota a, RateLimitConfig.Quota b) {
    // a.amount / a.period < b.amount / b.period, without division
    return java.math.BigInteger.valueOf(a.amount()).multiply(java.math.BigInteger.valueOf(b.period().toNanos()))
        .compareTo(java.math.BigInteger.valueOf(b.amount()).multiply(java.math.BigInteger.valueOf(a.period().toNanos())))
        < 0;
  }

  private static Duration period(String period) {
    return switch (period) {
      case "seconds" -> Duration.ofSeconds(1);
      case "minutes" -> Duration.ofMinutes(1);
      case "hours" -> Duration.ofHours(1);
      case "days" -> Duration.ofDays(1);
      default -> null;
    };
  }

  static long burst(RateLimitConfig.Quota quota) {
    return Math.max(1, quota.amount() / 20);
  }

  private static long cost(Request request, RateLimitConfig.Quota quota) {
    if (!quota.countsItems()) {
      return 1;
    }
    String limit = request.url().queryParameter("limit");
    try {
      return limit == null ? 1 : Math.max(1, Long.parseLong(limit));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private Bucket newBucket(RateLimitConfig.Quota quota) {
    long burst = burst(quota);
    long refill = Math.max(1, quota.amount() - burst);
    // The same rate as `refill` per period, phrased as `burst` tokens per interval (refill may not exceed capacity).
    Duration interval = Duration.ofNanos(
        java.math.BigInteger.valueOf(quota.period().toNanos()).multiply(java.math.BigInteger.valueOf(burst))
            .divide(java.math.BigInteger.valueOf(refill)).longValueExact());
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(burst).refillGreedy(burst, interval))
        .withCustomTimePrecision(meter)
        .build();
  }
}
