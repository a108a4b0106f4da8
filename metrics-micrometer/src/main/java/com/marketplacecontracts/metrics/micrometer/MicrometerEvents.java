package com.marketplacecontracts.metrics.micrometer;

import com.marketplacecontracts.core.operation.CallEnded;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.RateLimitKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client's events as Micrometer meters. Tags are few-valued: the marketplace, the spec's operation id, the
 * outcome or kind — never a URL, a parameter or an id; only the quota gauge is per account, as the marketplace
 * counts quotas per account. Thread-safe; one instance may serve several clients.
 *
 * <pre>{@code
 * YandexMarketClient client = YandexMarketClient.builder().apiKey(key)
 *     .events(MicrometerEvents.of(registry))
 *     .build();
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #CALLS}</td><td>timer</td><td>marketplace, operation, outcome</td></tr>
 *   <tr><td>{@value #RETRIES}</td><td>counter</td><td>operation</td></tr>
 *   <tr><td>{@value #RATE_LIMITED}</td><td>counter</td><td>operation, kind ({@code quota}, {@code parallel})</td></tr>
 *   <tr><td>{@value #LIMITER_WAIT}</td><td>timer</td><td>operation</td></tr>
 *   <tr><td>{@value #QUOTA_REMAINING}</td><td>gauge</td><td>operation, account</td></tr>
 *   <tr><td>{@value #DEPRECATED_CALLS}</td><td>counter</td><td>marketplace, operation</td></tr>
 *   <tr><td>{@value #CONTRACT_MISMATCHES}</td><td>counter</td><td>operation, direction, kind</td></tr>
 *   <tr><td>{@value #UNUSABLE_HEADERS}</td><td>counter</td><td>operation, header</td></tr>
 *   <tr><td>{@value #STORE_UNAVAILABLE}</td><td>counter</td><td>none</td></tr>
 * </table>
 */
public final class MicrometerEvents implements ClientEvents {

  /** Every call: its duration, retries and waits included, by how it ended. */
  public static final String CALLS = "marketplace.client.calls";
  /** Retries of failed attempts. */
  public static final String RETRIES = "marketplace.client.retries";
  /** Rate-limit answers (420, 429) by kind. */
  public static final String RATE_LIMITED = "marketplace.client.rate.limited";
  /** Waits of the client's own limiter before a call is sent. */
  public static final String LIMITER_WAIT = "marketplace.client.limiter.wait";
  /** The quota left in the current window, as the marketplace last reported it. */
  public static final String QUOTA_REMAINING = "marketplace.client.quota.remaining";
  /** Calls of operations the marketplace deprecated. */
  public static final String DEPRECATED_CALLS = "marketplace.client.deprecated.calls";
  /** Live requests or answers that differ from the spec (from a contract guard). */
  public static final String CONTRACT_MISMATCHES = "marketplace.client.contract.mismatches";
  /** Rate-limit headers the client could not use. */
  public static final String UNUSABLE_HEADERS = "marketplace.client.unusable.rate.limit.headers";
  /** Outages of the shared limits store. */
  public static final String STORE_UNAVAILABLE = "marketplace.client.limits.store.unavailable";

  /**
   * Quota gauges at most (operations × accounts): past it, new pairs are not measured, so a caller looping over
   * many accounts cannot grow the registry without bound.
   */
  static final int MAX_QUOTA_GAUGES = 10_000;

  private final MeterRegistry registry;
  private final Meter.MeterProvider<Timer> calls;
  private final Meter.MeterProvider<Counter> retries;
  private final Meter.MeterProvider<Counter> rateLimited;
  private final Meter.MeterProvider<Timer> limiterWaits;
  private final Meter.MeterProvider<Counter> deprecatedCalls;
  private final Meter.MeterProvider<Counter> mismatches;
  private final Meter.MeterProvider<Counter> unusableHeaders;
  private final Counter storeUnavailable;
  private final Map<String, AtomicLong> quotas = new ConcurrentHashMap<>();
  private final Set<String> deprecated = ConcurrentHashMap.newKeySet();

  private final int maxQuotaGauges;
  /** Quota gauges registered, or being registered. */
  private final AtomicInteger quotaGauges = new AtomicInteger();

  MicrometerEvents(MeterRegistry registry, int maxQuotaGauges) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.maxQuotaGauges = maxQuotaGauges;
    this.calls = Timer.builder(CALLS).description("Client calls by operation and outcome, retries and waits included")
        .withRegistry(registry);
    this.retries = Counter.builder(RETRIES).description("Retries of failed attempts").withRegistry(registry);
    this.rateLimited = Counter.builder(RATE_LIMITED).description("Rate-limit answers of the marketplace by kind")
        .withRegistry(registry);
    this.limiterWaits = Timer.builder(LIMITER_WAIT).description("Waits of the client's limiter before sending")
        .withRegistry(registry);
    this.deprecatedCalls = Counter.builder(DEPRECATED_CALLS)
        .description("Calls of operations the marketplace deprecated").withRegistry(registry);
    this.mismatches = Counter.builder(CONTRACT_MISMATCHES).description("Live traffic that differs from the spec")
        .withRegistry(registry);
    this.unusableHeaders = Counter.builder(UNUSABLE_HEADERS)
        .description("Rate-limit headers the client could not use").withRegistry(registry);
    this.storeUnavailable = Counter.builder(STORE_UNAVAILABLE).description("Outages of the shared limits store")
        .register(registry);
  }

  /** Events that record into {@code registry}. */
  public static MicrometerEvents of(MeterRegistry registry) {
    return new MicrometerEvents(registry, MAX_QUOTA_GAUGES);
  }

  @Override
  public void callEnded(CallEnded call) {
    String marketplace = call.call().marketplace().id();
    calls.withTags("marketplace", marketplace, "operation", call.operationId(), "outcome", call.outcome().tag())
        .record(call.duration());
    if (deprecated.contains(call.operationId())) {
      deprecatedCalls.withTags("marketplace", marketplace, "operation", call.operationId()).increment();
    }
  }

  @Override
  public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
    retries.withTags("operation", operationId).increment();
  }

  @Override
  public void rateLimited(String operationId, RateLimitKind kind, Optional<Instant> reset) {
    rateLimited.withTags("operation", operationId, "kind", kind.name().toLowerCase(Locale.ROOT)).increment();
  }

  @Override
  public void rateLimitWait(String operationId, Duration wait) {
    limiterWaits.withTags("operation", operationId).record(wait);
  }

  @Override
  public void quotaRemaining(String operationId, String account, long limit, long remaining) {
    String key = operationId + "\u0000" + account;
    AtomicLong value = quotas.get(key);
    if (value == null) {
      if (quotaGauges.get() >= maxQuotaGauges) {
        return;
      }
      value = quotas.computeIfAbsent(key, k -> {
        // The slot is taken atomically inside the one computation a new pair gets: threads adding distinct pairs
        // at once cannot all pass a check made before (the map's size lags its computations).
        if (quotaGauges.incrementAndGet() > maxQuotaGauges) {
          quotaGauges.decrementAndGet();
          return null;
        }
        AtomicLong held = new AtomicLong(remaining);
        try {
          Gauge.builder(QUOTA_REMAINING, held, AtomicLong::get)
              .description("Quota left in the current window, as the marketplace last reported it")
              .tags(Tags.of("operation", operationId, "account", account.isEmpty() ? "none" : account))
              .strongReference(true).register(registry);
        } catch (RuntimeException e) {
          quotaGauges.decrementAndGet();   // not registered: the slot is free again
          throw e;
        }
        return held;
      });
      if (value == null) {
        return;
      }
    }
    value.set(remaining);
  }

  @Override
  public void deprecatedOperation(String operationId, String replacementOperationId, String shutdownDate) {
    deprecated.add(operationId); // reported on the first call, before it ends: that call is counted too
  }

  @Override
  public void contractMismatch(ContractMismatch mismatch) {
    mismatches.withTags("operation", mismatch.operationId(), "direction",
        mismatch.direction().name().toLowerCase(Locale.ROOT), "kind", mismatch.kind().name().toLowerCase(Locale.ROOT))
        .increment();
  }

  @Override
  public void unusableRateLimitHeader(String operationId, String header, String reason) {
    unusableHeaders.withTags("operation", operationId, "header", header).increment();
  }

  @Override
  public void limiterStoreUnavailable(String store, String reason) {
    storeUnavailable.increment();
  }

  @Override
  public String toString() {
    return "MicrometerEvents(" + registry.getClass().getSimpleName() + ")";
  }
}
