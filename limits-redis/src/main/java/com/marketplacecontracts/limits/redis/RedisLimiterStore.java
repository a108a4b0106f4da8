package com.marketplacecontracts.limits.redis;

import com.marketplacecontracts.core.internal.Digests;
import com.marketplacecontracts.core.internal.error.UriMask;
import com.marketplacecontracts.core.internal.ratelimit.LocalLimiterStore;
import com.marketplacecontracts.core.ratelimit.InvalidLimitsStoreException;
import com.marketplacecontracts.core.ratelimit.LimiterStore;
import com.marketplacecontracts.core.ratelimit.QuotaBucket;
import io.github.bucket4j.TimeMeter;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The limiter's state in Redis, shared by every process that uses the same account: quota buckets are short strings
 * ({@code tokens:last refill in µs}); the parallel cap is a sorted set of leased permits per account whose scores are
 * their expiry in Redis's own clock, so the permits of a process that dies come back when their lease runs out; the
 * values the limiter learns from the server are plain keys with a time to live.
 *
 * <p>One Lua script ({@link #LIMITS}) does every bucket and permit step, atomically: {@link #admit} takes a call's
 * tokens, its permits and the value it needs in one round trip, all or nothing. Scripts are loaded once when the
 * store opens ({@code SCRIPT LOAD}, not waited for) and run by digest ({@code EVALSHA}); a Redis that does not have
 * them ({@code NOSCRIPT}: not loaded yet, restarted, {@code SCRIPT FLUSH}) gets the script itself once ({@code EVAL},
 * which loads it again). A permit is given back without waiting for Redis's answer: the next command on the
 * connection comes after it.
 *
 * <p>Buckets refill on the caller's clock, passed with each step, not Redis's {@code TIME}: the marketplace's windows
 * are learned from its reset times and compared with the caller's clock, so a bucket's resets must fall where the
 * limiter computes them (and a simulated clock moves them in tests), as in the local store. A step never moves a
 * bucket's time back: a process whose clock lags another's refills nothing until it catches up; a time more than
 * {@link #MAX_AHEAD} ahead is another writer's garbage and starts a full bucket. Leases use Redis's clock: a dead
 * process's permit must come back on a clock that goes on without it.
 *
 * <p>Inside one process, waiting callers queue on a fair semaphore first (first come, first served), then take a
 * permit in Redis, polling briefly while all are held elsewhere; {@link #admit} takes a turn only when it is free at
 * once, so it never jumps that queue.
 *
 * <p>A store must never hold a call longer than the limiter would: connecting has a deadline of
 * {@link #CONNECT_TIMEOUT} and every command one of {@link #COMMAND_TIMEOUT}, far below a call's timeout (3 minutes
 * by default); commands fail at once while disconnected; and once a command has failed, every command fails at once
 * for {@link #FAIL_FAST} (callers already queued for a permit included), so the limiter falls back to its local
 * state without each caller finding out on its own. Replies are read through a {@link ReplyGuard}: one no store
 * command could need (a 200 MB bulk string, a billion elements) closes the connection instead of filling memory,
 * and a reply of the wrong kind or out of range (a negative or endless wait, more tokens than the bucket holds) is a
 * {@link RedisStoreException}, never a value.
 */
public final class RedisLimiterStore implements LimiterStore {

  /** How long a permit may be held before Redis gives it back on its own. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  /** The longest lease: a permit of a process that died stays taken that long. */
  public static final Duration MAX_LEASE = Duration.ofDays(1);
  /** Deadline of each command: Redis answers in a millisecond; one that takes this long is down. */
  static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
  /** Deadline of connecting, handshake included (a process's first connection also loads Netty's classes). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  /** After a failed command, how long every command fails at once. */
  static final Duration FAIL_FAST = Duration.ofSeconds(1);
  /** How far ahead of the caller's clock a bucket's time may be (another process's clock) before it is garbage. */
  static final Duration MAX_AHEAD = Duration.ofMinutes(1);
  /** How long an idle bucket is kept beyond the time it takes to fill (a missing bucket is a full one). */
  private static final Duration BUCKET_MARGIN = Duration.ofMinutes(5);
  /** The most tokens a bucket may hold: Lua counts in doubles, exact up to 2^53. */
  static final long MAX_TOKENS = 1L << 52;
  private static final String PREFIX = "marketplace-contracts:limits:";

  // Bucket steps (ARGV[1]).
  private static final int NONE = 0;
  private static final int TAKE = 1;
  private static final int TAKE_UP_TO = 2;
  private static final int GIVE_BACK = 3;
  private static final int LOOK = 4;
  // Script answers (first element).
  private static final long REFUSED = 0;
  private static final long DONE = 1;
  private static final long BUSY = 2;

  /**
   * KEYS: the bucket (when ARGV[1] is not 0), then ARGV[9] permit sets, then optionally a key to read. ARGV: [1] the
   * bucket step (0 none, 1 take all or nothing, 2 take up to, 3 give back, 4 look), [2] tokens, [3] now in µs on the
   * caller's clock, [4] capacity, [5] refill tokens, [6] refill period in ns, [7] µs of an aligned refill, or -1 for
   * a greedy one, [8] the bucket's time to live in ms, [9] number of permit sets, [10] lease in ms, [11] holder,
   * [12..] each set's cap. Every permit set is checked before anything is taken: all or nothing. Answers
   * {status, tokens left, wait in µs (refused) or tokens taken (take up to), the value read}; status 1 done, 0 the
   * bucket has too few tokens, 2 a permit set is full. A stored bucket that is not "digits:digits" is a new one.
   */
  static final String LIMITS = """
      local step = tonumber(ARGV[1])
      local sets = tonumber(ARGV[9])
      local b = 0
      if step > 0 then b = 1 end
      local leaseNow = 0
      if sets > 0 then
        local t = redis.call('TIME')
        leaseNow = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        for i = 1, sets do
          redis.call('ZREMRANGEBYSCORE', KEYS[b + i], '-inf', leaseNow)
          if redis.call('ZCARD', KEYS[b + i]) >= tonumber(ARGV[11 + i]) then
            return {2, 0, 0, false}
          end
        end
      end
      local status, tokens, third = 1, 0, 0
      if step > 0 then
        local n = tonumber(ARGV[2])
        local now = tonumber(ARGV[3])
        local cap = tonumber(ARGV[4])
        local refill = tonumber(ARGV[5])
        local period = tonumber(ARGV[6])
        local phase = tonumber(ARGV[7])
        local last = now
        tokens = cap
        local raw = redis.pcall('GET', KEYS[1])
        if type(raw) == 'string' and #raw <= 40 then
          local a, l = string.match(raw, '^(%d+):(%d+)$')
          if a and #a <= 16 and #l <= 17 and tonumber(l) <= now + 60000000 then
            tokens = math.min(cap, tonumber(a))
            last = tonumber(l)
          end
        end
        if phase >= 0 then
          local window = period / 1000
          if now > last then
            if math.floor((now - phase) / window) > math.floor((last - phase) / window) then tokens = cap end
            last = now
          end
        elseif tokens >= cap then
          if now > last then last = now end
        elseif now > last then
          local add = math.floor((now - last) * 1000 * refill / period)
          if tokens + add >= cap then
            tokens = cap
            last = now
          elseif add > 0 then
            tokens = tokens + add
            last = last + math.floor(add * period / refill / 1000)
          end
        end
        if step == 1 then
          if tokens >= n then
            tokens = tokens - n
          else
            status = 0
            if phase >= 0 then
              local window = period / 1000
              third = window - ((now - phase) % window)
            else
              local since = 0
              if now > last then since = now - last end
              third = math.max(0, math.ceil((n - tokens) * period / refill / 1000) - since)
              if last > now then third = third + last - now end
            end
          end
        elseif step == 2 then
          third = math.min(tokens, n)
          tokens = tokens - third
        elseif step == 3 then
          tokens = math.min(cap, tokens + n)
        end
        if step ~= 4 and status == 1 then
          redis.call('SET', KEYS[1], string.format('%.0f', tokens) .. ':' .. string.format('%.0f', last),
            'PX', ARGV[8])
        end
      end
      if status == 1 then
        for i = 1, sets do
          redis.call('ZADD', KEYS[b + i], leaseNow + tonumber(ARGV[10]), ARGV[11])
          redis.call('PEXPIRE', KEYS[b + i], tonumber(ARGV[10]) * 2)
        end
      end
      local value = false
      if status == 1 and #KEYS > b + sets then
        value = redis.pcall('GET', KEYS[b + sets + 1])
        if type(value) ~= 'string' then value = false end
      end
      return {status, tokens, third, value}
      """;
  // KEYS[1] a counter; ARGV: value, ttl ms. Returns how much it rose. Anything but up to 18 digits (another
  // writer's garbage, 1e999) counts as 0, so a bad value is replaced rather than failing every raise until it expires.
  static final String RAISE = """
      local raw = redis.call('GET', KEYS[1])
      local current = 0
      if raw and #raw <= 18 and string.match(raw, '^%d+$') then current = tonumber(raw) end
      local value = tonumber(ARGV[1])
      if value > current then
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return value - current
      end
      return 0
      """;
  static final String LIMITS_SHA = sha1(LIMITS);
  static final String RAISE_SHA = sha1(RAISE);

  private final String description;
  private final Duration lease;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisCommands<String, byte[]> commands;
  private final RedisAsyncCommands<String, byte[]> async;
  private final LocalLimiterStore turns = new LocalLimiterStore(TimeMeter.SYSTEM_NANOTIME);
  /** Permit holders: this store's random id and a count, unique without a random number per permit. */
  private final String holderPrefix = UUID.randomUUID() + ":";
  private final AtomicLong holders = new AtomicLong();
  private volatile long failingUntil = System.nanoTime();
  private volatile String lastFailure = "";

  /**
   * Connects to {@code redisUri} (Lettuce's URI syntax: {@code redis://[password@]host:port[/database]}).
   *
   * @param lease how long a permit may be held before Redis gives it back, 1 second to {@link #MAX_LEASE}
   * @throws InvalidLimitsStoreException when the URI is not a Redis URI or the lease is out of range
   * @throws io.lettuce.core.RedisException when Redis cannot be reached within {@link #CONNECT_TIMEOUT}
   */
  public RedisLimiterStore(String redisUri, Duration lease) {
    if (lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(MAX_LEASE) > 0) {
      throw leaseRule(lease.getSeconds() + " s");
    }
    RedisURI uri;
    try {
      uri = RedisURI.create(redisUri);
    } catch (RuntimeException e) {
      // not e's message: Lettuce's quotes the URI, password included
      throw new InvalidLimitsStoreException("URI", "not a Redis URI (redis://[[user]:password@]host[:port][/db])");
    }
    uri.setTimeout(CONNECT_TIMEOUT); // the handshake's deadline; commands expire sooner (TimeoutOptions)
    this.description = (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort()
        + (uri.getDatabase() == 0 ? "" : "/" + uri.getDatabase());
    this.lease = lease;
    // Small: the store's traffic is a few tiny commands per call. The guard sits on every connection it opens.
    this.resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1)
        .nettyCustomizer(new NettyCustomizer() {
          @Override
          public void afterChannelInitialized(Channel channel) {
            ReplyGuard.install(channel);
          }
        })
        .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .build());
    try {
      // one connection for everything: bucket states are bytes, the rest is short text
      this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    } catch (RuntimeException e) {
      shutdown();
      throw e;
    }
    this.commands = connection.sync();
    this.async = connection.async();
    load(LIMITS, LIMITS_SHA);
    load(RAISE, RAISE_SHA);
  }

  /**
   * Loads a script into Redis's cache without waiting: opening never waits for more than the connection (a
   * process's first commands can outlast {@link #COMMAND_TIMEOUT} while its classes load), and a script Redis does
   * not have yet is sent whole once anyway. A digest other than the script's own is a Redis not to be used.
   */
  private void load(String script, String sha) {
    async.scriptLoad(bytes(script)).whenComplete((loaded, failure) -> {
      if (failure == null && !sha.equals(loaded)) {
        failed(new RedisStoreException("SCRIPT LOAD answered another digest than the script's"));
      }
    });
  }

  private static String sha1(String script) {
    return HexFormat.of().formatHex(Digests.sha1(script));
  }

  /** The lease of a URI's {@code lease} parameter: whole seconds, 1 to {@link #MAX_LEASE}. */
  static Duration lease(String seconds) {
    if (seconds.isEmpty() || seconds.length() > 6 || !seconds.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw leaseRule("'" + UriMask.mask(seconds) + "'");
    }
    Duration lease = Duration.ofSeconds(Long.parseLong(seconds));
    if (lease.isZero() || lease.compareTo(MAX_LEASE) > 0) {
      throw leaseRule(seconds);
    }
    return lease;
  }

  private static InvalidLimitsStoreException leaseRule(String was) {
    // a lease of 0 would make every permit expire at once: the cap on parallel requests across processes gone
    return new InvalidLimitsStoreException("lease", "must be whole seconds from 1 to " + MAX_LEASE.toSeconds()
        + " (how long a permit of a process that died stays taken), was " + (was.length() > 20
        ? was.substring(0, 20) + "..." : was));
  }

  /** Fails at once while a command failed less than {@link #FAIL_FAST} ago. */
  private void available() {
    if (System.nanoTime() - failingUntil < 0) {
      throw new RedisStoreException("not used for " + FAIL_FAST.toMillis() + " ms after a failure: " + lastFailure);
    }
  }

  /** Trips fail-fast; the failure as the store's own exception (a Lettuce one becomes its cause). */
  private RedisStoreException failed(Throwable failure) {
    lastFailure = failure.getClass().getSimpleName();
    failingUntil = System.nanoTime() + FAIL_FAST.toNanos();
    return failure instanceof RedisStoreException own ? own : new RedisStoreException(lastFailure
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()), failure);
  }

  /** One of the store's own commands, failing fast and tripping the others when it fails. */
  private <T> T command(Supplier<T> command) {
    available();
    try {
      return command.get();
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /** A script by its digest; once more in full when Redis no longer has it (which loads it again). */
  private Object script(String script, String sha, ScriptOutputType type, String[] keys, byte[]... args) {
    return command(() -> {
      try {
        return commands.evalsha(sha, type, keys, args);
      } catch (RedisNoScriptException e) {
        return commands.eval(bytes(script), type, keys, args);
      }
    });
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] number(long value) {
    return bytes(Long.toString(value));
  }

  @Override
  public QuotaBucket bucket(String key, QuotaBucket.Shape shape, LongSupplier wallClockNanos) {
    if (shape.capacity() > MAX_TOKENS) {
      // refused here, not counted wrong in Lua's doubles: the limiter carries on with its local bucket
      throw new RedisStoreException("a bucket of more than 2^52 tokens");
    }
    return new RedisBucket(PREFIX + key, shape, wallClockNanos);
  }

  /** A bucket in Redis: every step one run of {@link #LIMITS}. */
  private final class RedisBucket implements QuotaBucket {
    private final String key;
    private final Shape shape;
    private final LongSupplier clock;
    private final byte[] capacity;
    private final byte[] refillTokens;
    private final byte[] refillNanos;
    private final byte[] alignedMicros;
    private final byte[] ttlMillis;
    /** The longest wait an honest script can answer for a take of up to the capacity: a refill from empty, plus
     *  the time another process's clock may be ahead. */
    private final long maxWaitMicros;

    RedisBucket(String key, Shape shape, LongSupplier clock) {
      this.key = key;
      this.shape = shape;
      this.clock = clock;
      this.capacity = number(shape.capacity());
      this.refillTokens = number(shape.refillTokens());
      this.refillNanos = number(shape.refillPeriod().toNanos());
      long periodMicros = shape.refillPeriod().toNanos() / 1000;
      // any instant of the aligned refills, brought near the epoch so that it fits Lua's doubles exactly
      this.alignedMicros = number(shape.alignedTo() == null ? -1 : Math.floorMod(
          shape.alignedTo().getEpochSecond() * 1_000_000L + shape.alignedTo().getNano() / 1000, Math.max(1,
              periodMicros)));
      long fill = shape.timeToFill().toMillis();
      this.ttlMillis = number(Math.min(fill, Duration.ofDays(3660).toMillis()) + BUCKET_MARGIN.toMillis());
      this.maxWaitMicros = Math.min(fill, Duration.ofDays(3660).toMillis()) * 1000 + 1000 + MAX_AHEAD.toNanos() / 1000;
    }

    private Answer step(int step, long tokens) {
      if (tokens < 0 || tokens > MAX_TOKENS) {
        throw new IllegalArgumentException("tokens must be 0 to 2^52, was " + tokens);
      }
      return answer(script(LIMITS, LIMITS_SHA, ScriptOutputType.MULTI, new String[] {key},
          args(this, step, tokens, number(0))), this, step, tokens, false);
    }

    @Override
    public Probe tryConsume(long tokens) {
      Answer answer = step(TAKE, tokens);
      return new Probe(answer.status() == DONE, answer.tokens(), answer.status() == DONE ? 0 : answer.third() * 1000);
    }

    @Override
    public long consumeUpTo(long tokens) {
      return step(TAKE_UP_TO, Math.min(tokens, MAX_TOKENS)).third();
    }

    @Override
    public void addTokens(long tokens) {
      step(GIVE_BACK, Math.min(tokens, MAX_TOKENS));
    }

    @Override
    public long available() {
      return step(LOOK, 0).tokens();
    }
  }

  /** What {@link #LIMITS} answered, checked. */
  private record Answer(long status, long tokens, long third, byte[] value) {
  }

  /**
   * The script's answer if it is one the script can give for this step; anything else (not a list of three numbers
   * and a value, a status it has no reason for, more tokens than the bucket holds, a negative or endless wait) is a
   * failure of the store.
   */
  private Answer answer(Object reply, RedisBucket bucket, int step, long tokens, boolean permits) {
    if (!(reply instanceof List<?> list) || list.size() != 4 || !(list.get(0) instanceof Long status)
        || !(list.get(1) instanceof Long left) || !(list.get(2) instanceof Long third)
        || !(list.get(3) == null || list.get(3) instanceof byte[])) {
      throw failed(new RedisStoreException("the limits script answered " + kind(reply)));
    }
    long capacity = bucket == null ? 0 : bucket.shape.capacity();
    boolean valid = switch ((int) Math.max(-1, Math.min(3, status))) {
      case (int) DONE -> left >= 0 && left <= capacity && (step == TAKE_UP_TO ? third >= 0 && third <= tokens
          : third == 0);
      case (int) REFUSED -> step == TAKE && left >= 0 && left < Math.min(tokens, capacity + 1) && third >= 0
          && third <= bucket.maxWaitMicros && list.get(3) == null;
      case (int) BUSY -> permits && left == 0 && third == 0 && list.get(3) == null;
      default -> false;
    };
    if (!valid) {
      throw failed(new RedisStoreException("the limits script answered status " + status + ", " + left
          + " tokens and " + third + " (out of range)"));
    }
    return new Answer(status, left, third, (byte[]) list.get(3));
  }

  @Override
  public Admission admit(QuotaBucket bucket, long tokens, List<PermitRequest> permits, String valueKey)
      throws InterruptedException {
    if (bucket != null && !(bucket instanceof RedisBucket)) {
      return LimiterStore.super.admit(bucket, tokens, permits, valueKey); // not one of this store's: step by step
    }
    available();
    RedisBucket ours = (RedisBucket) bucket;
    if (tokens < 0 || tokens > MAX_TOKENS) {
      throw new IllegalArgumentException("tokens must be 0 to 2^52, was " + tokens);
    }
    // this process's callers waiting in turn for a permit go first: only a turn free at once is taken
    Admission inTurn = turns.admit(null, 0, permits, null);
    if (!inTurn.admitted()) {
      return Admission.refused();
    }
    boolean admitted = false;
    try {
      int sets = permits.size();
      int b = ours == null ? 0 : 1;
      String[] keys = new String[b + sets + (valueKey == null ? 0 : 1)];
      if (ours != null) {
        keys[0] = ours.key;
      }
      long[] caps = new long[sets];
      for (int i = 0; i < sets; i++) {
        keys[b + i] = PREFIX + permits.get(i).account();
        caps[i] = permits.get(i).maxInFlight();
      }
      if (valueKey != null) {
        keys[keys.length - 1] = PREFIX + valueKey;
      }
      byte[] holder = bytes(holderPrefix + holders.incrementAndGet());
      Answer answer = answer(script(LIMITS, LIMITS_SHA, ScriptOutputType.MULTI, keys,
          args(ours, TAKE, tokens, holder, caps)), ours, ours == null ? NONE : TAKE, tokens, sets > 0);
      if (answer.status() != DONE) {
        return Admission.refused();
      }
      List<Permit> taken = new ArrayList<>(sets);
      for (int i = 0; i < sets; i++) {
        taken.add(permit(keys[b + i], holder, inTurn.permits().get(i)));
      }
      admitted = true;
      return Admission.admitted(answer.tokens(), answer.value() == null ? null
          : new String(answer.value(), StandardCharsets.UTF_8), taken);
    } finally {
      if (!admitted) {
        Permit.releaseAll(inTurn.permits());
      }
    }
  }

  /**
   * The arguments of a run of {@link #LIMITS} (see its KEYS and ARGV): {@code bucket}'s {@code step} of
   * {@code tokens} on its caller's clock, or zeros without a bucket; then one permit set per cap of {@code caps},
   * leased to {@code holder}.
   */
  private byte[][] args(RedisBucket bucket, int step, long tokens, byte[] holder, long... caps) {
    byte[][] args = new byte[11 + caps.length][];
    if (bucket == null) {
      Arrays.fill(args, 0, 8, number(0));
    } else {
      args[0] = number(step);
      args[1] = number(tokens);
      args[2] = number(Math.floorDiv(bucket.clock.getAsLong(), 1000));
      args[3] = bucket.capacity;
      args[4] = bucket.refillTokens;
      args[5] = bucket.refillNanos;
      args[6] = bucket.alignedMicros;
      args[7] = bucket.ttlMillis;
    }
    args[8] = number(caps.length);
    args[9] = number(lease.toMillis());
    args[10] = holder;
    for (int i = 0; i < caps.length; i++) {
      args[11 + i] = number(caps[i]);
    }
    return args;
  }

  /**
   * A permit held in Redis under {@code key}: given back without waiting for Redis's answer (a failure shows on the
   * next command; the lease gives it back anyway), then the process's turn.
   */
  private Permit permit(String key, byte[] holder, Permit turn) {
    return () -> {
      try {
        available();
        async.zrem(key, holder).whenComplete((removed, failure) -> {
          if (failure != null) {
            failed(failure);
          }
        });
      } finally {
        turn.release();
      }
    };
  }

  @Override
  public String get(String key) {
    byte[] value = command(() -> commands.get(PREFIX + key));
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    command(() -> commands.set(PREFIX + key, bytes(value), SetArgs.Builder.px(ttl.toMillis())));
  }

  @Override
  public long raise(String key, long value, Duration ttl) {
    Object rise = script(RAISE, RAISE_SHA, ScriptOutputType.INTEGER, new String[] {PREFIX + key},
        number(value), number(ttl.toMillis()));
    if (!(rise instanceof Long risen) || risen < 0 || risen > value) {
      throw failed(new RedisStoreException("the raise script answered " + kind(rise)));
    }
    return risen;
  }

  @Override
  public Permit acquire(String account, int maxInFlight, Duration maxWait) throws InterruptedException {
    available();
    long deadline = System.nanoTime() + Math.max(0, maxWait.toNanos());
    Permit turn = turns.acquire(account, maxInFlight, maxWait);
    if (turn == null) {
      return null;
    }
    String key = PREFIX + account;
    try {
      long pause = 1;
      while (true) {
        byte[] holder = bytes(holderPrefix + holders.incrementAndGet());
        Answer answer = answer(script(LIMITS, LIMITS_SHA, ScriptOutputType.MULTI, new String[] {key},
            args(null, NONE, 0, holder, maxInFlight)), null, NONE, 0, true);
        if (answer.status() == DONE) {
          return permit(key, holder, turn);
        }
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) - deadline > 0) {
          turn.release();
          return null;
        }
        Thread.sleep(pause); // all permits are held by other processes: look again shortly
        pause = Math.min(pause * 2, 16);
      }
    } catch (RuntimeException | InterruptedException e) {
      turn.release();
      throw e;
    }
  }

  private static String kind(Object reply) {
    return reply == null ? "nothing" : reply instanceof Long number ? "the number " + number
        : reply instanceof List<?> list ? "a list of " + list.size() : "a " + reply.getClass().getSimpleName();
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    connection.close();
    shutdown();
  }

  private void shutdown() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    resources.shutdown(0, 1, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "RedisLimiterStore(" + description + ")";
  }
}
