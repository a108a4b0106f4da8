package com.marketplacecontracts.yandex;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.http.ClientBuilder;
import com.marketplacecontracts.core.http.ClientRuntime;
import com.marketplacecontracts.core.paging.Page;
import com.marketplacecontracts.core.paging.Pager;
import com.marketplacecontracts.core.polling.Poller;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.core.time.TimeSource;
import com.marketplacecontracts.yandex.api.OfferMappingsApi;
import com.marketplacecontracts.yandex.api.OperationsApi;
import com.marketplacecontracts.yandex.api.OrdersApi;
import com.marketplacecontracts.yandex.model.GetOfferMappingEntriesResponse;
import com.marketplacecontracts.yandex.model.GetOperationsRequest;
import com.marketplacecontracts.yandex.model.GetOperationsResponse;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusDTO;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import com.marketplacecontracts.yandex.model.OfferMappingEntriesDTO;
import com.marketplacecontracts.yandex.model.OfferMappingEntryDTO;
import com.marketplacecontracts.yandex.model.OperationResultDTO;
import com.marketplacecontracts.yandex.model.OperationStatusType;
import com.marketplacecontracts.yandex.model.OperationType;
import com.marketplacecontracts.yandex.model.OrderItemValidationStatusDTO;
import com.marketplacecontracts.yandex.model.UinDTO;
import com.marketplacecontracts.yandex.model.UinStatusType;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import retrofit2.Call;

/**
 * The Yandex Market Partner API client: the generated APIs plus paging and polling helpers, over one shared runtime
 * (authentication, typed errors, retries, rate limits, validation). Thread-safe; create one per application.
 *
 * <pre>{@code
 * YandexMarketClient market = YandexMarketClient.builder().apiKey(System.getenv("YANDEX_MARKET_API_KEY")).build();
 * market.offers(campaignId, OfferQuery.all()).forEach(entry -> ...);
 * }</pre>
 */
public final class YandexMarketClient {

  /** Production API root. */
  public static final String PRODUCTION_URL = "https://api.partner.market.yandex.ru/";

  private final ClientRuntime runtime;
  private final TimeSource time;
  private final OrdersApi orders;
  private final OfferMappingsApi offerMappings;
  private final OperationsApi operations;

  private YandexMarketClient(Builder builder) {
    Credential credential = Objects.requireNonNull(builder.credential,
        "credentials: call apiKey(...) or oauthToken(...)");
    this.runtime = ClientRuntime.create("yandex", builder, credential, YandexErrorParser::create);
    this.time = builder.configuredTimeSource();
    this.orders = runtime.api(OrdersApi.class);
    this.offerMappings = runtime.api(OfferMappingsApi.class);
    this.operations = runtime.api(OperationsApi.class);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Generated API: order operations (UIN check statuses). Calls are validated before they are sent. */
  public OrdersApi orders() {
    return orders;
  }

  /** Generated API: catalog (offer-mapping-entries). */
  public OfferMappingsApi offerMappings() {
    return offerMappings;
  }

  /** Generated API: statuses of asynchronous operations. */
  public OperationsApi operations() {
    return operations;
  }

  /** Runs a call of a generated API: its body, or a {@code MarketplaceException} subtype. */
  public <T> T execute(Call<T> call) {
    return runtime.execute(call);
  }

  /** UIN check statuses of an order's items. */
  public GetOrderIdentifiersStatusResponse uinStatus(long campaignId, long orderId) {
    return execute(orders.getOrderIdentifiersStatus(campaignId, orderId));
  }

  /** Statuses of asynchronous operations. */
  public GetOperationsResponse operationStatuses(long businessId, OperationType type, Collection<String> ids) {
    GetOperationsRequest request = new GetOperationsRequest()
        .operationType(type)
        .operationIds(ids == null ? null : new LinkedHashSet<>(ids));
    return execute(operations.getOperations(businessId, request));
  }

  /**
   * The whole catalog as a lazy sequence, fetched page by page via {@code page_token} while it is iterated; holds
   * one page in memory; each page waits for the items-per-minute quota.
   */
  public Pager<OfferMappingEntryDTO> offers(long campaignId, OfferQuery query) {
    return Pager.of(token -> offerPage(campaignId, query, token));
  }

  /** The catalog from a saved page token on (e.g. {@code PageIterator.resumeToken()} after a failure). */
  public Pager<OfferMappingEntryDTO> offersFrom(long campaignId, OfferQuery query, String pageToken) {
    return Pager.resumeFrom(pageToken, token -> offerPage(campaignId, query, token));
  }

  @SuppressWarnings("deprecation")
  private Page<OfferMappingEntryDTO> offerPage(long campaignId, OfferQuery query, String token) {
    GetOfferMappingEntriesResponse response = execute(offerMappings.getOfferMappingEntries(campaignId,
        query.availabilities(), query.categoryIds(), query.pageSize(), query.mappingKind(), query.offerIds(),
        token, null, query.statuses(), query.vendors()));
    OfferMappingEntriesDTO result = response.getResult();
    if (result == null) {
      return new Page<>(List.of(), null);
    }
    String next = result.getPaging() == null ? null : result.getPaging().getNextPageToken();
    return new Page<>(result.getOfferMappingEntries(), next);
  }

  /** Polls operations until none is {@code IN_PROGRESS} or {@code timeout} passes; the result lists each one. */
  public PollResult<List<OperationResultDTO>> awaitOperations(long businessId, OperationType type,
      Collection<String> ids, Duration timeout) {
    return awaitOperations(businessId, type, ids, timeout, each -> { });
  }

  /** As {@link #awaitOperations(long, OperationType, Collection, Duration)}, showing each poll to {@code onPoll}. */
  public PollResult<List<OperationResultDTO>> awaitOperations(long businessId, OperationType type,
      Collection<String> ids, Duration timeout, Consumer<List<OperationResultDTO>> onPoll) {
    return Poller.withTimeout(timeout, time).await(() -> {
      GetOperationsResponse response = operationStatuses(businessId, type, ids);
      List<OperationResultDTO> list = response.getResult() == null || response.getResult().getOperations() == null
          ? List.<OperationResultDTO>of() : response.getResult().getOperations();
      onPoll.accept(list);
      return list;
    }, list -> !list.isEmpty()
        && list.stream().noneMatch(op -> op.getStatus() == OperationStatusType.IN_PROGRESS));
  }

  /** Polls an order's UIN checks until none is {@code IN_PROGRESS} or {@code timeout} passes. */
  public PollResult<GetOrderIdentifiersStatusDTO> awaitUinChecks(long campaignId, long orderId, Duration timeout) {
    return awaitUinChecks(campaignId, orderId, timeout, each -> { });
  }

  /** As {@link #awaitUinChecks(long, long, Duration)}, showing each poll to {@code onPoll}. */
  public PollResult<GetOrderIdentifiersStatusDTO> awaitUinChecks(long campaignId, long orderId, Duration timeout,
      Consumer<GetOrderIdentifiersStatusDTO> onPoll) {
    return Poller.withTimeout(timeout, time).await(() -> {
      GetOrderIdentifiersStatusDTO result = uinStatus(campaignId, orderId).getResult();
      GetOrderIdentifiersStatusDTO value = result == null ? new GetOrderIdentifiersStatusDTO().items(List.of()) : result;
      onPoll.accept(value);
      return value;
    }, result -> result.getItems() != null && result.getItems().stream()
        .map(OrderItemValidationStatusDTO::getUin).filter(Objects::nonNull).flatMap(List::stream)
        .map(UinDTO::getStatus).noneMatch(status -> status == UinStatusType.IN_PROGRESS));
  }

  @Override
  public String toString() {
    return "YandexMarketClient(" + runtime.baseUrl() + ")";
  }

  /** Settings; credentials are one of {@link #apiKey} or {@link #oauthToken}. */
  public static final class Builder extends ClientBuilder<Builder> {
    private Credential credential;

    private Builder() {
      super(PRODUCTION_URL);
    }

    /** An API-Key token, sent in the {@code Api-Key} header. */
    public Builder apiKey(String apiKey) {
      this.credential = Credential.header("Api-Key", apiKey);
      return this;
    }

    /** An OAuth token (scope {@code market:partner-api}), sent as {@code Authorization: Bearer}. */
    public Builder oauthToken(String token) {
      this.credential = Credential.bearer(token);
      return this;
    }

    /** Any other way to authenticate, e.g. a key read from a secret store on each call. */
    public Builder credential(Credential credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    public YandexMarketClient build() {
      return new YandexMarketClient(this);
    }

    @Override
    public String toString() {
      return "YandexMarketClient.Builder(" + configuredBaseUrl() + ", " + credential + ")";
    }
  }
}
