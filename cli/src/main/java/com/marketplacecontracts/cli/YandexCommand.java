package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.paging.Pager;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.yandex.YandexMapper;
import com.marketplacecontracts.yandex.OfferQuery;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.GetOfferMappingEntriesResponse;
import com.marketplacecontracts.yandex.model.GetOperationsResponse;
import com.marketplacecontracts.yandex.model.GetOperationsResultDTO;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusDTO;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import com.marketplacecontracts.yandex.model.OfferAvailabilityStatusType;
import com.marketplacecontracts.yandex.model.OfferMappingEntryDTO;
import com.marketplacecontracts.yandex.model.OfferMappingKindType;
import com.marketplacecontracts.yandex.model.OfferProcessingStatusType;
import com.marketplacecontracts.yandex.model.OperationResultDTO;
import com.marketplacecontracts.yandex.model.OperationType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code marketplace yandex ...} */
@Command(name = "yandex", description = "Yandex Market Partner API.", mixinStandardHelpOptions = true,
    subcommands = {YandexCommand.UinStatus.class, YandexCommand.Offers.class, YandexCommand.Operations.class})
final class YandexCommand {

  /** Runs a Yandex command with its client and output. */
  abstract static class Base implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return MarketplaceCli.withTarget(spec, false, (target, output) -> run(target.yandex(), output));
    }

    abstract Integer run(YandexMarketClient market, Output output);
  }

  /** {@code marketplace yandex uin-status --campaign-id C --order-id O [--wait]} */
  @Command(name = "uin-status", mixinStandardHelpOptions = true,
      description = "UIN (jewellery identifier) check statuses of an order's items.")
  static final class UinStatus extends Base {
    @Option(names = "--campaign-id", required = true, paramLabel = "C") long campaignId;
    @Option(names = "--order-id", required = true, paramLabel = "O") long orderId;
    @Option(names = "--wait", description = "Poll until no UIN is IN_PROGRESS.") boolean await;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
        description = "With --wait: give up after this many seconds (default ${DEFAULT-VALUE}).") long timeout;

    @Override
    Integer run(YandexMarketClient market, Output output) {
      GetOrderIdentifiersStatusDTO result;
      if (await) {
        PollResult<GetOrderIdentifiersStatusDTO> poll = market.awaitUinChecks(campaignId, orderId,
            Duration.ofSeconds(timeout), each -> output.progress("order " + orderId + ": " + summary(each)));
        if (!poll.settled()) {
          output.progress("order " + orderId + ": checks still in progress after " + Target.seconds(poll.elapsed()));
        }
        result = poll.last();
      } else {
        result = market.uinStatus(campaignId, orderId).getResult();
      }
      output.checks(YandexMapper.identifierChecks(orderId,
          new GetOrderIdentifiersStatusResponse().result(result)));
      return ExitCodes.OK;
    }

    private static String summary(GetOrderIdentifiersStatusDTO result) {
      return YandexMapper.identifierChecks(0, new GetOrderIdentifiersStatusResponse().result(result)).stream()
          .collect(Collectors.groupingBy(check -> check.rawState(), java.util.TreeMap::new, Collectors.counting()))
          .toString();
    }
  }

  /** {@code marketplace yandex offers --campaign-id C [filters] [--limit N] [--page-token T] [--all-pages]} */
  @Command(name = "offers", mixinStandardHelpOptions = true,
      description = "Catalog offers with their moderation state and Market cards (offer-mapping-entries).")
  static final class Offers extends Base {
    @Option(names = "--campaign-id", required = true, paramLabel = "C") long campaignId;
    @Option(names = "--status", paramLabel = "S", completionCandidates = KnownValues.ProcessingStatuses.class,
        converter = KnownValues.ProcessingStatuses.class, description = "Processing status: ${COMPLETION-CANDIDATES}")
    List<OfferProcessingStatusType> statuses = new ArrayList<>();
    @Option(names = "--availability", paramLabel = "A", completionCandidates = KnownValues.Availabilities.class,
        converter = KnownValues.Availabilities.class, description = "Supply plan: ${COMPLETION-CANDIDATES}")
    List<OfferAvailabilityStatusType> availabilities = new ArrayList<>();
    @Option(names = "--category-id", paramLabel = "N") List<Long> categoryIds = new ArrayList<>();
    @Option(names = "--vendor", paramLabel = "V") List<String> vendors = new ArrayList<>();
    @Option(names = "--offer-id", paramLabel = "SKU") List<String> offerIds = new ArrayList<>();
    @Option(names = "--mapping-kind", paramLabel = "ACTIVE|ALL", converter = KnownValues.MappingKinds.class)
    OfferMappingKindType mappingKind;
    @Option(names = "--limit", paramLabel = "N", description = "Offers per page.") Integer limit;
    @Option(names = "--page-token", paramLabel = "T", description = "Start from this page.") String pageToken;
    @Option(names = "--all-pages", description = "Follow nextPageToken to the last page.") boolean allPages;

    @Override
    @SuppressWarnings("deprecation")
    Integer run(YandexMarketClient market, Output output) {
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
      if (!allPages) {
        GetOfferMappingEntriesResponse page = market.execute(market.offerMappings().getOfferMappingEntries(
            campaignId, set(availabilities), set(categoryIds), limit, mappingKind, set(offerIds), pageToken, null,
            set(statuses), set(vendors)));
        String next = page.getResult() == null || page.getResult().getPaging() == null ? null
            : page.getResult().getPaging().getNextPageToken();
        output.listings(YandexMapper.listings(page), next);
        return ExitCodes.OK;
      }
      Pager<OfferMappingEntryDTO> pager = pageToken == null ? market.offers(campaignId, query.build())
          : market.offersFrom(campaignId, query.build(), pageToken);
      Pager.PageIterator<OfferMappingEntryDTO> entries = pager.iterator();
      output.listingHeader();
      long items = 0;
      int pages = 0;
      while (entries.hasNext()) {
        if (entries.pagesFetched() != pages) {
          pages = entries.pagesFetched();
          output.progress("page " + pages + " fetched, " + items + " offers so far");
        }
        Listing listing = YandexMapper.listing(entries.next());
        output.listingLine(listing);
        items++;
      }
      output.progress(entries.pagesFetched() + " pages, " + items + " offers");
      return ExitCodes.OK;
    }

    private static <T> Set<T> set(List<T> values) {
      return values.isEmpty() ? null : new LinkedHashSet<>(values);
    }
  }

  /** {@code marketplace yandex operations --business-id B --type T --id ID [--id ID]... [--wait]} */
  @Command(name = "operations", mixinStandardHelpOptions = true, description = "Statuses of asynchronous operations.")
  static final class Operations extends Base {
    @Option(names = "--business-id", required = true, paramLabel = "B") long businessId;
    @Option(names = "--type", required = true, paramLabel = "T", completionCandidates = KnownValues.OperationTypes.class,
        converter = KnownValues.OperationTypes.class, description = "${COMPLETION-CANDIDATES}")
    OperationType type;
    @Option(names = "--id", required = true, paramLabel = "ID") List<String> ids;
    @Option(names = "--wait", description = "Poll until no operation is IN_PROGRESS.") boolean await;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
        description = "With --wait: give up after this many seconds (default ${DEFAULT-VALUE}).") long timeout;

    @Override
    Integer run(YandexMarketClient market, Output output) {
      List<OperationResultDTO> operations;
      if (await) {
        PollResult<List<OperationResultDTO>> poll = market.awaitOperations(businessId, type, ids,
            Duration.ofSeconds(timeout), each -> output.progress("operations: " + each.stream()
                .map(op -> op.getId() + "=" + op.getStatusAsString()).collect(Collectors.joining(", "))));
        if (!poll.settled()) {
          output.progress("operations still in progress after " + Target.seconds(poll.elapsed()));
        }
        operations = poll.last();
      } else {
        GetOperationsResponse response = market.operationStatuses(businessId, type, ids);
        operations = response.getResult() == null || response.getResult().getOperations() == null ? List.of()
            : response.getResult().getOperations();
      }
      output.jobs(YandexMapper.operations(new GetOperationsResponse()
          .result(new GetOperationsResultDTO().operations(operations))));
      return ExitCodes.OK;
    }
  }
}
