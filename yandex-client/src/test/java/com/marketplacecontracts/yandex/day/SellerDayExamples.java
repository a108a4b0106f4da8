package com.marketplacecontracts.yandex.day;

import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.BusinessOrderDTO;
import com.marketplacecontracts.yandex.model.OrderCancellationReasonType;
import com.marketplacecontracts.yandex.model.OrderStatusType;
import com.marketplacecontracts.yandex.model.OrderSubstatusType;
import com.marketplacecontracts.yandex.model.ReturnDTO;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** The examples of docs/seller-day.md, compiled with the tests so the page cannot drift from the API. */
final class SellerDayExamples {

  private SellerDayExamples() {
  }

  static void day(YandexMarketClient market, long businessId, long campaignId) {
    // Orders of any period: 30-day windows, each paged, every order once.
    for (BusinessOrderDTO order : OrderHistory.of(market, businessId, LocalDate.of(2026, 1, 1),
        LocalDate.of(2026, 4, 1))) {
      System.out.println(order.getOrderId() + " " + order.getStatusAsString());
    }

    // Status changes: 30 a request, one outcome per order, never sent twice.
    OrderActions actions = OrderActions.of(market);
    List<OrderActions.StatusOutcome> outcomes = actions.updateStatuses(campaignId, List.of(
        OrderActions.change(51_234_567_890L, OrderStatusType.PROCESSING, OrderSubstatusType.READY_TO_SHIP)));
    outcomes.stream().filter(o -> o.result() != OrderActions.Result.UPDATED)
        .forEach(o -> System.out.println(o.orderId() + " " + o.result() + " " + o.detail()));

    // Boxes, then labels as PDF files.
    actions.boxLayout(campaignId, 51_234_567_890L, List.of(List.of(OrderActions.BoxItem.units(1L, 2))));
    Path pdf = actions.labels(campaignId, 51_234_567_890L, Path.of("labels"));

    // The buyer asked to cancel: accept, or decline with a reason.
    for (BusinessOrderDTO asked : actions.cancellationRequests(businessId, LocalDate.now().minusDays(30),
        LocalDate.now().plusDays(1))) {
      if ("DELIVERY".equals(asked.getStatusAsString())) {
        actions.declineCancellation(asked.getCampaignId(), asked.getOrderId(),
            OrderCancellationReasonType.ORDER_IN_DELIVERY);
      } else {
        actions.acceptCancellation(asked.getCampaignId(), asked.getOrderId());
      }
    }

    // Returns, paged lazily.
    for (ReturnDTO back : Returns.list(market, campaignId, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 31),
        null, null)) {
      System.out.println(back.getId() + " " + back.getRefundStatusAsString());
    }

    // A report: generate, wait, download, read every row (columns added later included).
    Reports.Report report = Reports.fetch(market, Reports.generate(market, new Reports.Request(
        Reports.Kind.UNITED_NETTING, businessId, null, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 31))),
        AwaitOptions.timeout(Duration.ofMinutes(30)));
    if (report.hasData()) {
      Path file = report.file().saveTo(Path.of("netting.zip"));
      try (ReportRows rows = ReportRows.open(file)) {
        rows.forEachRemaining(row -> System.out.println(row.sheet() + " " + row.values()));
      }
    }
    System.out.println(pdf);
  }
}
