package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.http.ClientBuilder;
import com.marketplacecontracts.core.internal.http.ClientRuntime;
import com.marketplacecontracts.core.http.ClientSettings;
import com.marketplacecontracts.core.http.MarketplaceCall;
import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.yandex.YandexMapper;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.GetOfferMappingEntriesResponse;
import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
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
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;
import retrofit2.http.GET;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * One full client call (interceptors, validation, error handling, decode, domain mapping) of a 10-offer page from a
 * loopback server, against a bare OkHttp call that reads the same body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CallOverheadBenchmark {

  /** The same GET, as raw bytes, for measuring the runtime's HTTP path without decoding. */
  public interface RawOffers {
    @ApiOperation(id = "getOfferMappingEntries", idempotent = true)
    @GET("v2/campaigns/1/offer-mapping-entries?limit=10")
    MarketplaceCall<ResponseBody> get();
  }

  /** The same GET as a plain Retrofit interface: no runtime around it. */
  public interface PlainOffers {
    @GET("v2/campaigns/{campaignId}/offer-mapping-entries")
    Call<GetOfferMappingEntriesResponse> get(@Path("campaignId") long campaignId, @Query("limit") int limit);
  }

  /** A runtime builder for the raw interface. */
  static final class RawBuilder extends ClientBuilder<RawBuilder> {
    RawBuilder(String url) {
      super(url);
    }

    ClientSettings build() {
      return settings();
    }
  }

  LoopbackServer server;
  byte[] page;
  PlainOffers plainRetrofit;
  RawOffers runtimeRaw;
  JsonAdapter<GetOfferMappingEntriesResponse> adapter;
  YandexMarketClient client;
  OkHttpClient bare;
  Request request;

  @Setup
  public void setUp() {
    page = OfferPages.json(OfferPages.page(10, null, 2));
    adapter = MoshiFactory.create().adapter(GetOfferMappingEntriesResponse.class);
    server = new LoopbackServer(exchange -> new LoopbackServer.Answer(200, page));
    // Quotas off: this measures the client's own cost, not waiting for the marketplace's allowance.
    client = YandexMarketClient.builder().baseUrl(server.url()).apiKey("bench-key")
        .rateLimit(RateLimitConfig.disabled()).build();
    bare = new OkHttpClient();
    plainRetrofit = new Retrofit.Builder().baseUrl(server.url()).client(bare)
        .addConverterFactory(MoshiConverterFactory.create(MoshiFactory.create()))
        .build().create(PlainOffers.class);
    ClientRuntime runtime = ClientRuntime.create(Marketplace.YANDEX_MARKET,
        new RawBuilder(server.url()).rateLimit(RateLimitConfig.disabled()).build(),
        Credential.header("Api-Key", "bench-key"), moshi -> body -> null);
    runtimeRaw = runtime.api(RawOffers.class);
    request = new Request.Builder().url(server.url() + "v2/campaigns/1/offer-mapping-entries?limit=10")
        .header("Api-Key", "bench-key").build();
  }

  @TearDown
  public void tearDown() {
    server.close();
  }

  @Benchmark
  @SuppressWarnings("deprecation")
  public List<Listing> fullClientCall() {
    return YandexMapper.listings(client.offerMappings().getOfferMappingEntries(1L, null, null, 10,
        null, null, null, null, null, null).execute());
  }

  /** Decoding and mapping the same page without any HTTP: the part of the full call that is not overhead. */
  @Benchmark
  public List<Listing> decodeAndMapOnly() throws IOException {
    return YandexMapper.listings(adapter.fromJson(new Buffer().write(page)));
  }

  /** Building the call through the validating proxy (Bean Validation of the parameters), without sending it. */
  @Benchmark
  @SuppressWarnings("deprecation")
  public Object validateAndBuildCallOnly() {
    return client.offerMappings().getOfferMappingEntries(1L, null, null, 10, null, null, null, null, null, null)
        .request();
  }

  /** Plain Retrofit + the same Moshi models, no runtime (no validation, interceptors, error handling, mapping). */
  @Benchmark
  public GetOfferMappingEntriesResponse plainRetrofitMoshi() throws IOException {
    return plainRetrofit.get(1L, 10).execute().body();
  }

  /** The runtime's HTTP path (validation proxy, auth, retry, quota, user agent, error handling), body not decoded. */
  @Benchmark
  public byte[] runtimeWithoutDecode() throws IOException {
    try (ResponseBody body = runtimeRaw.get().execute()) {
      return body.bytes();
    }
  }

  @Benchmark
  public byte[] bareOkHttp() throws IOException {
    try (Response response = bare.newCall(request).execute()) {
      return response.body().bytes();
    }
  }
}
