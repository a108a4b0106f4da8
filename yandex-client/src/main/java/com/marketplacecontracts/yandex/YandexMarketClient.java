package com.marketplacecontracts.yandex;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.http.Batches;
import com.marketplacecontracts.core.http.ClientBuilder;
import com.marketplacecontracts.core.internal.http.ClientRuntime;
import com.marketplacecontracts.core.http.ClientSettings;
import com.marketplacecontracts.core.http.Download;
import com.marketplacecontracts.core.http.Jobs;
import com.marketplacecontracts.core.http.MarketplaceCall;
import com.marketplacecontracts.core.http.OperationIndex;
import com.marketplacecontracts.core.http.Paged;
import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.operation.Operations;
import com.marketplacecontracts.core.paging.Pager;
import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.core.polling.Poller;
import com.marketplacecontracts.yandex.api.ApiClient;
import com.marketplacecontracts.yandex.api.BusinessOfferMappingsApi;
import com.marketplacecontracts.yandex.api.OfferMappingsApi;
import com.marketplacecontracts.yandex.api.OperationsApi;
import com.marketplacecontracts.yandex.api.OrdersApi;
import com.marketplacecontracts.yandex.model.GetOfferMappingDTO;
import com.marketplacecontracts.yandex.model.GetOfferMappingsRequest;
import com.marketplacecontracts.yandex.model.GetOfferMappingsResponse;
import com.marketplacecontracts.yandex.model.GetOfferMappingsResultDTO;
import com.marketplacecontracts.yandex.model.GetOperationsRequest;
import com.marketplacecontracts.yandex.model.GetOperationsResponse;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import com.marketplacecontracts.yandex.model.GetReportInfoResponse;
import com.marketplacecontracts.yandex.model.OfferMappingEntryDTO;
import com.marketplacecontracts.yandex.model.OperationType;
import com.squareup.moshi.Moshi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Yandex Market Partner API client: the generated APIs plus paging and polling helpers, over one shared runtime
 * (authentication, typed errors, retries, rate limits, validation). Thread-safe; create one per application.
 *
 * <pre>{@code
 * YandexMarketClient market = YandexMarketClient.builder().apiKey(System.getenv("YANDEX_MARKET_API_KEY")).build();
 * market.catalog(businessId, CatalogFilter.all()).forEach(offer -> ...);
 * }</pre>
 *
 * <p>Operations the marketplace deprecated are reported once per client through {@code ClientEvents}, naming the
 * successor.
 */
public final class YandexMarketClient implements AutoCloseable {

  /** Production API root. */
  public static final String PRODUCTION_URL = "https://api.partner.market.yandex.ru/";

  /** The most offer ids one catalog look-up may carry ({@code offerIds}, maxItems). */
  public static final int MAX_IDS_PER_REQUEST = 100;

  /** Built at first use (it reads every generated method): a typed call never needs it. */
  private static final class Index {
    static final OperationIndex INDEX = OperationIndex.of(Marketplace.YANDEX_MARKET, ApiClient.APIS);
  }
  private static final Moshi MOSHI = MoshiFactory.create();

  private final ClientSettings settings;
  private final Credential credential;
  private final ClientRuntime runtime;
  private final OrdersApi orders;
  private final OfferMappingsApi offerMappings;
  private final OperationsApi operations;
  private final BusinessOfferMappingsApi catalogApi;
  private final Map<Class<?>, Object> apis = new ConcurrentHashMap<>();
  private final Poller poller;

  private YandexMarketClient(ClientSettings settings, Credential credential) {
    this.settings = settings;
    if (credential == null) {
      throw new RequestValidationException(Marketplace.YANDEX_MARKET, "client settings", List.of(
          new RequestValidationException.Violation("apiKey", null, "must be set (or oauthToken)")));
    }
    this.credential = credential;
    this.runtime = ClientRuntime.create(Marketplace.YANDEX_MARKET, settings, credential, YandexErrorParser::create);
    this.orders = runtime.api(OrdersApi.class);
    this.offerMappings = runtime.api(OfferMappingsApi.class);
    this.operations = runtime.api(OperationsApi.class);
    this.catalogApi = runtime.api(BusinessOfferMappingsApi.class);
    this.poller = new Poller(settings.time(), settings.events());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this client's settings and credentials, to build a client that differs in some of them. */
  public Builder newBuilder() {
    return new Builder(settings).credential(credential);
  }

  /**
   * Generated API: order operations (UIN and marking-code checks). Calls are validated before they are sent;
   * {@code execute()} returns the body or throws a {@code MarketplaceException} subtype.
   */
  public OrdersApi orders() {
    return orders;
  }

  /** Generated API: the catalog (offer-mappings; the deleted offer-mapping-entries kept as legacy). */
  public OfferMappingsApi offerMappings() {
    return offerMappings;
  }

  /**
   * Any generated API of the spec — one interface per section of the marketplace's documentation
   * ({@code OrdersApi}, {@code StocksApi}, {@code PricesApi}, {@code ReportsApi}, ...). Calls are validated before
   * they are sent, limited and retried like every call; {@code execute()} returns the body or throws a
   * {@code MarketplaceException} subtype.
   */
  public <T> T api(Class<T> type) {
    if (!type.isInterface() || !type.getPackageName().equals(OrdersApi.class.getPackageName())) {
      throw new IllegalArgumentException("not a generated API of this client: " + type.getName());
    }
    return type.cast(apis.computeIfAbsent(type, runtime::api));
  }

  /** Every covered operation of the spec, by operationId, with what the spec declares of each. */
  public static OperationIndex operationIndex() {
    return Index.INDEX;
  }

  /**
   * Any covered operation by its {@code operationId}, with text arguments: {@code parameters} by name (several
   * values for an array parameter; a file part as {@code @PATH}) and the body as JSON (null for none). A value
   * that is unknown, missing or not of its type is a {@code RequestValidationException} naming the parameter and
   * the rule, before anything is sent; the call is then validated, limited and retried like a typed one.
   */
  public MarketplaceCall<?> call(String operationId, Map<String, List<String>> parameters, String body) {
    OperationIndex.Operation operation = Index.INDEX.find(operationId)
        .orElseThrow(() -> new RequestValidationException(Marketplace.YANDEX_MARKET, operationId, List.of(
            new RequestValidationException.Violation("operationId", operationId, "no such operation in the spec"
                + " (the list: YandexMarketClient.operationIndex(), or marketplace yandex operations)"))));
    return Index.INDEX.call(api(operation.api()), operation, parameters, body, MOSHI);
  }

  /** Generated API: statuses of asynchronous operations. */
  public OperationsApi operations() {
    return operations;
  }

  /** Check statuses of an order's identifiers: jewellery UINs and Chestny ZNAK marking codes ({@code /v2} path). */
  public GetOrderIdentifiersStatusResponse uinStatus(long campaignId, long orderId) {
    return orders.getOrderIdentifiersStatus(campaignId, orderId).execute();
  }

  /** Statuses of asynchronous operations. */
  public GetOperationsResponse operationStatuses(long businessId, OperationType type, Collection<String> ids) {
    return operationsCall(businessId, type, ids).execute();
  }

  private MarketplaceCall<GetOperationsResponse> operationsCall(long businessId, OperationType type,
      Collection<String> ids) {
    return operations.getOperations(businessId, new GetOperationsRequest()
        .operationType(type)
        .operationIds(ids == null ? null : new LinkedHashSet<>(ids)));
  }

  /**
   * The business's catalog matching {@code filter} as a lazy sequence, fetched page by page via {@code pageToken}
   * while it is iterated; holds one page in memory; each page waits for the operation's quota (100 or 600 requests a
   * minute by tier).
   */
  public Pager<GetOfferMappingDTO> catalog(long businessId, CatalogFilter filter) {
    return catalogFrom(businessId, filter, null);
  }

  /** The catalog from a saved page token on (e.g. {@code PageIterator.resumeToken()} after a failure). */
  public Pager<GetOfferMappingDTO> catalogFrom(long businessId, CatalogFilter filter, String pageToken) {
    return pages(pageToken, token -> catalogApi.getOfferMappings(businessId, token, filter.pageSize(),
        filter.language(), filter.toRequest()), response -> response.getResult() == null ? null
        : response.getResult().getOfferMappings());
  }

  /**
   * Any operation the spec declares paged ({@code x-paging}), lazily, page by page, from {@code pageToken} (null:
   * the first page): the next token is read where the spec says the answer carries it, and the listing stops with
   * {@code PagingStoppedException} (with the token to resume from) on a repeated token, a run of empty pages or
   * the page cap. Each page waits for the operation's quota.
   *
   * <pre>{@code
   * market.pages(null, token -> market.api(OrdersApi.class).getBusinessOrders(businessId, token, 50, request),
   *     answer -> answer.getOrders())
   * }</pre>
   */
  public <R, T> Pager<T> pages(String pageToken, Function<String, MarketplaceCall<R>> call,
      Function<R, List<T>> items) {
    return Paged.items(Marketplace.YANDEX_MARKET, runtime.failures().redactor()::text, pageToken, call, items);
  }

  /**
   * The offers with these ids (any number): sent {@value #MAX_IDS_PER_REQUEST} ids a request, each answered whole.
   * Duplicates are asked once; an id is matched as the marketplace does, ignoring white space at its ends. Invalid
   * ids fail with {@code RequestValidationException} before anything is sent.
   */
  public CatalogLookup catalogByIds(long businessId, Collection<String> offerIds) {
    return catalogByIds(businessId, offerIds, 1);
  }

  /**
   * {@link #catalogByIds(long, Collection)} with up to {@code parallel} of its requests in flight at once; the
   * account's parallel cap and quota still hold them back as they must. Every request is built (and validated) before
   * the first is sent; the first failure, in id order, is thrown.
   */
  public CatalogLookup catalogByIds(long businessId, Collection<String> offerIds, int parallel) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be >= 1, was " + parallel);
    }
    if (offerIds.stream().anyMatch(Objects::isNull)) {
      throw new RequestValidationException(Marketplace.YANDEX_MARKET, "getOfferMappings", List.of(
          new RequestValidationException.Violation("offerIds[]", "null", "must not be null")));
    }
    List<String> ids = List.copyOf(new LinkedHashSet<>(offerIds));
    List<GetOfferMappingsResponse> answers = Batches.run(ids, chunk -> catalogApi.getOfferMappings(businessId, null,
        null, null, new GetOfferMappingsRequest().offerIds(new LinkedHashSet<>(chunk))), parallel).answersOrThrow();
    Map<String, GetOfferMappingDTO> byId = new HashMap<>();
    for (GetOfferMappingsResponse response : answers) {
      GetOfferMappingsResultDTO result = response.getResult();
      if (result == null || result.getOfferMappings() == null) {
        continue;
      }
      for (GetOfferMappingDTO offer : result.getOfferMappings()) {
        if (offer != null && offer.getOffer() != null && offer.getOffer().getOfferId() != null) {
          byId.putIfAbsent(offer.getOffer().getOfferId().strip(), offer);
        }
      }
    }
    List<GetOfferMappingDTO> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      GetOfferMappingDTO offer = byId.get(id.strip());
      if (offer == null) {
        missing.add(id);
      } else {
        found.add(offer);
      }
    }
    return new CatalogLookup(found, missing);
  }

  /**
   * Any number of items through an operation the spec declares a batch for ({@code x-batch}): split into requests of
   * its declared size, every request built and validated before the first is sent, as many in flight as the account
   * allows (and the operation's own parallel limit), each chunk's answer or failure in input order.
   *
   * <pre>{@code
   * market.batch(offers, chunk -> market.api(PricesApi.class).updatePrices(campaignId,
   *     new UpdatePricesRequest().offers(chunk)))
   * }</pre>
   */
  public <I, R> Batches.Result<I, R> batch(List<I> items, Function<List<I>, MarketplaceCall<R>> call) {
    return Batches.run(items, call, settings.rateLimit().maxInFlight());
  }

  /**
   * The campaign's catalog over the legacy listing ({@code GET v2/campaigns/{campaignId}/offer-mapping-entries}),
   * lazily, page by page via {@code page_token}; each page waits for the items-per-minute quota.
   *
   * @deprecated the marketplace deleted this operation on 2026-03-12; use {@link #catalog(long, CatalogFilter)}
   *     (business-level) or {@link #catalogByIds(long, Collection)}. Kept for code that still calls it.
   */
  @Deprecated
  public Pager<OfferMappingEntryDTO> offers(long campaignId, OfferQuery query) {
    return offersFrom(campaignId, query, null);
  }

  /**
   * The legacy catalog from a saved page token on.
   *
   * @deprecated removed by the marketplace on 2026-03-12; use {@link #catalogFrom(long, CatalogFilter, String)}
   */
  @Deprecated
  @SuppressWarnings("deprecation")
  public Pager<OfferMappingEntryDTO> offersFrom(long campaignId, OfferQuery query, String pageToken) {
    return pages(pageToken, token -> offerMappings.getOfferMappingEntries(campaignId, query.availabilities(),
        query.categoryIds(), query.pageSize(), query.mappingKind(), query.offerIds(), token, null, query.statuses(),
        query.vendors()), response -> response.getResult() == null ? null
        : response.getResult().getOfferMappingEntries());
  }

  /**
   * Polls operations until none is {@code IN_PROGRESS} or the options' timeout passes; the last answer lists each
   * one. Each poll is reported to the client's {@code ClientEvents}. The states are the spec's ({@code x-job-states}
   * of getOperations).
   */
  public PollResult<GetOperationsResponse> awaitOperations(long businessId, OperationType type,
      Collection<String> ids, AwaitOptions options) {
    return await(operationsCall(businessId, type, ids), options);
  }

  /**
   * Polls an order's UIN and marking-code checks until none is {@code IN_PROGRESS} or the options' timeout passes.
   * An answer without any check state is not settled. Each poll is reported to the client's {@code ClientEvents}.
   */
  public PollResult<GetOrderIdentifiersStatusResponse> awaitUinChecks(long campaignId, long orderId,
      AwaitOptions options) {
    return await(orders.getOrderIdentifiersStatus(campaignId, orderId), options);
  }

  /**
   * Polls any operation that reports a job's state ({@code x-job-states} in the spec: a report's
   * {@code getReportInfo}, {@code getOperations}, the identifier checks) until nothing is pending or the options'
   * timeout passes.
   *
   * @throws com.marketplacecontracts.core.error.JobFailedException when the job ended in a failure state (a
   *     report's {@code FAILED}, with its sub-status)
   */
  public <R> PollResult<R> await(MarketplaceCall<R> status, AwaitOptions options) {
    return Jobs.await(status, options, poller, Marketplace.YANDEX_MARKET);
  }

  /**
   * Starts a job (a {@code generate...Report}) and waits for it: the first check at the job's own estimate (within
   * the timeout), then growing waits within the status operation's quota. A report with no data is an empty
   * success ({@code subStatus NO_DATA}); a {@code FAILED} one a {@code JobFailedException}.
   */
  public PollResult<?> startAndAwait(MarketplaceCall<?> start, AwaitOptions options) {
    ApiOperation declared = Operations.of(start.request());
    if (declared == null || declared.jobStatus().isEmpty() || declared.jobId().isEmpty()) {
      throw new IllegalArgumentException((declared == null ? start : declared.id())
          + " declares no job with an id (x-job) in the spec");
    }
    Object answer = start.execute();
    Object id = Operations.valueAt(answer, declared.jobId());
    if (id == null) {
      throw new com.marketplacecontracts.core.error.UnreadableResponseException(runtime.failures().details(
          declared.id(), 200, null, null, null, "the answer carries no job id at " + declared.jobId()), null);
    }
    OperationIndex.Operation status = Index.INDEX.find(declared.jobStatus()).orElseThrow();
    String idParameter = status.parameters().stream().filter(p -> p.in() == OperationIndex.In.PATH)
        .map(OperationIndex.Parameter::name).findFirst().orElseThrow();
    MarketplaceCall<?> check = Index.INDEX.call(api(status.api()), status, Map.of(idParameter,
        List.of(String.valueOf(id))), null, MOSHI);
    Object estimate = declared.jobEstimate().isEmpty() ? null : Operations.valueAt(answer, declared.jobEstimate());
    AwaitOptions first = options;
    if (estimate instanceof Number millis && millis.longValue() > 0) {
      Duration wait = Duration.ofMillis(Math.min(millis.longValue(), options.timeout().toMillis() / 2));
      first = options.withDelays(wait.isZero() ? options.initialDelay() : wait, options.maxDelay(),
          options.factor());
    }
    return await(check, first);
  }

  /**
   * The file a finished report points to ({@code result.file} of {@code getReportInfo}: a URL minted anew at each
   * status call and valid for an hour), fetched at once through this client: bounded, streamed to a temporary
   * file, over HTTPS; the API credentials never go to the file's host.
   */
  public Download reportFile(GetReportInfoResponse info) {
    String url = info == null || info.getResult() == null ? null : info.getResult().getFile();
    return runtime.download(url, "getReportInfo");
  }

  /** Ends the HTTP threads and pooled connections; the client is not used after this. */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "YandexMarketClient(" + runtime.baseUrl() + ")";
  }

  /** A business's subscription tier, as the spec's {@code x-resource-limit-config} names it. */
  public enum Tier {
    /** {@code none}: the stricter quotas, and the default. */
    NONE("none"),
    /** {@code medium}. */
    MEDIUM("medium");

    private final String specName;

    Tier(String specName) {
      this.specName = specName;
    }

    /** The tier's key in {@code x-resource-limit-config}. */
    public String specName() {
      return specName;
    }
  }

  /** Settings; credentials are one of {@link #apiKey} or {@link #oauthToken}. */
  public static final class Builder extends ClientBuilder<Builder> {
    private Credential credential;

    private Builder() {
      super(PRODUCTION_URL);
    }

    private Builder(ClientSettings settings) {
      super(settings);
    }

    /** An API-Key token, sent in the {@code Api-Key} header. Checked at once: printable ASCII only. */
    public Builder apiKey(String apiKey) {
      this.credential = Credential.header("Api-Key", Credential.checked(Marketplace.YANDEX_MARKET, "apiKey", apiKey));
      return this;
    }

    /** An OAuth token (scope {@code market:partner-api}), sent as {@code Authorization: Bearer}. */
    public Builder oauthToken(String token) {
      this.credential = Credential.bearer(Credential.checked(Marketplace.YANDEX_MARKET, "oauthToken", token));
      return this;
    }

    /**
     * The business's subscription tier, for the quotas the marketplace declares per tier (the business settings,
     * {@code POST v2/businesses/{businessId}/settings}, report it). Without it the client keeps to the stricter
     * quota; {@code rateLimit(...withQuota(...))} still overrides single operations.
     */
    public Builder tier(Tier tier) {
      return quotaTier(Objects.requireNonNull(tier, "tier").specName());
    }

    /** Any other way to authenticate, e.g. a key read from a secret store on each call. */
    public Builder credential(Credential credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    public YandexMarketClient build() {
      return new YandexMarketClient(settings(), credential);
    }

    @Override
    public String toString() {
      return "YandexMarketClient.Builder(" + settings().baseUrl() + ", " + credential + ")";
    }
  }
}
