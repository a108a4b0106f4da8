package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.yandex.model.BusinessOrderBoxLayoutDTO;
import com.marketplacecontracts.yandex.model.BusinessOrderBoxLayoutItemDTO;
import com.marketplacecontracts.yandex.model.BusinessOrderDTO;
import com.marketplacecontracts.yandex.model.BusinessOrderDeliveryDTO;
import com.marketplacecontracts.yandex.model.BusinessOrderDeliveryDatesDTO;
import com.marketplacecontracts.yandex.model.BusinessOrderItemDTO;
import com.marketplacecontracts.yandex.model.BusinessOrderShipmentDTO;
import com.marketplacecontracts.yandex.model.CurrencyType;
import com.marketplacecontracts.yandex.model.CurrencyValueDTO;
import com.marketplacecontracts.yandex.model.DeliveryPriceDTO;
import com.marketplacecontracts.yandex.model.GetBusinessOrdersResponse;
import com.marketplacecontracts.yandex.model.ItemPriceDTO;
import com.marketplacecontracts.yandex.model.OrderBuyerType;
import com.marketplacecontracts.yandex.model.OrderDeliveryDispatchType;
import com.marketplacecontracts.yandex.model.OrderDeliveryPartnerType;
import com.marketplacecontracts.yandex.model.OrderDeliveryType;
import com.marketplacecontracts.yandex.model.OrderItemInstanceDTO;
import com.marketplacecontracts.yandex.model.OrderItemUnitStatusDTO;
import com.marketplacecontracts.yandex.model.OrderItemUnitStatusType;
import com.marketplacecontracts.yandex.model.OrderPaymentMethodType;
import com.marketplacecontracts.yandex.model.OrderPaymentType;
import com.marketplacecontracts.yandex.model.OrderPriceDTO;
import com.marketplacecontracts.yandex.model.OrderSourcePlatformType;
import com.marketplacecontracts.yandex.model.OrderStatusType;
import com.marketplacecontracts.yandex.model.OrderSubstatusType;
import com.marketplacecontracts.yandex.model.OrderTrackDTO;
import com.marketplacecontracts.yandex.model.OrderVatType;
import com.marketplacecontracts.yandex.model.PackagingForwardScrollingPagerDTO;
import com.marketplacecontracts.yandex.model.SellingProgramType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Pages of the business order list ({@code getBusinessOrders}, the seller's daily loop): 50 orders a page (the
 * marketplace's maximum), each with one to three items, prices, delivery dates, shipment, boxes and a track; varied,
 * seeded values, encoded by the client's own Moshi.
 */
final class OrderPages {

  /** Orders per page: the most {@code getBusinessOrders} answers. */
  static final int PAGE_SIZE = 50;

  private OrderPages() {
  }

  static GetBusinessOrdersResponse page(int size, String nextPageToken, long seed) {
    Random random = new Random(seed);
    List<BusinessOrderDTO> orders = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      orders.add(order(random, seed * 1_000_000 + i));
    }
    return new GetBusinessOrdersResponse().orders(orders)
        .paging(nextPageToken == null ? null : new PackagingForwardScrollingPagerDTO().nextPageToken(nextPageToken));
  }

  static byte[] json(GetBusinessOrdersResponse page) {
    return MoshiFactory.create().adapter(GetBusinessOrdersResponse.class).toJson(page)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static BusinessOrderDTO order(Random random, long n) {
    OffsetDateTime created = OffsetDateTime.of(2026, 1 + random.nextInt(11), 1 + random.nextInt(28),
        random.nextInt(24), random.nextInt(60), random.nextInt(60), 0, ZoneOffset.ofHours(3));
    LocalDate shipment = created.toLocalDate().plusDays(1 + random.nextInt(3));
    List<BusinessOrderItemDTO> items = new ArrayList<>();
    List<BusinessOrderBoxLayoutItemDTO> boxItems = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      long itemId = n * 10 + i;
      int units = 1 + random.nextInt(4);
      BigDecimal price = BigDecimal.valueOf(19_900 + random.nextInt(2_000_000), 2);
      total = total.add(price.multiply(BigDecimal.valueOf(units)));
      items.add(new BusinessOrderItemDTO().id(itemId).offerId("SKU-" + (100_000 + random.nextInt(900_000)))
          .offerName("Ударная дрель Makita HP" + (1000 + random.nextInt(9000)) + ", кейс и набор свёрл")
          .count(units)
          .prices(new ItemPriceDTO().payment(rub(price)).subsidy(rub(BigDecimal.valueOf(random.nextInt(50_000), 2)))
              .vat(OrderVatType.VAT_20))
          .instances(List.of(new OrderItemInstanceDTO().cis("010460123456789021" + Long.toHexString(itemId))))
          .itemStatuses(List.of(new OrderItemUnitStatusDTO().status(OrderItemUnitStatusType.CREATED)
              .count((long) units))));
      boxItems.add(new BusinessOrderBoxLayoutItemDTO().id(itemId).fullCount(units));
    }
    return new BusinessOrderDTO().orderId(50_000_000_000L + n).campaignId(21_000_000L + random.nextInt(10))
        .programType(random.nextBoolean() ? SellingProgramType.FBS : SellingProgramType.DBS)
        .externalOrderId("EXT-" + n)
        .status(OrderStatusType.PROCESSING).substatus(OrderSubstatusType.STARTED)
        .creationDate(created).updateDate(created.plusMinutes(5 + random.nextInt(600)))
        .paymentType(OrderPaymentType.PREPAID).paymentMethod(OrderPaymentMethodType.YANDEX)
        .fake(false)
        .items(items)
        .prices(new OrderPriceDTO().payment(rub(total)).subsidy(rub(BigDecimal.valueOf(random.nextInt(90_000), 2)))
            .delivery(new DeliveryPriceDTO().payment(rub(BigDecimal.valueOf(9_900, 2))).vat(OrderVatType.VAT_20)))
        .delivery(new BusinessOrderDeliveryDTO().type(OrderDeliveryType.DELIVERY).serviceName("Маркет Курьер")
            .deliveryServiceId(1_005_111L).warehouseId("WH-" + random.nextInt(50))
            .deliveryPartnerType(OrderDeliveryPartnerType.YANDEX_MARKET)
            .dispatchType(OrderDeliveryDispatchType.BUYER)
            .dates(new BusinessOrderDeliveryDatesDTO().fromDate(shipment.plusDays(1)).toDate(shipment.plusDays(3))
                .fromTime("09:00").toTime("21:00"))
            .shipment(new BusinessOrderShipmentDTO().id(70_000_000L + n).shipmentDate(shipment).shipmentTime("14:00"))
            .boxesLayout(List.of(new BusinessOrderBoxLayoutDTO().boxId(80_000_000L + n).barcode("BOX-" + n)
                .items(boxItems)))
            .tracks(List.of(new OrderTrackDTO().trackCode("TRK" + Long.toString(n, 36).toUpperCase())
                .deliveryServiceId(1_005_111L)))
            .estimated(random.nextInt(10) == 0))
        .buyerType(OrderBuyerType.PERSON)
        .notes(random.nextInt(4) == 0 ? "Позвонить за час до доставки, домофон не работает" : null)
        .cancelRequested(false)
        .sourcePlatform(OrderSourcePlatformType.MARKET);
  }

  private static CurrencyValueDTO rub(BigDecimal value) {
    return new CurrencyValueDTO().value(value).currencyId(CurrencyType.RUR);
  }
}
