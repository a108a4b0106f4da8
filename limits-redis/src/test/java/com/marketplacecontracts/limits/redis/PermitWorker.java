package com.marketplacecontracts.limits.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in its own JVM by the tests. {@code hold URI ACCOUNT N LEASE}: takes N permits with that lease, prints
 * {@code held} and waits to be killed. {@code share URI ACCOUNT N THREADS ROUNDS}: threads take permits and, while
 * holding one, count themselves in a Redis counter shared by all processes; prints the highest count seen.
 */
public final class PermitWorker {

  private PermitWorker() {
  }

  /**
   * The store, tried up to 5 times: three JVMs starting at once on a loaded machine can outlast the 1 s connect
   * deadline, which is not what these tests are about.
   */
  private static RedisLimiterStore open(String uri, Duration lease) {
    for (int attempt = 1; ; attempt++) {
      try {
        return new RedisLimiterStore(uri, lease);
      } catch (RuntimeException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String uri = args[1];
    String account = args[2];
    int max = Integer.parseInt(args[3]);
    if (mode.equals("hold")) {
      RedisLimiterStore store = open(uri, Duration.ofSeconds(Long.parseLong(args[4])));
      for (int i = 0; i < max; i++) {
        if (store.acquire(account, max, Duration.ofSeconds(5)) == null) {
          throw new IllegalStateException("no permit");
        }
      }
      System.out.println("held");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
      return;
    }
    int threads = Integer.parseInt(args[4]);
    int rounds = Integer.parseInt(args[5]);
    RedisLimiterStore store = open(uri, Duration.ofSeconds(30));
    RedisClient client = RedisClient.create(uri);
    StatefulRedisConnection<String, String> connection = client.connect();
    RedisCommands<String, String> redis = connection.sync();
    AtomicLong highest = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        RedisCommands<String, String> own = client.connect().sync();
        for (int r = 0; r < rounds; r++) {
          try {
            var permit = store.acquire(account, max, Duration.ofSeconds(30));
            if (permit == null) {
              throw new IllegalStateException("no permit in 30 s");
            }
            long now = own.incr("in-flight");
            highest.accumulateAndGet(now, Math::max);
            Thread.sleep(1); // "the request"
            own.decr("in-flight");
            permit.release();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.println("highest " + highest.get());
    connection.close();
    store.close();
    client.shutdown();
  }
}
