package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.http.OperationIndex;
import com.marketplacecontracts.core.paging.Page;
import com.marketplacecontracts.core.paging.Pager;
import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.model.IdentifierCheck;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.yandex.YandexMapper;
import com.marketplacecontracts.yandex.CatalogFilter;
import com.marketplacecontracts.yandex.CatalogLookup;
import com.marketplacecontracts.yandex.OfferQuery;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.GetOfferMappingDTO;
import com.marketplacecontracts.yandex.model.GetOperationsResponse;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import com.marketplacecontracts.yandex.model.OfferAvailabilityStatusType;
import com.marketplacecontracts.yandex.model.OfferCardStatusType;
import com.marketplacecontracts.yandex.model.OfferMappingEntryDTO;
import com.marketplacecontracts.yandex.model.OfferMappingKindType;
import com.marketplacecontracts.yandex.model.OfferProcessingStatusType;
import com.marketplacecontracts.yandex.model.OperationType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code marketplace yandex ...} */
@Command(name = "yandex", description = "Yandex Market Partner API.", mixinStandardHelpOptions = true,
    subcommands = {YandexCommand.UinStatus.class, YandexCommand.Offers.class, YandexCommand.Operations.class,
        CallCommand.class, OrdersCommand.Orders.class, OrdersCommand.OrderStatus.class, OrdersCommand.Labels.class,
        ReportCommand.class, StocksCommand.class, PricesCommand.class, NotificationsCommand.class})
final class YandexCommand {

  /** Runs a Yandex command with its client and output. */
  abstract static class Base implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Where the running command sends its requests (set while it runs). */
    private Target target;

    @Override
    public Integer call() {
      IdOptions.check(spec);
      WaitTimeout.check(spec);
      return MarketplaceCli.withTarget(spec, false, change(), (target, output) -> {
        YandexMarketClient market = target.yandex();
        this.target = target;
        return run(market, output);
      });
    }

    /** HOST:PORT the running command's requests go to; null before its client is made. */
    String destination() {
      return target == null ? null : target.destination();
    }

    /** Whether the running command's answers come from an embedded mock (the spec's examples, not data). */
    boolean embeddedMock() {
      return target != null && target.embeddedMock();
    }

    /** What the command changes at the marketplace (for the refusal without credentials); null: it only reads. */
    String change() {
      return null;
    }

    abstract Integer run(YandexMarketClient market, Output output);
  }

  /**
   * {@code marketplace yandex uin-status --campaign-id C --order-id O [--order-id O]... [--wait]}: several orders are
   * checked concurrently within the account's parallel cap and quota.
   */
  @Command(name = "uin-status", mixinStandardHelpOptions = true,
      description = {"Check statuses of an order's identifiers: jewellery UINs and Chestny ZNAK marking codes"
          + " (POST v2/campaigns/{campaignId}/orders/{orderId}/identifiers/status).",
          "Repeat --order-id to check many orders at once (4 in flight, within the quota); progress on stderr,"
              + " one result per order, the exit code of the worst outcome.",
          "--json: one document {\"checks\": [{marketplace, orderId, lineId, kind, identifier, state, rawState,"
              + " ...}], \"settled\": true|false (with --wait)}."})
  static final class UinStatus extends Base {
    @Option(names = "--campaign-id", required = true, paramLabel = "C",
        description = "The store's campaign id (seller cabinet: Settings → API).") long campaignId;
    @Option(names = "--order-id", required = true, paramLabel = "O", description = "The order id; repeat for more.")
    List<Long> orderIds;
    @Option(names = "--wait", description = "Poll until no UIN or marking code is IN_PROGRESS.") boolean await;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", converter = WaitTimeout.class,
        description = "With --wait: give up after this many seconds, 1 to 86400 (default ${DEFAULT-VALUE}); exit 6"
            + " when still pending.") long timeout;

    @Override
    Integer run(YandexMarketClient market, Output output) {
      List<Long> orders = List.copyOf(new LinkedHashSet<>(orderIds));
      List<FanOut.Outcome<Long, PollResult<GetOrderIdentifiersStatusResponse>>> outcomes = FanOut.run(orders,
          orderId -> check(market, orderId, output), output, "order");
      List<IdentifierCheck> checks = new ArrayList<>();
      boolean allSettled = true;
      for (FanOut.Outcome<Long, PollResult<GetOrderIdentifiersStatusResponse>> outcome : outcomes) {
        if (outcome.failure() == null) {
          checks.addAll(YandexMapper.identifierChecks(outcome.input(), outcome.value().last()));
          allSettled &= outcome.value().settled();
        }
      }
      int code = FanOut.exitCode(outcomes, output, "order", destination());
      Boolean settled = await ? allSettled : null;
      output.checks(checks, settled);
      return code == ExitCodes.OK && Boolean.FALSE.equals(settled) ? ExitCodes.WAIT_TIMED_OUT : code;
    }

    /**
     * One order's checks: polled until settled with --wait (each poll reported through the client's events), else
     * read once (reported as settled).
     */
    private PollResult<GetOrderIdentifiersStatusResponse> check(YandexMarketClient market, long orderId,
        Output output) {
      if (!await) {
        return new PollResult<>(market.uinStatus(campaignId, orderId), true, 1, Duration.ZERO);
      }
      PollResult<GetOrderIdentifiersStatusResponse> poll = market.awaitUinChecks(campaignId, orderId,
          AwaitOptions.timeout(Duration.ofSeconds(timeout)));
      if (!poll.settled()) {
        output.error("order " + orderId + ": checks still in progress after " + Target.seconds(poll.elapsed())
            + " (gave up waiting, exit " + ExitCodes.WAIT_TIMED_OUT + ")");
      }
      return poll;
    }
  }

  /**
   * {@code marketplace yandex offers --business-id B [filters] [--offer-id SKU]... [--limit N] [--page-token T]
   * [--all-pages]}, or the legacy {@code --campaign-id C} listing (removed by the marketplace, kept for scripts).
   */
  @Command(name = "offers", mixinStandardHelpOptions = true,
      description = {"Catalog offers with their moderation state and Market card.",
          "--business-id: the business catalog (POST v2/businesses/{businessId}/offer-mappings); --offer-id looks"
              + " offers up by id (any number, 100 a request), otherwise the filters are paged.",
          "--campaign-id: the legacy campaign listing (GET v2/campaigns/{campaignId}/offer-mapping-entries), removed"
              + " by Yandex Market on 2026-03-12; kept for existing scripts, with a warning.",
          "--json: one document {\"listings\": [...], \"nextPageToken\": T} a page; with --all-pages a JSON line"
              + " per offer (marketplace, sellerSku, productId, name, state, rawState, issues, currentCard, ...)."})
  static final class Offers extends Base {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Owner owner;

    /** Whose catalog: the business's, or (legacy) a campaign's. */
    static final class Owner {
      @Option(names = "--business-id", required = true, paramLabel = "B", description = "Business (cabinet) id.")
      Long businessId;
      @Option(names = "--campaign-id", required = true, paramLabel = "C",
          description = "Legacy: campaign id for the removed offer-mapping-entries listing.")
      Long campaignId;
    }

    @Option(names = "--card-status", paramLabel = "S", completionCandidates = KnownValues.CardStatuses.class,
        converter = KnownValues.CardStatuses.class, description = "Card status: ${COMPLETION-CANDIDATES}")
    List<OfferCardStatusType> cardStatuses = new ArrayList<>();
    @Option(names = "--category-id", paramLabel = "N", description = "Market category id.")
    List<Long> categoryIds = new ArrayList<>();
    @Option(names = "--vendor", paramLabel = "V", description = "Brand, exactly as the marketplace has it.")
    List<String> vendors = new ArrayList<>();
    @Option(names = "--tag", paramLabel = "TAG", description = "The seller's own tag.") List<String> tags =
        new ArrayList<>();
    @Option(names = "--archived", description = "Offers in the archive (default: offers not in it).") boolean archived;
    @Option(names = "--offer-id", paramLabel = "SKU", description = "Your SKU; repeat for more.")
    List<String> offerIds = new ArrayList<>();
    @Option(names = "--limit", paramLabel = "N", description = "Offers per page (business catalog: 1-100).")
    Integer limit;
    @Option(names = "--page-token", paramLabel = "T", description = "Start from this page.") String pageToken;
    @Option(names = "--all-pages", description = "Follow nextPageToken to the last page.") boolean allPages;
    @Option(names = "--status", paramLabel = "S", completionCandidates = KnownValues.ProcessingStatuses.class,
        converter = KnownValues.ProcessingStatuses.class,
        description = "Legacy (--campaign-id) only. Processing status: ${COMPLETION-CANDIDATES}")
    List<OfferProcessingStatusType> statuses = new ArrayList<>();
    @Option(names = "--availability", paramLabel = "A", completionCandidates = KnownValues.Availabilities.class,
        converter = KnownValues.Availabilities.class,
        description = "Legacy (--campaign-id) only. Supply plan: ${COMPLETION-CANDIDATES}")
    List<OfferAvailabilityStatusType> availabilities = new ArrayList<>();
    @Option(names = "--mapping-kind", paramLabel = "ACTIVE|ALL", converter = KnownValues.MappingKinds.class,
        description = "Legacy (--campaign-id) only.")
    OfferMappingKindType mappingKind;

    @Override
    Integer run(YandexMarketClient market, Output output) {
      if (owner.campaignId != null) {
        return legacy(market, output);
      }
      rejectWith("--campaign-id", "--status", !statuses.isEmpty(), "--availability", !availabilities.isEmpty(),
          "--mapping-kind", mappingKind != null);
      if (!offerIds.isEmpty()) {
        if (!cardStatuses.isEmpty() || !categoryIds.isEmpty() || !vendors.isEmpty() || !tags.isEmpty() || archived
            || limit != null || pageToken != null || allPages) {
          throw new ParameterException(spec.commandLine(), "--offer-id is answered whole: it takes no filters,"
              + " --limit, --page-token or --all-pages");
        }
        int requests = (new LinkedHashSet<>(offerIds).size() + YandexMarketClient.MAX_IDS_PER_REQUEST - 1)
            / YandexMarketClient.MAX_IDS_PER_REQUEST;
        if (requests > 1) {
          output.progress(Plural.of(offerIds.size(), "id") + " in " + Plural.of(requests, "request") + ", up to "
              + RateLimitConfig.DEFAULT_MAX_IN_FLIGHT + " at once");
        }
        CatalogLookup lookup = market.catalogByIds(owner.businessId, offerIds, RateLimitConfig.DEFAULT_MAX_IN_FLIGHT);
        if (!lookup.missing().isEmpty()) {
          output.progress("not found: " + String.join(", ", lookup.missing()));
        }
        output.listings(lookup.found().stream().map(YandexMapper::listing).toList(), null);
        return ExitCodes.OK;
      }
      CatalogFilter.Builder filter = CatalogFilter.builder()
          .cardStatus(cardStatuses.toArray(OfferCardStatusType[]::new))
          .categoryId(categoryIds.stream().map(this::categoryId).toArray(Integer[]::new))
          .vendor(vendors.toArray(String[]::new))
          .tag(tags.toArray(String[]::new));
      if (archived) {
        filter.archived(true);
      }
      if (limit != null) {
        filter.pageSize(limit);
      }
      Pager<GetOfferMappingDTO> pager = market.catalogFrom(owner.businessId, filter.build(), pageToken);
      if (!allPages) {
        return firstPage(pager, YandexMapper::listing, output);
      }
      return stream(pager.iterator(), YandexMapper::listing, output);
    }

    @SuppressWarnings("deprecation")
    private Integer legacy(YandexMarketClient market, Output output) {
      rejectWith("--business-id", "--card-status", !cardStatuses.isEmpty(), "--tag", !tags.isEmpty(), "--archived",
          archived);
      OfferQuery.Builder query = OfferQuery.builder()
          .status(statuses.toArray(OfferProcessingStatusType[]::new))
          .availability(availabilities.toArray(OfferAvailabilityStatusType[]::new))
          .categoryId(categoryIds.toArray(Long[]::new))
          .vendor(vendors.toArray(String[]::new))
          .offerId(offerIds.toArray(String[]::new))
          .mappingKind(mappingKind);
      if (limit != null) {
        query.pageSize(limit);
      }
      Pager<OfferMappingEntryDTO> pager = market.offersFrom(owner.campaignId, query.build(), pageToken);
      if (!allPages) {
        return firstPage(pager, YandexMapper::listing, output);
      }
      return stream(pager.iterator(), YandexMapper::listing, output);
    }

    /** The first page of a listing, with the token of the next. */
    private static <T> Integer firstPage(Pager<T> pager, Function<T, Listing> map, Output output) {
      Page<T> page = pager.pages().findFirst().orElseThrow();
      output.listings(page.items().stream().map(map).toList(), page.next().orElse(null));
      return ExitCodes.OK;
    }

    private static <T> Integer stream(Pager.PageIterator<T> entries, Function<T, Listing> map, Output output) {
      output.listingHeader();
      long items = 0;
      int pages = 0;
      while (entries.hasNext()) {
        if (entries.pagesFetched() != pages) {
          if (pages > 0) { // a page is reported once its rows are out
            output.progress("page " + pages + " done, " + Plural.of(items, "offer") + " so far");
          }
          pages = entries.pagesFetched();
        }
        output.listingLine(map.apply(entries.next()));
        items++;
      }
      output.progress(Plural.of(entries.pagesFetched(), "page") + ", " + Plural.of(items, "offer"));
      return ExitCodes.OK;
    }

    /** Fails naming the first option given that only the other catalog ({@code owner}) takes. */
    private void rejectWith(String owner, Object... optionsAndWhetherGiven) {
      for (int i = 0; i < optionsAndWhetherGiven.length; i += 2) {
        if ((Boolean) optionsAndWhetherGiven[i + 1]) {
          throw new ParameterException(spec.commandLine(), optionsAndWhetherGiven[i] + " needs " + owner);
        }
      }
    }

    private Integer categoryId(Long id) {
      if (id < 1 || id > Integer.MAX_VALUE) {
        throw new ParameterException(spec.commandLine(), "--category-id must be between 1 and " + Integer.MAX_VALUE
            + " with --business-id, was " + id);
      }
      return id.intValue();
    }
  }

  /** {@code marketplace yandex operations --business-id B --type T --id ID [--id ID]... [--wait]} */
  @Command(name = "operations", mixinStandardHelpOptions = true,
      description = {"Without --business-id: the covered operations of the spec, with their decision, quota and"
          + " what is declared (paged, batched, job); --tag filters by the API they belong to.",
          "With --business-id: statuses of asynchronous operations (--type and --id required).",
          "--json: the catalogue as a JSON line per operation (operationId, api, decision, idempotent, quota, paged,"
              + " batch, job); the statuses as one document {\"jobs\": [...], \"settled\": true|false (with"
              + " --wait)}."})
  static final class Operations extends Base {
    @Option(names = "--tag", paramLabel = "TAG", description = "Only the operations of this API (e.g. orders, stocks).")
    String tag;
    @Option(names = "--business-id", paramLabel = "B",
        description = "The business (cabinet) id the operations belong to.") Long businessId;
    @Option(names = "--type", paramLabel = "T", completionCandidates = KnownValues.OperationTypes.class,
        converter = KnownValues.OperationTypes.class,
        description = "The operations' type: ${COMPLETION-CANDIDATES}")
    OperationType type;
    @Option(names = "--id", paramLabel = "ID",
        description = "An operation id, as its request returned it (repeatable).") List<String> ids;
    @Option(names = "--wait", description = "Poll until no operation is IN_PROGRESS.") boolean await;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", converter = WaitTimeout.class,
        description = "With --wait: give up after this many seconds, 1 to 86400 (default ${DEFAULT-VALUE}); exit 6"
            + " when still pending.") long timeout;

    @Override
    public Integer call() {
      WaitTimeout.check(spec);
      if (tag != null && businessId != null) {
        throw new ParameterException(spec.commandLine(), "--tag filters the catalogue of operations, which"
            + " --business-id (the statuses of a business's operations) does not show: give one of them");
      }
      if (businessId == null) {
        if (type != null || ids != null || await) {
          throw new ParameterException(spec.commandLine(), "--type, --id and --wait need --business-id");
        }
        MarketplaceCli root = (MarketplaceCli) spec.root().userObject();
        Output output = root.output(spec);
        List<OperationIndex.Operation> operations = List.copyOf(YandexMarketClient.operationIndex().all());
        if (tag != null) {
          java.util.Set<String> tags = new java.util.TreeSet<>(operations.stream()
              .map(op -> CallCommand.Row.of(op).api()).toList());
          String wanted = tag.replace("-", "").toLowerCase(java.util.Locale.ROOT);
          if (!tags.contains(wanted)) {
            throw new ParameterException(spec.commandLine(), "--tag: '" + Terminal.safe(tag) + "' is not an API of"
                + " the spec" + Suggest.closest(wanted, tags).map(s -> ". Did you mean " + s + "?").orElse(".")
                + " The tags are: " + String.join(", ", tags));
          }
          operations = operations.stream().filter(op -> CallCommand.Row.of(op).api().equals(wanted)).toList();
        }
        output.operations(operations);
        return ExitCodes.OK;
      }
      if (type == null || ids == null) {
        throw new ParameterException(spec.commandLine(), "with --business-id, --type and --id are required");
      }
      return super.call();
    }

    @Override
    Integer run(YandexMarketClient market, Output output) {
      GetOperationsResponse response;
      Boolean settled = null;
      if (await) {
        PollResult<GetOperationsResponse> poll = market.awaitOperations(businessId, type, ids,
            AwaitOptions.timeout(Duration.ofSeconds(timeout)));
        if (!poll.settled()) {
          output.error("operations still in progress after " + Target.seconds(poll.elapsed())
              + " (gave up waiting, exit " + ExitCodes.WAIT_TIMED_OUT + ")");
        }
        response = poll.last();
        settled = poll.settled();
      } else {
        response = market.operationStatuses(businessId, type, ids);
      }
      output.jobs(YandexMapper.operations(response), settled);
      return Boolean.FALSE.equals(settled) ? ExitCodes.WAIT_TIMED_OUT : ExitCodes.OK;
    }
  }
}
