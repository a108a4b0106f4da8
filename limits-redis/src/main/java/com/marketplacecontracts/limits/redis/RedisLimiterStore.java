package com.marketplacecontracts.limits.redis;

import com.marketplacecontracts.core.internal.error.UriMask;
import com.marketplacecontracts.core.ratelimit.InvalidLimitsStoreException;
import com.marketplacecontracts.core.ratelimit.LimiterStore;
import com.marketplacecontracts.core.internal.ratelimit.LocalLimiterStore;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
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
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The limiter's state in Redis, shared by every process that uses the same account: quota buckets are Bucket4j
 * distributed buckets (compare-and-swap over Lettuce); the parallel cap is a sorted set of leased permits per account
 * whose scores are their expiry in Redis's own clock, so the permits of a process that dies come back when their
 * lease runs out; the values the limiter learns from the server are plain keys with a time to live.
 *
 * <p>Inside one process, waiting callers queue on a fair semaphore first (first come, first served), then take a
 * permit in Redis, polling briefly while all are held elsewhere.
 *
 * <p>A store must never hold a call longer than the limiter would: connecting has a deadline of
 * {@link #CONNECT_TIMEOUT} and every command one of {@link #COMMAND_TIMEOUT}, far below a call's timeout (3 minutes
 * by default); commands fail at once while disconnected; and once a command has failed, every command fails at once
 * for {@link #FAIL_FAST} (callers already queued for a permit included), so
 * the limiter falls back to its local state without each caller finding out on its own. Replies are read through a
 * {@link ReplyGuard}: one no store command could need (a 200 MB bulk string, a billion elements) closes the
 * connection instead of filling memory, and a reply of the wrong kind is a failure, never a value.
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
  /** Compare-and-swap misses in a row that no contention explains: a Redis answering "no" to everything. */
  private static final int MAX_CAS_MISSES = 1_000;
  private static final String PREFIX = "marketplace-contracts:limits:";

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
  // KEYS[1] a counter; ARGV: value, ttl ms. Returns how much it rose. Anything but up to 18 digits (another
  // writer's garbage, 1e999) counts as 0, so a bad value is replaced rather than failing every raise until it expires.
  private static final String RAISE = """
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

  private final String description;
  private final Duration lease;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisCommands<String, byte[]> commands;
  private final ProxyManager<Object> buckets;
  private final LocalLimiterStore turns = new LocalLimiterStore(TimeMeter.SYSTEM_NANOTIME);
  private final AtomicInteger casMisses = new AtomicInteger();
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
    this.buckets = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(guarded(connection.async()))
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

  /**
   * Bucket4j's commands, failing fast like the store's own and counting compare-and-swap misses. Keyed by Object:
   * Bucket4j hands its keys over in an {@code Object[]}.
   */
  private RedisApi<Object> guarded(RedisAsyncCommands<String, byte[]> async) {
    return new RedisApi<>() {
      @Override
      public <V> RedisFuture<V> eval(String script, ScriptOutputType type, Object[] keys, byte[][] args) {
        available();
        if (casMisses.get() >= MAX_CAS_MISSES) {
          casMisses.set(0);
          throw failed(new RedisStoreException("compare-and-swap refused " + MAX_CAS_MISSES + " times in a row"));
        }
        String[] names = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
          names[i] = (String) keys[i];
        }
        RedisFuture<V> future = async.eval(script, type, names, args);
        future.whenComplete((result, failure) -> {
          if (failure != null) {
            failed(failure);
          } else if (Boolean.TRUE.equals(result)) {
            casMisses.set(0);
          } else {
            casMisses.incrementAndGet();
          }
        });
        return future;
      }

      @Override
      public RedisFuture<byte[]> get(Object key) {
        available();
        RedisFuture<byte[]> future = async.get((String) key);
        future.whenComplete((result, failure) -> {
          if (failure != null) {
            failed(failure);
          }
        });
        return future;
      }

      @Override
      public RedisFuture<?> delete(Object key) {
        available();
        return async.del((String) key);
      }
    };
  }

  /** Fails at once while a command failed less than {@link #FAIL_FAST} ago. */
  private void available() {
    if (System.nanoTime() - failingUntil < 0) {
      throw new RedisStoreException("not used for " + FAIL_FAST.toMillis() + " ms after a failure: " + lastFailure);
    }
  }

  private RuntimeException failed(Throwable failure) {
    lastFailure = failure.getClass().getSimpleName();
    failingUntil = System.nanoTime() + FAIL_FAST.toNanos();
    return failure instanceof RuntimeException runtime ? runtime : new RedisStoreException(lastFailure);
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

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
    return buckets.builder().build(PREFIX + key, configuration);
  }

  @Override
  public String get(String key) {
    byte[] value = command(() -> commands.get(PREFIX + key));
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    command(() -> commands.psetex(PREFIX + key, ttl.toMillis(), bytes(value)));
  }

  @Override
  public long raise(String key, long value, Duration ttl) {
    Object rise = command(() -> commands.eval(RAISE, ScriptOutputType.INTEGER, new String[] {PREFIX + key},
        bytes(Long.toString(value)), bytes(Long.toString(ttl.toMillis()))));
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
    byte[] holder = bytes(UUID.randomUUID().toString());
    try {
      long pause = 1;
      while (true) {
        Object taken = command(() -> commands.eval(ACQUIRE, ScriptOutputType.INTEGER, new String[] {key},
            bytes(Integer.toString(maxInFlight)), bytes(Long.toString(lease.toMillis())), holder));
        if (Long.valueOf(1).equals(taken)) {
          return () -> {
            try {
              command(() -> commands.zrem(key, holder));
            } finally {
              turn.release();
            }
          };
        }
        if (!Long.valueOf(0).equals(taken)) {
          // never "all taken" for an answer that is not one: a caller would wait for a permit that never comes
          throw failed(new RedisStoreException("the permit script answered " + kind(taken)));
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
        : "a " + reply.getClass().getSimpleName();
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
