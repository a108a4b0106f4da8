package example;

import com.marketplacecontracts.core.http.ClientEvents;
import com.marketplacecontracts.core.http.ContractMismatch;
import com.marketplacecontracts.core.paging.Pager;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.guard.ContractGuard;
import com.marketplacecontracts.model.AsyncJob;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.teez.TeezMapper;
import com.marketplacecontracts.model.yandex.YandexMapper;
import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.teez.model.GetExternalImportStatusApiResponse;
import com.marketplacecontracts.yandex.OfferQuery;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusDTO;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import com.marketplacecontracts.yandex.model.OfferMappingEntryDTO;
import com.marketplacecontracts.yandex.model.OfferProcessingStatusType;
import com.marketplacecontracts.yandex.model.OperationResultDTO;
import com.marketplacecontracts.yandex.model.OperationType;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * The README's Java snippets, compiled as a user's project compiles them. Each region between {@code tag::NAME[]}
 * and {@code end::NAME[]} is a README code block, character for character (the build checks both agree).
 */
public final class ReadmeExamples {

  private ReadmeExamples() {
  }

  // tag::credentials[]
  /** A setting from the environment, or an exception that names the missing variable. */
  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }
  // end::credentials[]

  static void yandex(long campaignId, long orderId, long businessId, String operationId,
      Consumer<Listing> sink) {
    // tag::yandex[]
    try (YandexMarketClient market = YandexMarketClient.builder()
        .apiKey(env("YANDEX_MARKET_API_KEY"))   // or .oauthToken(env("YANDEX_MARKET_OAUTH_TOKEN"))
        .build()) {                             // production URL; .baseUrl(...) for a mock

      // UIN checks of an order, then wait until none is IN_PROGRESS (deadline, growing waits)
      GetOrderIdentifiersStatusResponse uins = market.uinStatus(campaignId, orderId);
      PollResult<GetOrderIdentifiersStatusDTO> settled =
          market.awaitUinChecks(campaignId, orderId, Duration.ofMinutes(5));

      // The whole catalog, lazily, page by page (page_token), within the 10 000 items/minute quota
      OfferQuery query = OfferQuery.builder()
          .status(OfferProcessingStatusType.NEED_INFO).pageSize(200).build();
      Pager<OfferMappingEntryDTO> offers = market.offers(campaignId, query);
      Pager.PageIterator<OfferMappingEntryDTO> pages = offers.iterator();
      while (pages.hasNext()) {
        sink.accept(YandexMapper.listing(pages.next()));   // common-model's marketplace-neutral Listing
      }
      // after a failure: market.offersFrom(campaignId, query, pages.resumeToken()) goes on from there

      // Asynchronous operations
      PollResult<List<OperationResultDTO>> ops = market.awaitOperations(businessId,
          OperationType.ORDER_STATUS_UPDATE, List.of(operationId), Duration.ofMinutes(2));

      // Any generated call directly (validated before sending; typed exceptions on failure)
      GetOrderIdentifiersStatusResponse same =
          market.execute(market.orders().getOrderIdentifiersStatus(campaignId, orderId));
    }
    // end::yandex[]
  }

  static YandexMarketClient guarded(String baseUrl, String apiKey, double sample,
      List<ContractMismatch> drift) {
    // tag::guard[]
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
    // end::guard[]
  }

  static AsyncJob teez(long jobId) {
    // tag::teez[]
    try (TeezClient teez = TeezClient.builder()
        .clientCredentials(env("TEEZ_CLIENT_ID"), env("TEEZ_CLIENT_SECRET"))   // or .accessToken(jwt)
        .build()) {

      GetExternalImportStatusApiResponse status = teez.importStatus(jobId);
      PollResult<GetExternalImportStatusApiResponse> done = teez.awaitImport(jobId, Duration.ofMinutes(10));
      // state IN_PROGRESS / DONE / FAILED / UNKNOWN, and one result per product
      return TeezMapper.importJob(jobId, done.last());
    }
    // end::teez[]
  }
}
