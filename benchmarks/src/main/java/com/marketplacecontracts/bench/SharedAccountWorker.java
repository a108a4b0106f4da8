package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.OperationType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import com.marketplacecontracts.core.operation.ClientEvents;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One of the processes of {@link LimitsRun}'s shared-account run, in its own JVM. Arguments: server URL, limits store
 * URI or {@code none}, quota per window, window millis, threads. Prints {@code ready} once warmed up, then reads
 * {@code start end} (epoch millis) from stdin, calls getOperations of business 1 as fast as its limiter allows between
 * them, retries off, and prints {@code ok N rejected M store-unavailable K}.
 */
public final class SharedAccountWorker {

  private SharedAccountWorker() {
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String store = args[1];
    long quota = Long.parseLong(args[2]);
    long window = Long.parseLong(args[3]);
    int threads = Integer.parseInt(args[4]);
    YandexMarketClient.Builder builder = YandexMarketClient.builder().baseUrl(url).apiKey("bench-key")
        .retry(RetryConfig.none())
        .rateLimit(RateLimitConfig.fromSpec()
            .withQuota("getOperations", RateLimitConfig.Quota.requests(quota, Duration.ofMillis(window)))
            .withMaxWait(Duration.ofMinutes(1)));
    if (!store.equals("none")) {
      builder.limitsStore(store);
    }
    AtomicInteger storeDown = new AtomicInteger();
    builder.events(new ClientEvents() {
      @Override
      public void limiterStoreUnavailable(String name, String reason) {
        storeDown.incrementAndGet();
      }
    });
    YandexMarketClient client = builder.build();
    // a running replica: warmed up, and it has seen the server's windows (before the measured ones)
    client.operationStatuses(1L, OperationType.ORDER_STATUS_UPDATE, List.of("warm-up"));
    System.out.println("ready");
    System.out.flush();
    String[] times = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine()
        .split(" ");
    long start = Long.parseLong(times[0]);
    long end = Long.parseLong(times[1]);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    Thread.sleep(Math.max(0, start - System.currentTimeMillis()));
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        while (System.currentTimeMillis() < end) {
          try {
            client.operationStatuses(1L, OperationType.ORDER_STATUS_UPDATE, List.of("op"));
            ok.incrementAndGet();
          } catch (RateLimitedException e) {
            rejected.incrementAndGet();
          }
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.println("ok " + ok.get() + " rejected " + rejected.get() + " store-unavailable " + storeDown.get());
    System.exit(0);
  }
}
