package com.marketplacecontracts.core.internal.ratelimit;

import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.ratelimit.LimiterStore;
import com.marketplacecontracts.core.ratelimit.LimiterStores;
import com.marketplacecontracts.core.ratelimit.QuotaBucket;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.internal.error.RetryAfter;
import com.marketplacecontracts.core.internal.error.UriMask;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.operation.Operations;
import com.marketplacecontracts.core.operation.RateLimitKind;
import com.marketplacecontracts.core.time.TimeSource;
import io.github.bucket4j.TimeMeter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Holds calls back so that a client keeps to the marketplace's limits: the quota per operation and account, and the
 * cap on requests in flight per account (the call's {@code campaignId} or {@code businessId}, across all operations).
 *
 * <p><b>Quota.</b> One Bucket4j bucket per operation and account. Until the server has said where its windows start,
 * the bucket is conservative: burst B and refill rate r with {@code B + r * period = quota} (B is 5 %), so no window
 * of one period, however aligned with the server's, sees more than the quota. The first answer's
 * {@code X-RateLimit-Resource-*} headers give the window's size and reset time: from then on the bucket refills the
 * whole quota at each of the server's resets, and the client can use all of it. Each answer that reports fewer
 * remaining than the client's own count allows (another consumer uses the account) lowers the window's count at once;
 * a quota 420 empties it until the reset. Header values no marketplace would send (see {@link QuotaHeaders}, and a
 * reset further than one window away) are ignored and reported once per operation through
 * {@link ClientEvents#unusableRateLimitHeader}; nothing unusable is kept, here or in a shared store, and what a shared
 * store gives back is checked the same way. 5xx answers do not consume quota: their charge is given back. Item-counted
 * quotas charge the items the request carries; a request that costs more than one period allows is refused before
 * sending.
 *
 * <p><b>Parallel cap.</b> A permit per request in flight, at most {@link RateLimitConfig#maxInFlight()} per account,
 * handed out first come, first served; the wait is bounded by the call's own timeout and
 * {@link RateLimitConfig#maxWait()}.
 *
 * <p>State lives in a {@link LimiterStore}: this process's by default, or a shared one. When the shared store fails,
 * calls go on under the local store and {@link ClientEvents#limiterStoreUnavailable} says so, once per outage; the
 * shared store is tried again after {@link #STORE_RECHECK}. One call at a time tries to open it; the others wait
 * for that attempt at most {@link #OPEN_WAIT}. The store bounds its own commands (see its module).
 */
public final class RateLimitInterceptor implements Interceptor {

  /** Passes of the charge loop before its last charge stands (one re-charge per window change is the rule). */
  private static final int MAX_CHARGE_PASSES = 4;

  static final Duration STORE_RECHECK = Duration.ofSeconds(10);
  /** How long a call waits for another call's attempt to open the shared store (real time; stores connect faster). */
  static final Duration OPEN_WAIT = Duration.ofSeconds(2);
  /** How far the server's clock may be from this one before a reset date is taken for nonsense. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
  private static final List<String> PAGE_SIZE_PARAMETERS = List.of("limit", "pageSize", "page_size");

  private final RateLimitConfig config;
  private final Marketplace marketplace;
  private final TimeSource time;
  private final ClientEvents events;
  private final TimeMeter meter;
  private final LocalLimiterStore local;
  private final URI sharedUri;
  private volatile LimiterStore shared;
  private volatile long sharedDownUntil = Long.MIN_VALUE;
  private final AtomicReference<CompletableFuture<LimiterStore>> opening = new AtomicReference<>();
  private final Object outageLock = new Object();
  private volatile boolean outage;
  private final IdleMap<Alignment> alignments;
  /** Units of this process's requests on their way (items, for an item-counted quota), per quota key; a key goes
   *  when its last one has come back. */
  private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  /**
   * @param sharedStore the URI of a shared store ({@link LimiterStores}), or {@code null} to keep all state in this
   *                    process; it is opened on first use, and again after a failure
   */
  public RateLimitInterceptor(RateLimitConfig config, Marketplace marketplace, TimeSource time, Clock clock,
      ClientEvents events, URI sharedStore) {
    this.config = config;
    this.marketplace = marketplace;
    this.time = time;
    this.events = events;
    this.sharedUri = sharedStore;
    this.meter = wallClockMeter(clock, time);
    this.local = new LocalLimiterStore(meter);
    this.alignments = new IdleMap<>(meter, true, alignment -> false);
  }

  /**
   * Wall-clock time for the limiter (the server's reset times are wall-clock instants), read from the clock once and
   * advanced by the monotonic time source, so that a simulated time source moves the limiter's windows too.
   */
  static TimeMeter wallClockMeter(Clock clock, TimeSource time) {
    Instant anchor = clock.instant();
    long anchorNanos = anchor.getEpochSecond() * 1_000_000_000L + anchor.getNano();
    long anchorTick = time.nanoTime();
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return anchorNanos + (time.nanoTime() - anchorTick);
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }

  private long nowMillis() {
    return meter.currentTimeNanos() / 1_000_000L;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    ApiOperation operation = Operations.of(request);
    if (operation == null) {
      return chain.proceed(request);
    }
    String account = Operations.account(request);
    RateLimitConfig.Quota quota = config.enabled() ? quotaOf(operation, config) : null;
    if (!config.enabled() || (quota == null && account == null)) {
      Response response = chain.proceed(request);
      inspect(operation.id(), account, response);
      return response;
    }
    Duration budget = budget(chain);
    long cost = quota == null ? 0 : cost(request, quota);
    if (quota != null && cost > quota.amount()) {
      throw new RequestValidationException(marketplace, operation.id(), List.of(new RequestValidationException.Violation(
          quota.itemField(), Long.toString(cost), quota.describe() + " (the marketplace's quota): split the request")))
          .inTransit();
    }
    String key = operation.id() + ":" + (account == null ? "-" : account);
    Charge charge;
    LimiterStore.Permit permit;
    LimiterStore.Permit operationPermit;
    // Bounded: a window that never fits (a shared store's window of another size than the quota's) must not keep a
    // call charging forever; after a few passes the last charge stands.
    for (int pass = 1; ; pass++) {
      long burst = quota == null ? 0 : burst(quota, operation.batchMaxItems());
      Admitted admitted = withStore(store -> admit(store, key, quota, burst, cost, operation, account));
      if (admitted != null) {
        charge = admitted.charge();
        permit = admitted.permit();
        operationPermit = admitted.operationPermit();
      } else {
        charge = quota == null ? null : withStore(store -> charge(store, key, quota, burst, cost, operation.id(),
            budget));
        permit = null;
        operationPermit = null;
      }
      if (account != null && admitted == null) {
        long waitStarted = time.nanoTime();
        // The operation's own cap (parallel-limit-value) first, then the account's: always in this order.
        if (operation.parallelLimit() > 0) {
          operationPermit = withStore(store -> store.acquire("permits:" + account + ":" + operation.id(),
              operation.parallelLimit(), budget));
        }
        if (operation.parallelLimit() <= 0 || operationPermit != null) {
          permit = withStore(store -> store.acquire("permits:" + account, config.maxInFlight(), budget));
        }
        if (permit == null) {
          release(operationPermit);
          refund(charge);
          throw held(operation.id(), RateLimitKind.PARALLEL,
              Duration.ofNanos(Math.max(time.nanoTime() - waitStarted, budget.toNanos())));
        }
      }
      if (charge == null || pass >= MAX_CHARGE_PASSES || (charge.alignment() == null ? known(key, quota) == null
          : nowMillis() < charge.windowEnd() - edge(charge.alignment()))) {
        break;
      }
      // Charged in the conservative bucket while another call learned the server's windows: the aligned bucket has
      // not counted this call, so it is charged there (an item-counted call may carry thousands of units).
      // The window this call was charged in ended while it waited for a slot, or is about to: the server will count
      // it in the next one, so it is charged there (the old window's unit is simply spent).
      release(operationPermit, permit);
      if (charge.alignment() != null && nowMillis() < charge.windowEnd()) {
        try {
          time.sleep(Duration.ofMillis(charge.windowEnd() - nowMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the marketplace's limits");
        }
      }
    }
    String pending = charge == null ? null : charge.key();
    if (pending != null) {
      inFlight.merge(pending, (int) Math.min(Integer.MAX_VALUE, cost), Integer::sum);
    }
    Response response;
    try {
      response = chain.proceed(request);
    } finally {
      if (pending != null) {
        int units = (int) Math.min(Integer.MAX_VALUE, cost);
        inFlight.computeIfPresent(pending, (k, n) -> n <= units ? null : n - units);
      }
      release(operationPermit, permit);
    }
    QuotaHeaders headers = inspect(operation.id(), account, response);
    if (charge != null) {
      observe(charge, response, headers);
    }
    return response;
  }

  /**
   * The answer's quota headers if they are usable; an unusable one, and a {@code Retry-After} that cannot be used as
   * sent, is reported once per operation and header. Usable ones are reported as the quota left, and a rate-limit
   * status as such.
   */
  private QuotaHeaders inspect(String operationId, String account, Response response) throws IOException {
    QuotaHeaders headers = QuotaHeaders.of(response.headers(), (header, reason) -> unusable(operationId, header,
        reason));
    String retryAfter = QuotaHeaders.retryAfterProblem(response.headers(), Instant.ofEpochMilli(nowMillis()));
    if (retryAfter != null) {
      unusable(operationId, QuotaHeaders.RETRY_AFTER, retryAfter);
    }
    if (headers != null) {
      events.quotaRemaining(operationId, account == null ? "" : account, headers.limit(), headers.remaining());
    }
    if (response.code() == 420 || response.code() == 429) {
      // reported with the limiter off too: the answer is the marketplace's, whatever the client does about it
      RateLimitKind kind = RateLimitKind.ofBody(response.peekBody(8192).string());
      long now = nowMillis();
      events.rateLimited(operationId, kind, Optional.ofNullable(headers).map(QuotaHeaders::until)
          .filter(until -> until.toEpochMilli() > now && until.toEpochMilli() - now <= RetryAfter.MAX.toMillis()));
    }
    return headers;
  }

  private void unusable(String operationId, String header, String reason) {
    if (reported.add(operationId + " " + header)) {
      events.unusableRateLimitHeader(operationId, header, reason);
    }
  }

  // ---- quota ----------------------------------------------------------------------------------------------------

  /**
   * Where a quota's windows start, as the server reported: a phase (any reset instant) and the window's size. Only
   * values a bucket can hold are ever made into one ({@link #usable}), whether they come from an answer or from the
   * shared store.
   */
  private record Alignment(long phaseMillis, long limit, long periodMillis) {

    /** The alignment, or {@code null} when a bucket could not be built from it. */
    static Alignment usable(long phaseMillis, long limit, long periodMillis) {
      // Bucket4j refills at most one token per nanosecond
      boolean fits = periodMillis >= 1 && phaseMillis >= 0 && phaseMillis < periodMillis && limit >= 1
          && limit <= QuotaHeaders.MAX_LIMIT && limit <= periodMillis * 1_000_000L;
      return fits ? new Alignment(phaseMillis, limit, periodMillis) : null;
    }

    long windowEnd(long nowMillis) {
      return phaseMillis + (Math.floorDiv(nowMillis - phaseMillis, periodMillis) + 1) * periodMillis;
    }

    String encode() {
      return phaseMillis + "/" + limit + "/" + periodMillis;
    }

    /** The alignment stored as {@code value}, or {@code null} when absent or unusable (another writer's garbage). */
    static Alignment decode(String value) {
      if (value == null || value.length() > 60) {
        return null;
      }
      String[] parts = value.split("/", -1);
      if (parts.length != 3) {
        return null;
      }
      try {
        return usable(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /**
   * The limiter would hold the call longer than allowed (its quota is spent, or all the account's parallel slots
   * stay busy): a typed failure with status 0, nothing sent, carried through OkHttp and never retried.
   */
  private IOException held(String operationId, RateLimitKind kind, Duration wait) {
    String detail = kind == RateLimitKind.QUOTA
        ? "client-side quota spent; next slot in " + wait
        : "all parallel slots of the account stayed busy for " + wait;
    MarketplaceException.Details details = MarketplaceException.Details.noResponse(marketplace, operationId)
        .withSummaryDetail(detail);
    return new RateLimitedException(details, kind, wait, null).inTransit();
  }

  /** One call's charge against a quota: what to give back on a 5xx and what to compare the server's count with. */
  private record Charge(LimiterStore store, String operationId, String key, RateLimitConfig.Quota quota,
      QuotaBucket bucket, long cost, Alignment alignment, long windowEnd, long remainingAfter, long unseenAtCharge) {
  }

  /** A call admitted in one step: its charge (null without a quota) and permits (null when not asked for). */
  private record Admitted(Charge charge, LimiterStore.Permit permit, LimiterStore.Permit operationPermit) {
  }

  /**
   * The usual case in one step of the store ({@link LimiterStore#admit}): the quota charged, the permits taken and
   * what the charge needs read from the store (the window's count of others' use; before this process knows the
   * server's windows, whether another one stored them), all at once or none. Null when something has to be waited
   * for, the call's items are charged in pieces, or another process turns out to know the windows: the call then
   * takes its turn step by step.
   */
  private Admitted admit(LimiterStore store, String key, RateLimitConfig.Quota quota, long burst, long cost,
      ApiOperation operation, String account) throws InterruptedException {
    Alignment alignment = quota == null ? null : known(key, quota);
    QuotaBucket bucket = quota == null ? null : bucket(store, key, quota, burst, alignment);
    if (bucket != null && cost > (alignment == null ? burst : alignment.limit())) {
      return null;
    }
    List<LimiterStore.PermitRequest> permits = new ArrayList<>(2);
    boolean ownCap = account != null && operation.parallelLimit() > 0;
    if (ownCap) {
      // the operation's own cap first, then the account's: the order of the step-by-step way
      permits.add(new LimiterStore.PermitRequest("permits:" + account + ":" + operation.id(),
          operation.parallelLimit()));
    }
    if (account != null) {
      permits.add(new LimiterStore.PermitRequest("permits:" + account, config.maxInFlight()));
    }
    long windowEnd = alignment == null ? 0 : alignment.windowEnd(nowMillis());
    boolean lookUp = quota != null && alignment == null && store != local;
    LimiterStore.Admission admission = store.admit(bucket, cost, permits,
        alignment != null ? unseenKey(key, windowEnd) : lookUp ? "align:" + key : null);
    if (!admission.admitted()) {
      return null;
    }
    Alignment stored = lookUp ? Alignment.decode(admission.value()) : null;
    if (stored != null && stored.periodMillis() == quota.period().toMillis()) {
      // another process knows the server's windows: this call belongs in their bucket, not the conservative one
      remember(key, stored);
      release(admission.permits().toArray(LimiterStore.Permit[]::new));
      bucket.addTokens(cost);
      return null;
    }
    Charge charge = bucket == null ? null : new Charge(store, operation.id(), key, quota, bucket, cost, alignment,
        windowEnd, admission.remaining(), alignment == null ? 0 : count(admission.value(), alignment.limit()));
    List<LimiterStore.Permit> taken = admission.permits();
    return new Admitted(charge, account == null ? null : taken.get(taken.size() - 1), ownCap ? taken.get(0) : null);
  }

  private Charge charge(LimiterStore store, String key, RateLimitConfig.Quota quota, long burst, long cost,
      String operationId,
      Duration budget) throws IOException, InterruptedException {
    Alignment alignment = alignment(store, key, quota);
    QuotaBucket bucket = bucket(store, key, quota, burst, alignment);
    long piece = alignment == null ? burst : alignment.limit();
    long left = cost;
    long remainingAfter = 0;
    long waited = 0;
    while (left > 0) {
      long take = Math.min(left, piece);
      QuotaBucket.Probe probe = bucket.tryConsume(take);
      if (probe.consumed()) {
        left -= take;
        remainingAfter = probe.remaining();
        continue;
      }
      // up to the next whole millisecond: Bucket4j's refill arithmetic on wall-clock nanoseconds can leave an exact
      // wait a token short
      long exact = Math.max(0, probe.nanosToWait());
      long wait = exact + 1_000_000L - exact % 1_000_000L;
      if (waited + wait > budget.toNanos()) {
        if (cost - left > 0) {
          bucket.addTokens(cost - left);
        }
        throw held(operationId, RateLimitKind.QUOTA, Duration.ofNanos(wait));
      }
      events.rateLimitWait(operationId, Duration.ofNanos(wait));
      time.sleep(Duration.ofNanos(wait));
      waited += wait;
    }
    long windowEnd = alignment == null ? 0 : alignment.windowEnd(nowMillis());
    long unseen = alignment == null ? 0 : count(store.get(unseenKey(key, windowEnd)), alignment.limit());
    return new Charge(store, operationId, key, quota, bucket, cost, alignment, windowEnd, remainingAfter, unseen);
  }

  /** The server's windows for {@code key} as this process knows them, if they are the quota's. */
  private Alignment known(String key, RateLimitConfig.Quota quota) {
    Alignment known = alignments.get(key);
    return known != null && known.periodMillis() == quota.period().toMillis() ? known : null;
  }

  private Alignment alignment(LimiterStore store, String key, RateLimitConfig.Quota quota) {
    Alignment known = alignments.get(key);
    if (known == null && store != local) {
      known = Alignment.decode(store.get("align:" + key));
      if (known != null) {
        remember(key, known);
      }
    }
    return known(key, quota);
  }

  private void observe(Charge charge, Response response, QuotaHeaders headers) {
    try {
      if (response.code() >= 500) {
        refund(charge); // the marketplace does not count 5xx answers
        return;
      }
      if (headers == null) {
        return; // nothing said, or nothing usable
      }
      long now = nowMillis();
      long period = charge.quota().period().toMillis();
      long until = headers.until().toEpochMilli();
      if (until <= now) {
        if (now - until > period + CLOCK_SKEW.toMillis()) {
          unusable(charge.operationId(), QuotaHeaders.UNTIL, "more than one window in the past: ignored");
          return;
        }
        if (charge.alignment() != null || alignments.get(charge.key()) != null) {
          return; // about a window that has ended
        }
        // The first answer, read after its window ended (a slow answer, a loaded machine): where the windows start
        // still holds — only the count is of the past, and learn() leaves it out — so the client need not stay
        // cautious until another answer comes back in time.
      }
      if (until - now > period + CLOCK_SKEW.toMillis()) {
        // a reset further away than one window cannot be this quota's: learning it would misplace every window
        unusable(charge.operationId(), QuotaHeaders.UNTIL, "more than one window ahead: ignored");
        return;
      }
      Alignment reported = Alignment.usable(Math.floorMod(until, period), headers.limit(), period);
      if (reported == null) {
        unusable(charge.operationId(), QuotaHeaders.LIMIT, "more than this quota's window can count: ignored");
        return;
      }
      if (!reported.equals(charge.alignment())) {
        learn(charge, reported, headers);
        return;
      }
      long windowEnd = headers.until().toEpochMilli();
      if (windowEnd != charge.windowEnd()) {
        return; // charged in another window than the server counted it in
      }
      if (response.code() == 420 && RateLimitKind.ofBody(response.peekBody(8192).string()) == RateLimitKind.QUOTA) {
        charge.bucket().consumeUpTo(Long.MAX_VALUE);
        return;
      }
      // What the server counted up to this request beyond what was charged up to it: another consumer's use. Requests
      // charged after this one may have reached the server first (at most the other slots in flight): not counted.
      long behind = charge.remainingAfter() + charge.unseenAtCharge() - headers.remaining();
      if (behind <= charge.unseenAtCharge()) {
        return; // no more than the window's count of others' use held when charged: it cannot rise
      }
      long chargedSince = Math.max(0, charge.remainingAfter() - charge.bucket().available());
      long unseen = behind - Math.min(chargedSince, config.maxInFlight() - 1L);
      if (unseen > 0) {
        long rise = Math.min(unseen, charge.store().raise(unseenKey(charge.key(), windowEnd), unseen,
            Duration.ofMillis(2 * period)));
        if (rise > 0) {
          charge.bucket().consumeUpTo(rise);
        }
      }
    } catch (RuntimeException | IOException e) {
      storeFailed(charge.store(), e);
    }
  }

  /** The server told where its windows start (or a new size): continue in a bucket aligned with them. */
  private void learn(Charge charge, Alignment reported, QuotaHeaders headers) {
    LimiterStore store = charge.store();
    QuotaBucket bucket = store.bucket("quota:" + charge.key() + "@" + reported.encode(), aligned(reported),
        meter::currentTimeNanos);
    // only once its bucket exists: what is remembered (here and in the shared store) must be usable later
    remember(charge.key(), reported);
    if (store != local) {
      store.put("align:" + charge.key(), reported.encode(), Duration.ofDays(1));
    } else if (charge.alignment() == null) {
      local.forget("quota:" + charge.key()); // the conservative bucket: the aligned one replaces it
    } else {
      // the old window's bucket and count are of no more use: a server whose resets slide would otherwise leave
      // one of each per call (a shared store's expire on their own)
      local.forget("quota:" + charge.key() + "@" + charge.alignment().encode());
      local.forgetValue(unseenKey(charge.key(), charge.windowEnd()));
    }
    long windowEnd = headers.until().toEpochMilli();
    long othersInFlight = inFlight.getOrDefault(charge.key(), 0);
    // A fresh aligned bucket holds the whole limit: take what the server has counted, and this process's requests
    // still on their way (not counted yet), once for every process that learns the same window. Once that window is
    // over (an answer read at its very end), the fresh bucket is the next window's: the server's count is not its.
    long used = (nowMillis() < windowEnd ? headers.limit() - headers.remaining() : 0) + othersInFlight;
    long rise = Math.min(used, store.raise(unseenKey(charge.key(), windowEnd), used,
        Duration.ofMillis(2 * reported.periodMillis())));
    if (rise > 0) {
      bucket.consumeUpTo(rise);
    }
  }

  /**
   * The end of a window in which a request is no longer sent: on its way (a large body, a loaded machine) it would
   * reach the server in the next window, which has not counted it — a tenth of the window, at most 200 ms.
   */
  private static long edge(Alignment alignment) {
    return Math.min(200, alignment.periodMillis() / 10);
  }

  /** Kept while the quota is used: idle for longer than its window (and margin), it is learned again if needed. */
  private void remember(String key, Alignment alignment) {
    alignments.update(key, old -> alignment, Duration.ofMillis(alignment.periodMillis()).plus(LocalLimiterStore.MARGIN)
        .toNanos());
  }

  /** Limiter state held now, for tests: learned windows, keys with requests on their way, and the local store's. */
  int retained() {
    return alignments.size() + inFlight.size() + local.size();
  }

  private void refund(Charge charge) {
    if (charge == null) {
      return;
    }
    try {
      if (charge.alignment() == null || charge.alignment().windowEnd(nowMillis()) == charge.windowEnd()) {
        charge.bucket().addTokens(charge.cost());
      }
    } catch (RuntimeException e) {
      storeFailed(charge.store(), e);
    }
  }

  private static String unseenKey(String key, long windowEnd) {
    return "unseen:" + key + "@" + windowEnd;
  }

  /** A count read back from a store, within 0..max; anything else (another writer's garbage) counts 0. */
  private static long count(String value, long max) {
    if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return 0;
    }
    return value.length() > 18 ? max : Math.min(max, Long.parseLong(value));
  }

  /**
   * The quota that applies to {@code operation}: the user's override, else the spec's quota for the configured tier,
   * else (no tier configured, or one the operation does not declare) the stricter of the declared tiers. The unit
   * ({@code resp} or {@code req.<field>}) says what is counted.
   */
  static RateLimitConfig.Quota quotaOf(ApiOperation operation, RateLimitConfig config) {
    RateLimitConfig.Quota override = config.overrides().get(operation.id());
    if (override != null) {
      return override;
    }
    String unit = operation.quotaUnit().isEmpty() ? RateLimitConfig.Quota.REQUESTS : operation.quotaUnit();
    RateLimitConfig.Quota chosen = null;
    for (ApiOperation.Quota declared : operation.quotas()) {
      Duration period = period(declared.period());
      if (period == null || declared.amount() < 1 || declared.periodDuration() < 1) {
        continue;
      }
      RateLimitConfig.Quota quota = RateLimitConfig.Quota.of(declared.amount(),
          period.multipliedBy(declared.periodDuration()), unit);
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
    return BigInteger.valueOf(a.amount()).multiply(BigInteger.valueOf(b.period().toNanos()))
        .compareTo(BigInteger.valueOf(b.amount()).multiply(BigInteger.valueOf(a.period().toNanos()))) < 0;
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
    return burst(quota, 0);
  }

  /**
   * The conservative bucket's burst: 5 % of the quota, or — for an item-counted quota of a batch operation — a whole
   * batch (at most half the quota), so that a request's items are charged at once, when it is sent. Charged in
   * pieces over a while, they would all reach the server in one window and overrun it.
   */
  static long burst(RateLimitConfig.Quota quota, int batchMaxItems) {
    if (quota.countsItems() && batchMaxItems > 0) {
      return Math.max(burst(quota), Math.min(batchMaxItems, quota.amount() / 2));
    }
    return Math.max(1, quota.amount() / 20);
  }

  /**
   * What a request costs: 1 for a request-counted quota; for an item-counted one, the items of the named field the
   * request carries — the page size it asks for ({@code limit}), the values of a query parameter, or the size of a
   * collection in the body. At least 1.
   */
  static long cost(Request request, RateLimitConfig.Quota quota) {
    if (!quota.countsItems()) {
      return 1;
    }
    String field = quota.itemField();
    List<String> values = request.url().queryParameterValues(field);
    if (!values.isEmpty()) {
      if (PAGE_SIZE_PARAMETERS.contains(field)) {
        try {
          return Math.max(1, Long.parseLong(values.get(0)));
        } catch (NumberFormatException e) {
          return 1;
        }
      }
      return Math.max(1, values.stream().mapToLong(v -> v == null ? 1 : v.split(",", -1).length).sum());
    }
    return Math.max(1, Operations.bodyItems(request, field));
  }

  /** A conservative bucket for a quota whose windows are not known yet: never more than the quota per period. */
  private static QuotaBucket.Shape conservative(RateLimitConfig.Quota quota, long burst) {
    long refill = Math.max(1, quota.amount() - burst);
    // The same rate as `refill` per period, phrased as `burst` tokens per interval (refill may not exceed capacity).
    Duration interval = Duration.ofNanos(BigInteger.valueOf(quota.period().toNanos())
        .multiply(BigInteger.valueOf(burst)).divide(BigInteger.valueOf(refill)).longValueExact());
    return QuotaBucket.Shape.greedy(burst, burst, interval);
  }

  /** The server's windows: the whole limit at each reset. */
  private static QuotaBucket.Shape aligned(Alignment alignment) {
    return QuotaBucket.Shape.aligned(alignment.limit(), Duration.ofMillis(alignment.periodMillis()),
        Instant.ofEpochMilli(alignment.phaseMillis()));
  }

  /** The bucket a charge of {@code quota} goes to: the conservative one, or that of the server's windows. */
  private QuotaBucket bucket(LimiterStore store, String key, RateLimitConfig.Quota quota, long burst,
      Alignment alignment) {
    return alignment == null
        ? store.bucket("quota:" + key, conservative(quota, burst), meter::currentTimeNanos)
        : store.bucket("quota:" + key + "@" + alignment.encode(), aligned(alignment), meter::currentTimeNanos);
  }

  // ---- parallel cap and store ------------------------------------------------------------------------------------

  /** How long this call may be held: the configured maximum, and never past the call's own timeout. */
  private Duration budget(Chain chain) {
    long callTimeout = chain.call().timeout().timeoutNanos();
    Duration budget = config.maxWait();
    return callTimeout > 0 && callTimeout < budget.toNanos() ? Duration.ofNanos(callTimeout) : budget;
  }

  /**
   * The one way permits go back: each of {@code permits} (in the order taken; null: not taken), the last first, every
   * one tried even when one fails; a failure marks the shared store down (its lease returns what it holds).
   */
  private void release(LimiterStore.Permit... permits) {
    List<LimiterStore.Permit> taken = new ArrayList<>(permits.length);
    for (LimiterStore.Permit permit : permits) {
      if (permit != null) {
        taken.add(permit);
      }
    }
    try {
      LimiterStore.Permit.releaseAll(taken);
    } catch (RuntimeException e) {
      storeFailed(shared, e);
    }
  }

  /** The shared store while it is up (opened on first use, by one call at a time), else the local one. */
  private LimiterStore current() {
    if (sharedUri == null || time.nanoTime() < sharedDownUntil) {
      return local;
    }
    LimiterStore store = shared;
    if (store != null) {
      return store;
    }
    CompletableFuture<LimiterStore> mine = new CompletableFuture<>();
    CompletableFuture<LimiterStore> other = opening.compareAndExchange(null, mine);
    if (other != null) {
      // Another call is connecting: wait for it at most as long as connecting may take, then go on locally — never
      // a queue of calls each making its own attempt in turn.
      try {
        LimiterStore opened = other.get(OPEN_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        return opened == null ? local : opened;
      } catch (TimeoutException | ExecutionException e) {
        return local;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return local;
      }
    }
    try {
      store = LimiterStores.open(sharedUri);
      shared = store;
      return store;
    } catch (RuntimeException e) {
      markDown(LimiterStores.redacted(sharedUri), e);
      return local;
    } finally {
      mine.complete(shared);
      opening.set(null);
    }
  }

  @FunctionalInterface
  private interface Step<T> {
    T run(LimiterStore store) throws IOException, InterruptedException;
  }

  private <T> T withStore(Step<T> step) throws IOException {
    LimiterStore store = current();
    try {
      try {
        T result = step.run(store);
        if (store != local && outage) {
          outage = false; // it answers again: the next failure is a new outage
        }
        return result;
      } catch (RuntimeException e) {
        if (store == local) {
          throw e;
        }
        storeFailed(store, e);
        return step.run(local);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the marketplace's limits");
    }
  }

  private void storeFailed(LimiterStore store, Exception e) {
    if (store == local || store == null) {
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      return;
    }
    markDown(store.describe(), e);
  }

  /**
   * The shared store failed: local limiting for {@link #STORE_RECHECK}, and one warning per outage (not one per
   * caller that saw it fail, nor one per recheck that finds it still down).
   */
  private void markDown(String store, Exception e) {
    boolean report;
    synchronized (outageLock) {
      report = !outage;
      outage = true;
      sharedDownUntil = time.nanoTime() + STORE_RECHECK.toNanos();
    }
    if (report) {
      // a store library's message may quote the URI in its own way: the store's password is masked wherever it is
      String raw = sharedUri.toString();
      events.limiterStoreUnavailable(UriMask.mask(store, raw), UriMask.mask(e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), raw));
    }
  }
}
