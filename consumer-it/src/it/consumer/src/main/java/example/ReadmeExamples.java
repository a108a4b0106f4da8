package example;

import com.marketplacecontracts.core.http.Batches;
import com.marketplacecontracts.core.http.Download;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.paging.Pager;
import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.guard.ContractGuard;
import com.marketplacecontracts.model.AsyncJob;
import com.marketplacecontracts.model.IdentifierCheck;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.teez.TeezMapper;
import com.marketplacecontracts.model.yandex.YandexMapper;
import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.teez.model.GetExternalImportStatusApiResponse;
import com.marketplacecontracts.yandex.CatalogFilter;
import com.marketplacecontracts.yandex.CatalogLookup;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.OrderLabelsApi;
import com.marketplacecontracts.yandex.api.OrdersApi;
import com.marketplacecontracts.yandex.api.PricesApi;
import com.marketplacecontracts.yandex.api.ReportsApi;
import com.marketplacecontracts.yandex.api.StocksApi;
import com.marketplacecontracts.yandex.model.BusinessOrderDTO;
import com.marketplacecontracts.yandex.model.EmptyApiResponse;
import com.marketplacecontracts.yandex.model.GenerateUnitedNettingReportRequest;
import com.marketplacecontracts.yandex.model.GetBusinessOrdersRequest;
import com.marketplacecontracts.yandex.model.GetBusinessOrdersResponse;
import com.marketplacecontracts.yandex.model.GetOfferMappingDTO;
import com.marketplacecontracts.yandex.model.GetOperationsResponse;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import com.marketplacecontracts.yandex.model.OfferCardStatusType;
import com.marketplacecontracts.yandex.model.OfferPriceDTO;
import com.marketplacecontracts.yandex.model.OperationType;
import com.marketplacecontracts.yandex.model.ReportFormatType;
import com.marketplacecontracts.yandex.model.UpdatePricesRequest;
import com.marketplacecontracts.yandex.model.UpdateStockDTO;
import com.marketplacecontracts.yandex.model.UpdateStockItemDTO;
import com.marketplacecontracts.yandex.model.UpdateStocksRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * The clients used as a user's project uses them, compiled against the published artifacts alone (the docs' own
 * blocks are compiled as printed by {@code ReadmeSnippetsTest}).
 */
public final class ReadmeExamples {

  private ReadmeExamples() {
  }

  /** A setting from the environment, or an exception that names the missing variable. */
  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }

  static void wholeApi(YandexMarketClient market, long campaignId, long orderId, long businessId,
      GetBusinessOrdersRequest ordersRequest, List<OfferPriceDTO> prices, GenerateUnitedNettingReportRequest netting) {
      // Every operation of the spec: one generated API per section of the marketplace's documentation
      market.api(StocksApi.class).updateStocks(campaignId, new UpdateStocksRequest().skus(List.of(
          new UpdateStockDTO().sku("SKU-1").items(List.of(new UpdateStockItemDTO().count(0L)))))).execute();

      // What the spec declares is served by one piece each: paging, batches, jobs, downloads
      Pager<BusinessOrderDTO> orders = market.pages(null,
          token -> market.api(OrdersApi.class).getBusinessOrders(businessId, ordersRequest, token, 50),
          GetBusinessOrdersResponse::getOrders);                      // lazily, page by page, guarded
      Batches.Result<OfferPriceDTO, EmptyApiResponse> sent = market.batch(prices,   // 2,000 offers a request
          chunk -> market.api(PricesApi.class).updatePrices(campaignId, new UpdatePricesRequest().offers(chunk)));
      PollResult<?> report = market.startAndAwait(                   // generate, then getReportInfo until DONE
          market.api(ReportsApi.class).generateUnitedNettingReport(netting, ReportFormatType.JSON, null),
          AwaitOptions.timeout(Duration.ofMinutes(10)));
      Download labels = market.api(OrderLabelsApi.class).generateOrderLabels(campaignId, orderId, null).execute();
      labels.saveTo(Path.of("labels.pdf"));                          // streamed to a file, never held in memory
  }

  static void yandex(long campaignId, long orderId, long businessId, List<String> skus, String operationId,
      Consumer<Listing> sink) {
    try (YandexMarketClient market = YandexMarketClient.builder()
        .apiKey(env("YANDEX_MARKET_API_KEY"))   // or .oauthToken(env("YANDEX_MARKET_OAUTH_TOKEN"))
        .tier(YandexMarketClient.Tier.MEDIUM)   // the business's subscription tier; default: the stricter
        .build()) {                             // production URL; .baseUrl(...) for a mock

      // UIN and marking-code checks of an order (/v2), then wait until none is IN_PROGRESS (deadline, growing waits)
      GetOrderIdentifiersStatusResponse checks = market.uinStatus(campaignId, orderId);
      PollResult<GetOrderIdentifiersStatusResponse> settled =
          market.awaitUinChecks(campaignId, orderId, AwaitOptions.timeout(Duration.ofMinutes(5)));
      List<IdentifierCheck> each = YandexMapper.identifierChecks(orderId, checks); // kind UIN or MARKING_CODE

      // The business catalog, lazily, page by page (pageToken), within the tier's quota
      CatalogFilter filter = CatalogFilter.builder()
          .cardStatus(OfferCardStatusType.NO_CARD_NEED_CONTENT).pageSize(100).build();
      Pager.PageIterator<GetOfferMappingDTO> pages = market.catalog(businessId, filter).iterator();
      while (pages.hasNext()) {
        sink.accept(YandexMapper.listing(pages.next()));   // common-model's marketplace-neutral Listing
      }
      // after a failure: market.catalogFrom(businessId, filter, pages.resumeToken()) goes on from there

      // Any number of offers by id: 100 ids a request, results in the order given, missing ids reported
      CatalogLookup lookup = market.catalogByIds(businessId, skus);   // lookup.found(), lookup.missing()

      // Asynchronous operations
      PollResult<GetOperationsResponse> ops = market.awaitOperations(businessId,
          OperationType.ORDER_STATUS_UPDATE, List.of(operationId), AwaitOptions.timeout(Duration.ofMinutes(2)));

      // Any generated operation: validated before sending; execute() returns the body or throws a MarketplaceException
      GetOrderIdentifiersStatusResponse same =
          market.orders().getOrderIdentifiersStatus(campaignId, orderId).execute();
      // ... or executeAsync(): a CompletableFuture that fails with the same typed exception
      CompletableFuture<GetOrderIdentifiersStatusResponse> later =
          market.orders().getOrderIdentifiersStatus(campaignId, orderId).executeAsync();
    }
  }

  static YandexMarketClient guarded(String baseUrl, String apiKey, double sample,
      List<ContractMismatch> drift) {
    ClientEvents events = new ClientEvents() {
      @Override
      public void contractMismatch(ContractMismatch mismatch) {
        drift.add(mismatch);   // e.g. log it, count it by mismatch.kind(), alert on UNKNOWN_ENUM_VALUE
      }
    };
    ContractGuard guard = ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC)
        .sample(sample)        // 0.05 checks one call in twenty; .strict() fails calls that differ
        .build();
    return YandexMarketClient.builder()
        .baseUrl(baseUrl)
        .apiKey(apiKey)
        .okHttpClient(new OkHttpClient.Builder().addInterceptor(guard).build())
        .events(events)        // mismatches arrive here, beside retries and quota waits
        .build();
  }

  static AsyncJob teez(long jobId) {
    try (TeezClient teez = TeezClient.builder()
        .clientCredentials(env("TEEZ_CLIENT_ID"), env("TEEZ_CLIENT_SECRET"))   // or .accessToken(jwt)
        .build()) {

      GetExternalImportStatusApiResponse status = teez.importStatus(jobId);
      PollResult<GetExternalImportStatusApiResponse> done =
          teez.awaitImport(jobId, AwaitOptions.timeout(Duration.ofMinutes(10)));
      // state IN_PROGRESS / DONE / FAILED / UNKNOWN, and one result per product
      return TeezMapper.importJob(jobId, done.last());
    }
  }
}
