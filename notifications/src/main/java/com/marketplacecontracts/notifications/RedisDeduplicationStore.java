package com.marketplacecontracts.notifications;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Objects;

/**
 * Keys shared by every receiver instance through Redis ({@code SET key 1 NX PX window}: atomic, expiring by
 * itself). Needs {@code io.lettuce:lettuce-core} on the class path (an optional dependency of this module). Each
 * command waits at most {@code timeout} (default 300 ms): a hanging Redis costs an answer that much, never the
 * marketplace's deadline, and the receiver then treats the event as new (at least once) and reports it.
 */
public final class RedisDeduplicationStore implements DeduplicationStore {

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> commands;
  private final String prefix;

  private RedisDeduplicationStore(String uri, String prefix, Duration timeout) {
    RedisURI parsed;
    try {
      parsed = RedisURI.create(Objects.requireNonNull(uri, "uri"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("uri: not a redis:// or rediss:// URI");
    }
    parsed.setTimeout(timeout);
    this.client = RedisClient.create(parsed);
    client.setOptions(io.lettuce.core.ClientOptions.builder()
        .socketOptions(io.lettuce.core.SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
        .timeoutOptions(io.lettuce.core.TimeoutOptions.enabled(timeout)).build());
    try {
      this.connection = client.connect();
    } catch (RuntimeException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      // Typed and without the library's cause: its chain may carry the URI's credentials or the server's text.
      throw new IllegalStateException("redis at " + parsed.getHost() + ":" + parsed.getPort()
          + ": cannot connect (" + e.getClass().getSimpleName() + ")");
    }
    this.commands = connection.sync();
    this.prefix = prefix;
  }

  /**
   * Keys under {@code mc:notification:} with 300 ms per command.
   *
   * @throws IllegalStateException when Redis cannot be reached (the message names host and port only)
   */
  public static RedisDeduplicationStore connect(String uri) {
    return connect(uri, "mc:notification:", Duration.ofMillis(300));
  }

  public static RedisDeduplicationStore connect(String uri, String prefix, Duration timeout) {
    if (prefix == null || prefix.length() > 100) {
      throw new IllegalArgumentException("prefix: at most 100 characters");
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(2)) > 0) {
      throw new IllegalArgumentException("timeout: must be more than 0 and at most 2 s, was " + timeout);
    }
    return new RedisDeduplicationStore(uri, prefix, timeout);
  }

  @Override
  public boolean claim(String key, Duration window) {
    return "OK".equals(commands.set(prefix + key, "1", SetArgs.Builder.nx().px(window.toMillis())));
  }

  @Override
  public void release(String key) {
    commands.del(prefix + key);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }

  @Override
  public String toString() {
    return "RedisDeduplicationStore[" + prefix + "]";
  }
}
