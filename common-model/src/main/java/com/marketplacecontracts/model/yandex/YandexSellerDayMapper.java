package com.marketplacecontracts.model.yandex;

import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.model.Order;
import com.marketplacecontracts.model.Price;
import com.marketplacecontracts.model.StockLevel;
import com.marketplacecontracts.yandex.model.BusinessOrderDTO;
import com.marketplacecontracts.yandex.model.CurrencyType;
import com.marketplacecontracts.yandex.model.GetBusinessOrdersResponse;
import com.marketplacecontracts.yandex.model.OfferPriceDTO;
import com.marketplacecontracts.yandex.model.OrderStatusType;
import com.marketplacecontracts.yandex.model.PriceDTO;
import com.marketplacecontracts.yandex.model.UpdateStockDTO;
import com.marketplacecontracts.yandex.model.UpdateStockItemDTO;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * Orders read from {@code getBusinessOrders}, and prices and stock levels written with {@code updatePrices} and
 * {@code updateStocks}, between the neutral records and Yandex Market's generated models.
 */
public final class YandexSellerDayMapper {

  /** The answer fields (as {@code Class.jsonName}) this mapper reads; a test checks every field is here or excused. */
  public static final Set<String> MAPPED = Set.of(
      "GetBusinessOrdersResponse.orders", "BusinessOrderDTO.orderId", "BusinessOrderDTO.status",
      "BusinessOrderDTO.creationDate");

  /** Statuses after which an order does not change any more. */
  private static final Set<OrderStatusType> FINAL = Set.of(OrderStatusType.DELIVERED, OrderStatusType.CANCELLED,
      OrderStatusType.RETURNED, OrderStatusType.PARTIALLY_RETURNED);

  private YandexSellerDayMapper() {
  }

  /** The orders of one page; an order without an id (not one the marketplace documents) is skipped. */
  public static List<Order> orders(GetBusinessOrdersResponse response) {
    List<Order> out = new ArrayList<>();
    if (response != null && response.getOrders() != null) {
      for (BusinessOrderDTO order : response.getOrders()) {
        if (order != null && order.getOrderId() != null) {
          out.add(order(order));
        }
      }
    }
    return out;
  }

  /** One order; it must carry its id. */
  public static Order order(BusinessOrderDTO order) {
    if (order.getOrderId() == null) {
      throw new IllegalArgumentException("the order carries no orderId");
    }
    String raw = order.getStatusAsString();
    boolean open = raw == null || !FINAL.contains(order.getStatus());
    return new Order(Marketplace.YANDEX_MARKET, String.valueOf(order.getOrderId()), raw, open,
        order.getCreationDate());
  }

  /**
   * A price as {@code updatePrices} takes it. Yandex names the rouble {@code RUR} (its pre-1998 code); the neutral
   * record uses ISO 4217's {@code RUB}.
   *
   * @throws IllegalArgumentException when the marketplace takes no such currency
   */
  public static OfferPriceDTO offerPrice(Price price) {
    String code = price.currency().getCurrencyCode();
    CurrencyType currency = CurrencyType.fromValue("RUB".equals(code) ? "RUR" : code);
    if (currency == null || currency == CurrencyType.UNRECOGNIZED) {
      throw new IllegalArgumentException("Yandex Market takes no prices in " + code + " (offer " + price.offerId()
          + ")");
    }
    return new OfferPriceDTO().offerId(price.offerId()).price(new PriceDTO().value(price.value())
        .currencyId(currency));
  }

  /** A price as a neutral record; {@code RUR} becomes {@code RUB}. */
  public static Price price(OfferPriceDTO offer) {
    PriceDTO price = offer.getPrice();
    if (price == null || price.getValue() == null || price.getCurrencyIdAsString() == null) {
      throw new IllegalArgumentException("the price of " + offer.getOfferId() + " has no value or currency");
    }
    String code = price.getCurrencyIdAsString();
    return new Price(offer.getOfferId(), price.getValue(), Currency.getInstance("RUR".equals(code) ? "RUB" : code));
  }

  /** A stock level as {@code updateStocks} takes it: one item with the count, 0 included. */
  public static UpdateStockDTO stock(StockLevel level) {
    return new UpdateStockDTO().sku(level.sku()).items(List.of(new UpdateStockItemDTO().count(level.count())));
  }
}
