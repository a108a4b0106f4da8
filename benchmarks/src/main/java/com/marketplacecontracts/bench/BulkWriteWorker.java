package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.day.BulkWrite;
import com.marketplacecontracts.yandex.day.PriceWrites;
import com.marketplacecontracts.yandex.model.CurrencyType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One price job of {@link BulkWriteRun} in a JVM of its own (so it can be killed, and its heap is the job's):
 * {@code URL CHECKPOINT ITEMS QUOTA_PER_SECOND [CHUNK]}. Prints {@code done accepted=A rejected=R notSent=N heapPeakMb=P
 * heapAfterGcMb=G} when the job ended.
 */
public final class BulkWriteWorker {

  private BulkWriteWorker() {
  }

  /** The benchmark's prices: offer {@code O-<n>} at a price of its own. */
  static List<PriceWrites.PriceUpdate> prices(int items) {
    List<PriceWrites.PriceUpdate> out = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      out.add(new PriceWrites.PriceUpdate("O-" + i, BigDecimal.valueOf(100 + i % 9000), CurrencyType.RUR, null));
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    int items = Integer.parseInt(args[2]);
    long quota = Long.parseLong(args[3]);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    BulkWrite.Report<PriceWrites.PriceUpdate> report;
    try (YandexMarketClient client = YandexMarketClient.builder().baseUrl(args[0]).apiKey("bench-key")
        .rateLimit(RateLimitConfig.fromSpec().withQuota("updatePrices", RateLimitConfig.Quota.items(quota,
            Duration.ofSeconds(1), "offers")).withMaxWait(Duration.ofMinutes(5))).build()) {
      report = PriceWrites.of(client, 7L, 9L, PriceWrites.Target.CAMPAIGN).job(prices(items))
          .checkpoint(Path.of(args[1])).parallel(4).chunkSize(args.length > 4 ? Integer.parseInt(args[4]) : 0).run();
    }
    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    sampler.interrupt();
    System.gc();
    long afterGc = memory.getHeapMemoryUsage().getUsed();
    System.out.printf("done accepted=%d rejected=%d notSent=%d heapPeakMb=%.1f heapAfterGcMb=%.1f%n",
        report.count(BulkWrite.State.ACCEPTED), report.count(BulkWrite.State.REJECTED),
        report.count(BulkWrite.State.NOT_SENT), peak.get() / 1048576.0, afterGc / 1048576.0);
  }
}
