package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.guard.ContractGuard;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.BusinessOfferMappingsApi;
import com.marketplacecontracts.yandex.model.GetOfferMappingsRequest;
import com.marketplacecontracts.yandex.model.GetOfferMappingsResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
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
 * What the contract guard adds to a call: the full client call of a 10-offer business-catalog page
 * ({@code getOfferMappings}, 23 kB) from a loopback server, without the guard, with it checking every call (the
 * request's body and the answer, which the client's checked read decodes), and with it checking one call in ten;
 * and the guard's own check of that exchange's bytes alone (the interceptor over a chain that returns the page at
 * once: no I/O, no decoding), as it checks a call made with plain OkHttp. {@link ContractGuardRace}
 * races the first two side by side by CPU time.
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
  /** Without a guard, but through an OkHttpClient of the caller's, as a guarded client is. */
  YandexMarketClient plainOwnHttp;
  YandexMarketClient guarded;
  YandexMarketClient sampled;
  final AtomicLong mismatches = new AtomicLong();
  ContractGuard checkEveryCall;
  Interceptor.Chain answeringChain;
  GetOfferMappingsRequest filter;

  @Setup
  public void setUp() {
    byte[] page = CatalogPages.json(CatalogPages.page(PAGE_SIZE, null, 2));
    filter = new GetOfferMappingsRequest().archived(false);
    server = new LoopbackServer(exchange -> new LoopbackServer.Answer(200, page));
    ClientEvents counting = new ClientEvents() {
      @Override
      public void contractMismatch(ContractMismatch mismatch) {
        mismatches.incrementAndGet();
      }
    };
    plain = client(null, counting);
    plainOwnHttp = YandexMarketClient.builder().baseUrl(server.url()).apiKey("bench-key")
        .rateLimit(RateLimitConfig.disabled()).events(counting).okHttpClient(new OkHttpClient()).build();
    checkEveryCall = ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).events(counting).build();
    guarded = client(checkEveryCall, counting);
    answeringChain = new AnsweringChain(new Request.Builder()
        .url(server.url() + "v2/businesses/1/offer-mappings?limit=" + PAGE_SIZE)
        .post(RequestBody.create("{\"archived\":false}", MediaType.get("application/json"))).build(), page);
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
    plainOwnHttp.close();
    guarded.close();
    sampled.close();
    server.close();
    if (mismatches.get() > 0) {
      throw new IllegalStateException("the generated page differs from the spec: " + mismatches.get()
          + " mismatches reported; the guard's cost would include reporting them");
    }
  }

  static final int PAGE_SIZE = 10;

  private GetOfferMappingsResponse call(YandexMarketClient client) {
    return client.api(BusinessOfferMappingsApi.class).getOfferMappings(1L, null, PAGE_SIZE, null, filter).execute();
  }

  @Benchmark
  public GetOfferMappingsResponse fullClientCall() {
    return call(plain);
  }

  @Benchmark
  public GetOfferMappingsResponse fullClientCallOwnHttp() {
    return call(plainOwnHttp);
  }

  @Benchmark
  public GetOfferMappingsResponse fullClientCallGuardEveryCall() {
    return call(guarded);
  }

  @Benchmark
  public GetOfferMappingsResponse fullClientCallGuardOneInTen() {
    return call(sampled);
  }

  /** The guard's own check of one exchange: find the operation, check the request's body and the answer's bytes. */
  @Benchmark
  public Response guardCheckAlone() throws IOException {
    return checkEveryCall.intercept(answeringChain);
  }

  /** A chain whose next step answers {@code 200} with the page at once. */
  private record AnsweringChain(Request request, byte[] page) implements Interceptor.Chain {
    @Override
    public Response proceed(Request next) {
      return new Response.Builder().request(next).protocol(Protocol.HTTP_1_1).code(200).message("OK")
          .body(ResponseBody.create(page, MediaType.get("application/json"))).build();
    }

    @Override
    public Connection connection() {
      return null;
    }

    @Override
    public Call call() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int connectTimeoutMillis() {
      return 0;
    }

    @Override
    public Interceptor.Chain withConnectTimeout(int timeout, TimeUnit unit) {
      return this;
    }

    @Override
    public int readTimeoutMillis() {
      return 0;
    }

    @Override
    public Interceptor.Chain withReadTimeout(int timeout, TimeUnit unit) {
      return this;
    }

    @Override
    public int writeTimeoutMillis() {
      return 0;
    }

    @Override
    public Interceptor.Chain withWriteTimeout(int timeout, TimeUnit unit) {
      return this;
    }
  }
}
