package com.marketplacecontracts.limits.redis;

import com.marketplacecontracts.core.internal.Text;
import com.marketplacecontracts.core.internal.error.UriMask;
import com.marketplacecontracts.core.http.CheckpointRecordException;
import com.marketplacecontracts.core.http.CheckpointRefusedException;
import com.marketplacecontracts.core.http.CheckpointStore;
import com.marketplacecontracts.core.http.FileCheckpointStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A job's checkpoint in Redis, for jobs whose limits are shared there: another process can take the job over. The
 * header is a string, the records a list appended with {@code RPUSH} (at most {@link #MAX_RECORDS}), and the job is
 * held by a lease ({@code SET NX PX}) that a background thread renews every third of its length while the job runs.
 * A process that stops (crash, {@code kill -9}) stops renewing: once its lease lapses, another process's
 * {@link #open} takes the job and continues from its records; the first, should it come back, can no longer append
 * (each append checks the lease in the same script) and gets an {@link IllegalStateException}.
 *
 * <p>Records are durable as the Redis server is configured to keep writes ({@code appendonly yes},
 * {@code appendfsync always} for the same guarantee as the file store's {@code fsync}). Replies are read as untrusted:
 * every connection has the {@link ReplyGuard}, a reply of the wrong kind (a nil, a status or a list where a number is
 * due) is a {@link RedisStoreException}, a record that is not one line of at most {@link CheckpointStore#MAX_RECORD}
 * characters is left out, and an {@link #open} reads at most {@link #MAX_CHARS} characters of records. A job that
 * may not use the checkpoint (another job's, too large, held) is refused with a {@link CheckpointRefusedException}.
 */
public final class RedisCheckpointStore implements CheckpointStore {

  /**
   * The most records a job's list may hold (a 300,000-item job of 500-item chunks has about 1,200, some 5 MB with
   * the digests that tie each record to its items).
   */
  public static final long MAX_RECORDS = 200_000;
  /** The most characters of records an open reads: as much as the file store reads ({@value}). */
  public static final long MAX_CHARS = FileCheckpointStore.MAX_BYTES;
  /** Records read a command (each at most MAX_RECORD characters: the reply stays under the guard's 1 MB). */
  static final int PAGE = 50;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then"
      + " return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
  private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then"
      + " return redis.call('del', KEYS[1]) else return 0 end";
  /** Appends ARGV[3..] when the lease is still this holder's and the list stays within ARGV[2] records. */
  private static final String APPEND = "if redis.call('get', KEYS[1]) ~= ARGV[1] then return -1 end"
      + " if redis.call('llen', KEYS[2]) + #ARGV - 2 > tonumber(ARGV[2]) then return -2 end"
      + " for i = 3, #ARGV do redis.call('rpush', KEYS[2], ARGV[i]) end"
      + " return redis.call('llen', KEYS[2])";

  private final String description;
  private final String leaseKey;
  private final String headerKey;
  private final String recordsKey;
  private final Duration lease;
  private final String token = UUID.randomUUID().toString();
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> commands;
  private final ScheduledExecutorService renewer;
  private volatile boolean held;
  private volatile String lost;

  /**
   * A checkpoint named {@code job} (1 to 128 of {@code [A-Za-z0-9._:-]}) in the Redis at {@code redisUri}, held by a
   * lease of {@code lease} (1 s to 1 hour).
   *
   * @throws IllegalArgumentException when the URI, job name or lease is out of range (the URI's password never
   *     quoted)
   * @throws RedisException when Redis cannot be reached within 5 s
   */
  public RedisCheckpointStore(String redisUri, String job, Duration lease) {
    Objects.requireNonNull(redisUri, "redisUri");
    if (job == null || !job.matches("[A-Za-z0-9._:-]{1,128}")) {
      throw new IllegalArgumentException("the job name must be 1 to 128 of [A-Za-z0-9._:-]");
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("the lease must be 1 second to 1 hour, was " + lease.toMillis() + " ms");
    }
    RedisURI uri;
    try {
      uri = RedisURI.create(redisUri);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a Redis URI (redis://[[user]:password@]host[:port][/db]): "
          + UriMask.mask(redisUri));
    }
    uri.setTimeout(CONNECT_TIMEOUT);
    this.lease = lease;
    String prefix = "mc:checkpoint:" + job + ":";
    this.leaseKey = prefix + "lease";
    this.headerKey = prefix + "header";
    this.recordsKey = prefix + "records";
    this.description = (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort()
        + (uri.getDatabase() == 0 ? "" : "/" + uri.getDatabase()) + " " + prefix + "*";
    this.resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1)
        .nettyCustomizer(new NettyCustomizer() {
          @Override
          public void afterChannelInitialized(Channel channel) {
            ReplyGuard.install(channel);
          }
        }).build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT)).build());
    try {
      this.connection = client.connect();
    } catch (RuntimeException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
      throw new RedisStoreException("cannot reach " + description + ": " + e.getClass().getSimpleName());
    }
    this.commands = connection.sync();
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "checkpoint-lease " + job);
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public synchronized List<String> open(String header) {
    CheckpointRecordException.check(header);
    if (held) {
      throw new IllegalStateException("checkpoint " + description + " is already open");
    }
    String taken = typed(() -> commands.set(leaseKey, token, SetArgs.Builder.nx().px(lease.toMillis())));
    if (!"OK".equals(taken)) {
      throw new CheckpointRefusedException("checkpoint " + description + " is held by another running job (its lease"
          + " lapses within " + lease.toSeconds() + " s of its last renewal)", null);
    }
    held = true;
    lost = null;
    try {
      typed(() -> commands.set(headerKey, header, SetArgs.Builder.nx()));
      String found = typed(() -> commands.get(headerKey));
      if (!header.equals(found)) {
        String shown = found == null ? "none" : Text.cut(found, 200, Text.MORE);
        throw new CheckpointRefusedException("checkpoint " + description + " was written for another input ("
            + shown + "), this one is " + header, found == null ? null : shown);
      }
      Long size = typed(() -> commands.llen(recordsKey));
      if (size == null || size < 0) {
        throw new RedisStoreException(description + " answered LLEN with " + (size == null ? "nil" : size));
      }
      if (size > MAX_RECORDS) {
        throw new CheckpointRefusedException("checkpoint " + description + " holds more than " + MAX_RECORDS
            + " records: refused", null);
      }
      List<String> records = new ArrayList<>();
      long chars = 0;
      for (long from = 0; from < size; from += PAGE) {
        long start = from;
        List<String> page = typed(() -> commands.lrange(recordsKey, start, start + PAGE - 1));
        long expected = Math.min(PAGE, size - from);
        if (page == null || page.size() != expected) {
          // the lease keeps other writers out: a page that is not what LLEN said is a reply of the wrong kind
          throw new RedisStoreException(description + " answered LRANGE with " + (page == null ? "nil"
              : page.size() + " records where LLEN said " + expected));
        }
        for (String record : page) {
          if (record != null && record.length() <= MAX_RECORD && !record.isEmpty() && record.indexOf('\n') < 0
              && record.indexOf('\r') < 0) {
            chars += record.length() + 1;
            if (chars > MAX_CHARS) {
              throw new CheckpointRefusedException("checkpoint " + description + " holds more than " + MAX_CHARS
                  + " characters of records: refused", null);
            }
            records.add(record);
          }
        }
      }
      long every = Math.max(100, lease.toMillis() / 3);
      renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
      return List.copyOf(records);
    } catch (RuntimeException e) {
      release();
      throw e;
    }
  }

  /** Extends the lease if it is still this holder's; notes its loss otherwise (the next append fails). */
  private void renew() {
    try {
      Object renewed = commands.eval(RENEW, ScriptOutputType.INTEGER, new String[] {leaseKey}, token,
          Long.toString(lease.toMillis()));
      if (!(renewed instanceof Long n) || n != 1L) {
        lost = "the lease lapsed and another process may have taken the job over";
      }
    } catch (RuntimeException e) {
      // Redis unreachable for a moment: the next renewal tries again, an append in between fails by itself
    }
  }

  @Override
  public synchronized void append(List<String> records) {
    if (!held) {
      throw new IllegalStateException("checkpoint " + description + " is not open");
    }
    if (records.isEmpty()) {
      return;
    }
    records.forEach(CheckpointRecordException::check);
    String[] args = new String[records.size() + 2];
    args[0] = token;
    args[1] = Long.toString(MAX_RECORDS);
    for (int i = 0; i < records.size(); i++) {
      args[i + 2] = records.get(i);
    }
    Object answer = typed(() -> commands.eval(APPEND, ScriptOutputType.INTEGER, new String[] {leaseKey, recordsKey},
        args));
    if (!(answer instanceof Long n)) {
      throw new RedisStoreException("an append to " + description + " was answered with a reply of the wrong kind");
    }
    if (n == -1L) {
      lost = "the lease is another process's";
      throw new IllegalStateException("checkpoint " + description + ": " + lost + " (it took the job over after"
          + " this one stopped renewing); this run must stop");
    }
    if (n == -2L) {
      throw new IllegalStateException("checkpoint " + description + " would hold more than " + MAX_RECORDS
          + " records");
    }
  }

  /**
   * Runs a command; a failure (an error reply, a refused or missing reply, a reply of the wrong kind that the client
   * library fails to decode — a cast, a number that is none, a nil where a value is due) is typed.
   */
  private <T> T typed(java.util.function.Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisStoreException e) {
      throw e;
    } catch (RedisException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new RedisStoreException(description + ": " + UriMask.mask(Text.cut(message, 200, "")));
    } catch (RuntimeException e) {
      // whatever the library made of a reply it could not decode: never its own exception
      throw new RedisStoreException(description + " answered with a reply of the wrong kind ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /** Stops renewing without letting the lease go, as a process that died would: for tests of a take-over. */
  void abandon() {
    renewer.shutdownNow();
    held = false;
  }

  /** For tests: as a process that comes back after its lease lapsed, believing it still holds the job. */
  void held(boolean held) {
    this.held = held;
  }

  private void release() {
    held = false;
    try {
      commands.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {leaseKey}, token);
    } catch (RuntimeException e) {
      // the lease lapses by itself
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public synchronized void close() {
    renewer.shutdownNow();
    if (held) {
      release();
    }
    shutdown();
  }

  private void shutdown() {
    try {
      connection.close();
    } catch (RuntimeException e) {
      // closing anyway
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "RedisCheckpointStore(" + description + ")";
  }
}
