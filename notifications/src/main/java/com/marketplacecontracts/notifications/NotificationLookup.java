package com.marketplacecontracts.notifications;

import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.ChatsApi;
import com.marketplacecontracts.yandex.api.ReturnsApi;
import com.marketplacecontracts.yandex.model.GetChatResponse;
import com.marketplacecontracts.yandex.model.GetOrderResponse;
import com.marketplacecontracts.yandex.model.GetReturnResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches what a notification only names, through the client (its retries, limits and typed errors): the order
 * ({@code campaignId} + {@code orderId}), the return ({@code + returnId}), the chat ({@code businessId} +
 * {@code chatId}). Empty when the notification does not name one.
 */
public final class NotificationLookup {

  private final YandexMarketClient market;

  public NotificationLookup(YandexMarketClient market) {
    this.market = Objects.requireNonNull(market, "market");
  }

  // getOrder is deprecated by the marketplace in favour of the business order list, which needs the business id: an
  // order's notification names only its campaign. It stays until the marketplace removes it (the drift gate says).
  @SuppressWarnings("deprecation")
  public Optional<GetOrderResponse> order(Notification notification) {
    Optional<Long> campaign = notification.id("campaignId");
    Optional<Long> order = notification.id("orderId");
    if (campaign.isEmpty() || order.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(market.orders().getOrder(campaign.get(), order.get()).execute());
  }

  public Optional<GetReturnResponse> orderReturn(Notification notification) {
    Optional<Long> campaign = notification.id("campaignId");
    Optional<Long> order = notification.id("orderId");
    Optional<Long> ret = notification.id("returnId");
    if (campaign.isEmpty() || order.isEmpty() || ret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(market.api(ReturnsApi.class).getReturn(campaign.get(), order.get(), ret.get()).execute());
  }

  public Optional<GetChatResponse> chat(Notification notification) {
    Optional<Long> business = notification.id("businessId");
    Optional<Long> chat = notification.id("chatId");
    if (business.isEmpty() || chat.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(market.api(ChatsApi.class).getChat(business.get(), chat.get()).execute());
  }
}
