package com.marketplacecontracts.mock.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.operation.CallEnded;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.mock.MarketplaceSpec;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.day.OrderActions;
import com.marketplacecontracts.yandex.day.OrderActions.LabelOutcome;
import com.marketplacecontracts.yandex.day.OrderActions.Result;
import com.marketplacecontracts.yandex.day.OrderActions.StatusOutcome;
import com.marketplacecontracts.yandex.day.OrderHistory;
import com.marketplacecontracts.yandex.model.BusinessOrderDTO;
import com.marketplacecontracts.yandex.model.OrderStatusType;
import com.marketplacecontracts.yandex.model.OrderSubstatusType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seller's day as a user's test runs it on the static mock: the spec's examples must carry it to the end. */
@MarketplaceMock(MarketplaceSpec.YANDEX_MARKET)
class SellerDayOnTheMockTest {

  private YandexMarketClient market;

  @BeforeEach
  void client(@MockBaseUrl String baseUrl) {
    market = YandexMarketClient.builder().baseUrl(baseUrl).apiKey("ACMA:key").retry(RetryConfig.none()).build();
  }

  @AfterEach
  void close() {
    market.close();
  }

  @Test
  void orderHistoryEndsOnTheExamplePageInEveryWindow(MockedMarketplace mock, @MockBaseUrl String baseUrl) {
    List<String> calls = new CopyOnWriteArrayList<>();
    try (YandexMarketClient counted = YandexMarketClient.builder().baseUrl(baseUrl).apiKey("ACMA:key")
        .retry(RetryConfig.none()).events(new ClientEvents() {
          @Override
          public void callEnded(CallEnded ended) {
            calls.add(ended.call().operationId() + " " + ended.statusCode());
          }
        }).build()) {
      // 45 days: two windows, each answered with the same example page, whose orders come once
      OrderHistory history = OrderHistory.of(counted, 1, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 16));
      List<Long> ids = history.stream().map(BusinessOrderDTO::getOrderId).toList();

      assertThat(history.windows()).hasSize(2);
      assertThat(ids).containsExactly(123456789L, 123456790L);
      assertThat(calls).containsExactly("getBusinessOrders 200", "getBusinessOrders 200");
    }
    assertThat(mock.answerViolations()).isEmpty();
  }

  @Test
  void labelsOfTheMockAreAPdf(@TempDir Path dir) throws Exception {
    List<LabelOutcome> saved = OrderActions.of(market).labels(1234567, List.of(123456789L, 123456790L), dir, 2);

    assertThat(saved).allSatisfy(outcome -> assertThat(outcome.saved()).as("%s", outcome).isTrue());
    byte[] pdf = Files.readAllBytes(saved.get(0).file());
    assertThat(new String(pdf, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");
    assertThat(new String(pdf, java.nio.charset.StandardCharsets.US_ASCII)).endsWith("%%EOF\n");
  }

  @Test
  void statusChangesOfOrdersTheExampleDoesNotListAreUnknown() {
    List<StatusOutcome> outcomes = OrderActions.of(market).updateStatuses(1234567, List.of(
        OrderActions.change(123456789, OrderStatusType.PROCESSING, OrderSubstatusType.READY_TO_SHIP),
        OrderActions.change(123456790, OrderStatusType.PROCESSING, OrderSubstatusType.READY_TO_SHIP),
        OrderActions.change(42, OrderStatusType.PROCESSING, OrderSubstatusType.READY_TO_SHIP)));

    assertThat(outcomes).extracting(StatusOutcome::result)
        .containsExactly(Result.UPDATED, Result.REJECTED, Result.UNKNOWN);
    assertThat(outcomes.get(2).detail()).isEqualTo("the answer does not list this order");
  }
}
