package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.http.ClientEvents;
import com.marketplacecontracts.core.http.ContractMismatch;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.guard.ContractGuard;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.yandex.YandexMapper;
import com.marketplacecontracts.yandex.YandexMarketClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the contract guard adds to a call: the full client call of a 10-offer page (23 kB) from a loopback server,
 * without the guard, with it checking every call, and with it checking one call in ten.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ContractGuardBenchmark {

  LoopbackServer server;
  YandexMarketClient plain;
  YandexMarketClient guarded;
  YandexMarketClient sampled;
  final AtomicLong mismatches = new AtomicLong();

  @Setup
  public void setUp() {
    byte[] page = OfferPages.json(OfferPages.page(10, null, 2));
    server = new LoopbackServer(exchange -> new LoopbackServer.Answer(200, page));
    ClientEvents counting = new ClientEvents() {
      @Override
      public void contractMismatch(ContractMismatch mismatch) {
        mismatches.incrementAndGet();
      }
    };
    plain = client(null, counting);
    guarded = client(ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).build(), counting);
    sampled = client(ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).sample(0.1).build(), counting);
  }

  private YandexMarketClient client(ContractGuard guard, ClientEvents events) {
    YandexMarketClient.Builder builder = YandexMarketClient.builder().baseUrl(server.url()).apiKey("bench-key")
        .rateLimit(RateLimitConfig.disabled()).events(events);
    if (guard != null) {
      builder.okHttpClient(new OkHttpClient.Builder().addInterceptor(guard).build());
    }
    return builder.build();
  }

  @TearDown
  public void tearDown() {
    plain.close();
    guarded.close();
    sampled.close();
    server.close();
    if (mismatches.get() > 0) {
      throw new IllegalStateException("the generated page differs from the spec: " + mismatches.get()
          + " mismatches reported; the guard's cost would include reporting them");
    }
  }

  @SuppressWarnings("deprecation")
  private static List<Listing> call(YandexMarketClient client) {
    return YandexMapper.listings(client.execute(client.offerMappings().getOfferMappingEntries(1L, null, null, 10,
        null, null, null, null, null, null)));
  }

  @Benchmark
  public List<Listing> fullClientCall() {
    return call(plain);
  }

  @Benchmark
  public List<Listing> fullClientCallGuardEveryCall() {
    return call(guarded);
  }

  @Benchmark
  public List<Listing> fullClientCallGuardOneInTen() {
    return call(sampled);
  }
}
