package com.marketplacecontracts.limits.redis;

import com.marketplacecontracts.core.error.UriMask;
import com.marketplacecontracts.core.ratelimit.InvalidLimitsStoreException;
import com.marketplacecontracts.core.ratelimit.LimiterStore;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.time.Instant;

/**
 * The limiter's state in Redis, shared by every process that uses the same account: quota buckets are Bucket4j
 * distributed buckets (compare-and-swap over Lettuce); the parallel cap is a sorted set of leased permits per account
 * whose scores are their expiry in Redis's own clock, so the permits of a process that dies come back when their
 * lease runs out; the values the limiter learns from the server are plain keys with a time to live.
 *
 * <p>Inside one process, waiting callers queue on a fair semaphore first (first come, first served), then take a
 * permit in Redis, polling briefly while all are held elsewhere. Commands time out after a second and fail at once
 * while disconnected, so the limiter can fall back to its local state without holding calls.
 */
public final class RedisLimiterStore implements LimiterStore {

  /** How long a permit may be held before Redis gives it back on its own. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  /** The longest lease: a permit of a process that died stays taken that long. */
  public static final Duration MAX_LEASE = Duration.ofDays(1);
  private static final String PREFIX = "marketplace-contracts:limits:";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

  // KEYS[1] permits of an account; ARGV: max, lease ms, holder id. Expired leases are dropped first.
  private static final String ACQUIRE = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
      if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
        return 1
      end
      return 0
      """;
  // KEYS[1] a counter; ARGV: value, ttl ms. Returns how much it rose.
  private static final String RAISE = """
      local current = tonumber(redis.call('GET', KEYS[1]) or '0')
      local value = tonumber(ARGV[1])
      if value > current then
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return value - current
      end
      return 0
      """;

  private final String description;
  private final Duration lease;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final StatefulRedisConnection<String, byte[]> bucketConnection;
  private final RedisCommands<String, String> commands;
  private final ProxyManager<String> buckets;
  private final Map<String, Semaphore> local = new ConcurrentHashMap<>();

  /**
   * Connects to {@code redisUri} (Lettuce's URI syntax: {@code redis://[password@]host:port[/database]}).
   *
   * @param lease how long a permit may be held before Redis gives it back, 1 second to {@link #MAX_LEASE}
   * @throws InvalidLimitsStoreException when the URI is not a Redis URI or the lease is out of range
   * @throws io.lettuce.core.RedisException when Redis cannot be reached
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
    uri.setTimeout(COMMAND_TIMEOUT);
    this.description = (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort()
        + (uri.getDatabase() == 0 ? "" : "/" + uri.getDatabase());
    this.lease = lease;
    this.client = RedisClient.create(uri);
    client.setOptions(ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .build());
    try {
      this.connection = client.connect();
      this.bucketConnection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    } catch (RuntimeException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      throw e;
    }
    this.commands = connection.sync();
    this.buckets = Bucket4jLettuce.casBasedBuilder(bucketConnection)
        .clientClock(WALL_CLOCK)
        .requestTimeout(COMMAND_TIMEOUT)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(5)))
        .build();
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

  /** Bucket4j time for distributed buckets: the wall clock, the one all processes share. */
  private static final TimeMeter WALL_CLOCK = new TimeMeter() {
    @Override
    public long currentTimeNanos() {
      Instant now = Instant.now();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  };

  @Override
  public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
    return buckets.builder().build(PREFIX + key, configuration);
  }

  @Override
  public String get(String key) {
    return commands.get(PREFIX + key);
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    commands.psetex(PREFIX + key, ttl.toMillis(), value);
  }

  @Override
  public long raise(String key, long value, Duration ttl) {
    Long rise = commands.eval(RAISE, ScriptOutputType.INTEGER, new String[] {PREFIX + key},
        Long.toString(value), Long.toString(ttl.toMillis()));
    return rise == null ? 0 : rise;
  }

  @Override
  public Permit acquire(String account, int maxInFlight, Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(0, maxWait.toNanos());
    Semaphore turn = local.computeIfAbsent(account, k -> new Semaphore(maxInFlight, true));
    if (!turn.tryAcquire(Math.max(0, maxWait.toNanos()), TimeUnit.NANOSECONDS)) {
      return null;
    }
    String key = PREFIX + account;
    String holder = UUID.randomUUID().toString();
    try {
      long pause = 1;
      while (true) {
        Long taken = commands.eval(ACQUIRE, ScriptOutputType.INTEGER, new String[] {key},
            Integer.toString(maxInFlight), Long.toString(lease.toMillis()), holder);
        if (taken != null && taken == 1) {
          return () -> {
            try {
              commands.zrem(key, holder);
            } finally {
              turn.release();
            }
          };
        }
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
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

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    bucketConnection.close();
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }

  @Override
  public String toString() {
    return "RedisLimiterStore(" + description + ")";
  }
}
