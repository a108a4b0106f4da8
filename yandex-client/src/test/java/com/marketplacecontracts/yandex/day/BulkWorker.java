package com.marketplacecontracts.yandex.day;

import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.yandex.YandexMarketClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A price job in a process of its own, to be killed mid-write: {@code URL CHECKPOINT ITEMS QUOTA_PER_SECOND}. Prints
 * "done" when the whole job ended (it should not get there).
 */
public final class BulkWorker {

  private BulkWorker() {
  }

  public static void main(String[] args) {
    int items = Integer.parseInt(args[2]);
    long quota = Long.parseLong(args[3]);
    try (YandexMarketClient client = YandexMarketClient.builder().baseUrl(args[0]).apiKey("ACMA:worker-key")
        .rateLimit(RateLimitConfig.fromSpec().withQuota("updatePrices", RateLimitConfig.Quota.items(quota,
            Duration.ofSeconds(1), "offers"))).build()) {
      PriceWrites.of(client, 7L, 9L, PriceWrites.Target.CAMPAIGN).job(BulkWritesTest.prices(items, 1))
          .checkpoint(Path.of(args[1])).parallel(4).run();
    }
    System.out.println("done");
  }
}
