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
import com.marketplacecontracts.yandex.api.BusinessOfferMappingsApi;
import com.marketplacecontracts.yandex.model.GetOfferMappingsRequest;
import com.marketplacecontracts.yandex.model.GetOfferMappingsResponse;
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
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * One full client call (interceptors, validation, error handling, decode, domain mapping) of a 10-offer page of the
 * business catalog ({@code getOfferMappings}, a current operation) from a loopback server, against plain Retrofit +
 * the same Moshi models and a bare OkHttp call that reads the same body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CallOverheadBenchmark {

  /** Offers on the page answered. */
  static final int PAGE_SIZE = 10;

  /** The same GET, as raw bytes, for measuring the runtime's HTTP path without decoding. */
  public interface RawOffers {
    @ApiOperation(id = "getOfferMappings", idempotent = true)
    @POST("v2/businesses/1/offer-mappings?limit=10")
    MarketplaceCall<ResponseBody> get(@Body GetOfferMappingsRequest request);
  }

  /** The same GET as a plain Retrofit interface: no runtime around it. */
  public interface PlainOffers {
    @POST("v2/businesses/{businessId}/offer-mappings")
    Call<GetOfferMappingsResponse> get(@Path("businessId") long businessId, @Query("limit") int limit,
        @Body GetOfferMappingsRequest request);
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
  JsonAdapter<GetOfferMappingsResponse> adapter;
  GetOfferMappingsRequest filter;
  YandexMarketClient client;
  OkHttpClient bare;
  Request request;

  @Setup
  public void setUp() {
    page = CatalogPages.json(CatalogPages.page(PAGE_SIZE, null, 2));
    adapter = MoshiFactory.create().adapter(GetOfferMappingsResponse.class);
    filter = new GetOfferMappingsRequest().archived(false);
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
    request = new Request.Builder().url(server.url() + "v2/businesses/1/offer-mappings?limit=10")
        .header("Api-Key", "bench-key")
        .post(okhttp3.RequestBody.create("{\"archived\":false}", okhttp3.MediaType.get("application/json"))).build();
  }

  @TearDown
  public void tearDown() {
    server.close();
  }

  /** The client's call of the same operation: what plain Retrofit + Moshi does, plus everything the runtime adds. */
  @Benchmark
  public GetOfferMappingsResponse fullClientCall() {
    return client.api(BusinessOfferMappingsApi.class).getOfferMappings(1L, null, PAGE_SIZE, null, filter).execute();
  }

  /** The same call with each offer mapped to the neutral {@link Listing}, as the catalog pager does. */
  @Benchmark
  public List<Listing> fullClientCallAndMapping() {
    return YandexMapper.listings(fullClientCall());
  }

  /** Decoding and mapping the same page without any HTTP: the part of the full call that is not overhead. */
  @Benchmark
  public List<Listing> decodeAndMapOnly() throws IOException {
    return YandexMapper.listings(adapter.fromJson(new Buffer().write(page)));
  }

  /** Building the call through the validating proxy (Bean Validation of the parameters), without sending it. */
  @Benchmark
  public Object validateAndBuildCallOnly() {
    return client.api(BusinessOfferMappingsApi.class).getOfferMappings(1L, null, PAGE_SIZE, null, filter).request();
  }

  /** Plain Retrofit + the same Moshi models, no runtime (no validation, interceptors, error handling, mapping). */
  @Benchmark
  public GetOfferMappingsResponse plainRetrofitMoshi() throws IOException {
    return plainRetrofit.get(1L, PAGE_SIZE, filter).execute().body();
  }

  /** The runtime's HTTP path (validation proxy, auth, retry, quota, user agent, error handling), body not decoded. */
  @Benchmark
  public byte[] runtimeWithoutDecode() throws IOException {
    try (ResponseBody body = runtimeRaw.get(filter).execute()) {
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
