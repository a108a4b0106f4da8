package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.paging.Pager;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.model.yandex.YandexMapper;
import com.marketplacecontracts.yandex.CatalogFilter;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.GetOfferMappingDTO;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;

/**
 * Pages through {@code total} offers of the business catalog (100 per page, the marketplace's maximum) from a
 * loopback server with the client's lazy pager, mapping each to a domain listing and dropping it, and records the
 * heap retained after a full GC at every page.
 */
final class PagingMemory {

  record Result(int offers, int pages, long baselineBytes, long peakRetainedGrowthBytes, long lastRetainedGrowthBytes,
      double seconds) {
  }

  private PagingMemory() {
  }

  static Result run(int total) {
    int pageSize = DecodeBenchmark.PAGE_SIZE;
    int pages = total / pageSize;
    String template = new String(CatalogPages.json(CatalogPages.page(pageSize, "__NEXT__", 3)),
        StandardCharsets.UTF_8);
    try (LoopbackServer server = new LoopbackServer(exchange -> {
      String query = exchange.getRequestURI().getQuery();
      int page = query != null && query.contains("pageToken=p") ? Integer.parseInt(
          query.substring(query.indexOf("pageToken=p") + "pageToken=p".length()).split("&")[0]) : 0;
      String next = page + 1 < pages ? "\"p" + (page + 1) + "\"" : "null";
      return new LoopbackServer.Answer(200, template.replace("\"__NEXT__\"", next).getBytes(StandardCharsets.UTF_8));
    })) {
      YandexMarketClient client = YandexMarketClient.builder().baseUrl(server.url()).apiKey("bench-key")
          .rateLimit(RateLimitConfig.disabled()).build();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long baseline = retained(memory);
      long peak = 0;
      long last = 0;
      int offers = 0;
      long started = System.nanoTime();
      Pager.PageIterator<GetOfferMappingDTO> iterator =
          client.catalog(1L, CatalogFilter.builder().pageSize(pageSize).build()).iterator();
      int seenPages = 0;
      while (iterator.hasNext()) {
        if (iterator.pagesFetched() != seenPages) {
          seenPages = iterator.pagesFetched();
          last = retained(memory) - baseline;
          peak = Math.max(peak, last);
        }
        if (YandexMapper.listing(iterator.next()).sellerSku() != null) {
          offers++;
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Result(offers, iterator.pagesFetched(), baseline, peak, last, seconds);
    }
  }

  private static long retained(MemoryMXBean memory) {
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
