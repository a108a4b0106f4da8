package com.marketplacecontracts.yandex.day;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.paging.Pager;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.ReturnsApi;
import com.marketplacecontracts.yandex.model.RefundStatusType;
import com.marketplacecontracts.yandex.model.ReturnDTO;
import com.marketplacecontracts.yandex.model.ReturnType;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A shop's returns and non-pickups: listed lazily through the generic pager (the next token where the spec says,
 * {@code result.paging.nextPageToken}), or one by id. Returns answer inside {@code result}, unlike the order list.
 */
public final class Returns {

  /** The page size: the most {@code limit} accepts. */
  static final int PAGE_SIZE = 100;

  private Returns() {
  }

  /**
   * The shop's returns created from {@code from} to {@code to} (both days included, as the marketplace takes them;
   * either may be null for no bound), optionally only those in {@code statuses} and of {@code type}.
   *
   * @throws RequestValidationException naming {@code to} and the rule, before anything is sent, when {@code to} is
   *     before {@code from}
   */
  public static Pager<ReturnDTO> list(YandexMarketClient market, long campaignId, LocalDate from, LocalDate to,
      Set<RefundStatusType> statuses, ReturnType type) {
    Objects.requireNonNull(market, "market");
    if (from != null && to != null && to.isBefore(from)) {
      throw new RequestValidationException(Marketplace.YANDEX_MARKET, "getReturns", List.of(
          new RequestValidationException.Violation("to", to.toString(),
              "must not be before from (" + from + "): the period ends before it starts")));
    }
    ReturnsApi returns = market.api(ReturnsApi.class);
    Set<RefundStatusType> wanted = statuses == null || statuses.isEmpty() ? null : Set.copyOf(statuses);
    return market.pages(null, token -> returns.getReturns(campaignId, token, PAGE_SIZE, null, wanted, null, type,
        from, to, null, null), answer -> answer.getResult() == null ? null : answer.getResult().getReturns());
  }

  /** One return of an order. */
  public static ReturnDTO get(YandexMarketClient market, long campaignId, long orderId, long returnId) {
    return market.api(ReturnsApi.class).getReturn(campaignId, orderId, returnId).execute().getResult();
  }
}
