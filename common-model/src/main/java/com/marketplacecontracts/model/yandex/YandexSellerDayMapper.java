package com.marketplacecontracts.model.yandex;

import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.model.Money;
import com.marketplacecontracts.model.Order;
import com.marketplacecontracts.model.OrderLine;
import com.marketplacecontracts.model.OrderMoney;
import com.marketplacecontracts.model.OrderReturn;
import com.marketplacecontracts.model.OrderStatus;
import com.marketplacecontracts.model.ReportRow;
import com.marketplacecontracts.model.ReturnDecision;
import com.marketplacecontracts.model.ReturnKind;
import com.marketplacecontracts.model.ReturnLine;
import com.marketplacecontracts.model.Price;
import com.marketplacecontracts.model.StockLevel;
import com.marketplacecontracts.yandex.day.ReportRows;
import com.marketplacecontracts.yandex.day.Reports;
import com.marketplacecontracts.yandex.model.BusinessOrderDTO;
import com.marketplacecontracts.yandex.model.BusinessOrderItemDTO;
import com.marketplacecontracts.yandex.model.CurrencyValueDTO;
import com.marketplacecontracts.yandex.model.DeliveryPriceDTO;
import com.marketplacecontracts.yandex.model.GetReturnResponse;
import com.marketplacecontracts.yandex.model.GetReturnsResponse;
import com.marketplacecontracts.yandex.model.ItemPriceDTO;
import com.marketplacecontracts.yandex.model.OrderPriceDTO;
import com.marketplacecontracts.yandex.model.ReturnDTO;
import com.marketplacecontracts.yandex.model.ReturnDecisionDTO;
import com.marketplacecontracts.yandex.model.ReturnItemDTO;
import com.marketplacecontracts.yandex.model.ReturnType;
import com.marketplacecontracts.yandex.model.TrackDTO;
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
 * Orders read from {@code getBusinessOrders} (lines and money included), returns from {@code getReturns} and
 * {@code getReturn}, report rows from {@link ReportRows}, and prices and stock levels written with {@code updatePrices} and
 * {@code updateStocks}, between the neutral records and Yandex Market's generated models.
 */
public final class YandexSellerDayMapper {

  /** The answer fields (as {@code Class.jsonName}) this mapper reads; a test checks every field is here or excused. */
  public static final Set<String> MAPPED = Set.of(
      "GetBusinessOrdersResponse.orders", "BusinessOrderDTO.orderId", "BusinessOrderDTO.status",
      "BusinessOrderDTO.creationDate", "BusinessOrderDTO.campaignId", "BusinessOrderDTO.externalOrderId",
      "BusinessOrderDTO.programType", "BusinessOrderDTO.substatus", "BusinessOrderDTO.updateDate",
      "BusinessOrderDTO.paymentType", "BusinessOrderDTO.paymentMethod", "BusinessOrderDTO.fake",
      "BusinessOrderDTO.items", "BusinessOrderDTO.prices", "BusinessOrderDTO.cancelRequested",
      "BusinessOrderItemDTO.id", "BusinessOrderItemDTO.offerId", "BusinessOrderItemDTO.offerName",
      "BusinessOrderItemDTO.count", "BusinessOrderItemDTO.prices",
      "ItemPriceDTO.payment", "ItemPriceDTO.subsidy", "ItemPriceDTO.cashback", "ItemPriceDTO.vat",
      "OrderPriceDTO.payment", "OrderPriceDTO.subsidy", "OrderPriceDTO.cashback", "OrderPriceDTO.delivery",
      "DeliveryPriceDTO.payment", "DeliveryPriceDTO.subsidy", "DeliveryPriceDTO.vat",
      "CurrencyValueDTO.value", "CurrencyValueDTO.currencyId",
      "GetReturnsResponse.result", "GetReturnResponse.result", "PagedReturnsDTO.returns",
      "ReturnDTO.id", "ReturnDTO.orderId", "ReturnDTO.creationDate", "ReturnDTO.updateDate",
      "ReturnDTO.refundStatus", "ReturnDTO.pickupTillDate", "ReturnDTO.shipmentRecipientType",
      "ReturnDTO.shipmentStatus", "ReturnDTO.amount", "ReturnDTO.items", "ReturnDTO.returnType",
      "ReturnDTO.fastReturn", "ReturnItemDTO.marketSku", "ReturnItemDTO.shopSku", "ReturnItemDTO.count",
      "ReturnItemDTO.decisions", "ReturnItemDTO.tracks", "TrackDTO.trackCode",
      "ReturnDecisionDTO.returnItemId", "ReturnDecisionDTO.count", "ReturnDecisionDTO.comment",
      "ReturnDecisionDTO.reasonType", "ReturnDecisionDTO.subreasonType", "ReturnDecisionDTO.decisionType",
      "ReturnDecisionDTO.amount", "ReturnDecisionDTO.partnerCompensationAmount");

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

  /** One order, with its lines and money; it must carry its id. Every status the marketplace adds maps to OTHER. */
  public static Order order(BusinessOrderDTO order) {
    if (order.getOrderId() == null) {
      throw new IllegalArgumentException("the order carries no orderId");
    }
    String raw = order.getStatusAsString();
    boolean open = raw == null || !FINAL.contains(order.getStatus());
    List<OrderLine> lines = new ArrayList<>();
    if (order.getItems() != null) {
      for (BusinessOrderItemDTO item : order.getItems()) {
        if (item != null && item.getId() != null) {
          lines.add(line(item));
        }
      }
    }
    return new Order(Marketplace.YANDEX_MARKET, String.valueOf(order.getOrderId()),
        order.getCampaignId() == null ? null : String.valueOf(order.getCampaignId()), order.getExternalOrderId(),
        status(order.getStatus()), raw, order.getSubstatusAsString(), open,
        Boolean.TRUE.equals(order.getCancelRequested()), Boolean.TRUE.equals(order.getFake()),
        order.getCreationDate(), order.getUpdateDate(), order.getProgramTypeAsString(),
        order.getPaymentTypeAsString(), order.getPaymentMethodAsString(), lines, money(order.getPrices()));
  }

  private static OrderStatus status(OrderStatusType status) {
    if (status == null) {
      return OrderStatus.OTHER;
    }
    return switch (status) {
      case PLACING, RESERVED, UNPAID, PENDING -> OrderStatus.PLACED;
      case PROCESSING -> OrderStatus.PROCESSING;
      case DELIVERY, PICKUP -> OrderStatus.IN_DELIVERY;
      case DELIVERED -> OrderStatus.DELIVERED;
      case CANCELLED -> OrderStatus.CANCELLED;
      case RETURNED, PARTIALLY_RETURNED -> OrderStatus.RETURNED;
      default -> OrderStatus.OTHER;
    };
  }

  private static OrderLine line(BusinessOrderItemDTO item) {
    ItemPriceDTO prices = item.getPrices();
    return new OrderLine(String.valueOf(item.getId()), item.getOfferId(), item.getOfferName(),
        item.getCount() == null ? 0 : item.getCount(), prices == null ? null : money(prices.getPayment()),
        prices == null ? null : money(prices.getSubsidy()), prices == null ? null : money(prices.getCashback()),
        prices == null ? null : prices.getVatAsString());
  }

  private static OrderMoney money(OrderPriceDTO prices) {
    if (prices == null) {
      return OrderMoney.NONE;
    }
    DeliveryPriceDTO delivery = prices.getDelivery();
    return new OrderMoney(money(prices.getPayment()), money(prices.getSubsidy()), money(prices.getCashback()),
        delivery == null ? null : money(delivery.getPayment()), delivery == null ? null : money(delivery.getSubsidy()),
        delivery == null ? null : delivery.getVatAsString());
  }

  /** An amount with its currency ({@code RUR} becomes {@code RUB}); null when either is missing. */
  public static Money money(CurrencyValueDTO value) {
    if (value == null || value.getValue() == null || value.getCurrencyIdAsString() == null) {
      return null;
    }
    String code = value.getCurrencyIdAsString();
    return new Money(value.getValue(), "RUR".equals(code) ? "RUB" : code);
  }

  /** The returns of one page; a return without an id is skipped. */
  public static List<OrderReturn> returns(GetReturnsResponse response) {
    List<OrderReturn> out = new ArrayList<>();
    if (response != null && response.getResult() != null && response.getResult().getReturns() != null) {
      for (ReturnDTO item : response.getResult().getReturns()) {
        if (item != null && item.getId() != null) {
          out.add(orderReturn(item));
        }
      }
    }
    return out;
  }

  /** The return of {@code getReturn}. */
  public static OrderReturn orderReturn(GetReturnResponse response) {
    if (response == null || response.getResult() == null) {
      throw new IllegalArgumentException("the answer carries no return");
    }
    return orderReturn(response.getResult());
  }

  /** One return; it must carry its id. */
  public static OrderReturn orderReturn(ReturnDTO item) {
    if (item.getId() == null) {
      throw new IllegalArgumentException("the return carries no id");
    }
    ReturnType type = item.getReturnType();
    ReturnKind kind = type == ReturnType.RETURN ? ReturnKind.RETURN
        : type == ReturnType.UNREDEEMED ? ReturnKind.NOT_COLLECTED : ReturnKind.OTHER;
    List<ReturnLine> lines = new ArrayList<>();
    if (item.getItems() != null) {
      for (ReturnItemDTO line : item.getItems()) {
        if (line != null) {
          lines.add(returnLine(line));
        }
      }
    }
    return new OrderReturn(Marketplace.YANDEX_MARKET, String.valueOf(item.getId()),
        item.getOrderId() == null ? null : String.valueOf(item.getOrderId()), kind, item.getReturnTypeAsString(),
        item.getRefundStatusAsString(), item.getShipmentStatusAsString(), item.getShipmentRecipientTypeAsString(),
        Boolean.TRUE.equals(item.getFastReturn()), item.getCreationDate(), item.getUpdateDate(),
        item.getPickupTillDate(), money(item.getAmount()), lines);
  }

  private static ReturnLine returnLine(ReturnItemDTO line) {
    List<ReturnDecision> decisions = new ArrayList<>();
    if (line.getDecisions() != null) {
      for (ReturnDecisionDTO d : line.getDecisions()) {
        if (d != null) {
          decisions.add(new ReturnDecision(d.getReturnItemId() == null ? null : String.valueOf(d.getReturnItemId()),
              d.getCount(), d.getDecisionTypeAsString(), d.getReasonTypeAsString(), d.getSubreasonTypeAsString(),
              d.getComment(), money(d.getAmount()), money(d.getPartnerCompensationAmount())));
        }
      }
    }
    List<String> tracks = new ArrayList<>();
    if (line.getTracks() != null) {
      for (TrackDTO track : line.getTracks()) {
        if (track != null && track.getTrackCode() != null) {
          tracks.add(track.getTrackCode());
        }
      }
    }
    return new ReturnLine(line.getShopSku(), line.getMarketSku(), line.getCount() == null ? 0 : line.getCount(),
        decisions, tracks);
  }

  /** A row of a report's JSON form, every column kept. */
  public static ReportRow reportRow(Reports.Kind kind, ReportRows.Row row) {
    return reportRow(kind.path(), row);
  }

  /** A row of any report, named as its path names it. */
  public static ReportRow reportRow(String report, ReportRows.Row row) {
    return new ReportRow(Marketplace.YANDEX_MARKET, report, row.sheet(), row.table(), row.values());
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
