package com.marketplacecontracts.model.yandex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.model.Money;
import com.marketplacecontracts.model.Order;
import com.marketplacecontracts.model.OrderLine;
import com.marketplacecontracts.model.OrderReturn;
import com.marketplacecontracts.model.OrderStatus;
import com.marketplacecontracts.model.ReportRow;
import com.marketplacecontracts.model.ReturnDecision;
import com.marketplacecontracts.model.ReturnKind;
import com.marketplacecontracts.model.ReturnLine;
import com.marketplacecontracts.yandex.day.ReportRows;
import com.marketplacecontracts.yandex.day.Reports;
import com.marketplacecontracts.yandex.model.GetReturnsResponse;
import java.util.List;
import java.util.Map;
import com.marketplacecontracts.model.Price;
import com.marketplacecontracts.model.SeedFiles;
import com.marketplacecontracts.model.StockLevel;
import com.marketplacecontracts.yandex.model.CurrencyType;
import com.marketplacecontracts.yandex.model.GetBusinessOrdersResponse;
import com.marketplacecontracts.yandex.model.OfferPriceDTO;
import com.marketplacecontracts.yandex.model.UpdateStockDTO;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class YandexSellerDayMapperTest {

  @Test
  void ordersKeepIdRawStatusAndCreationTimeAndOnlyKnownFinalStatusesAreClosed() {
    GetBusinessOrdersResponse response = SeedFiles.decodeJson("{\"orders\":["
        + "{\"orderId\":1,\"status\":\"PROCESSING\",\"creationDate\":\"2026-01-05T10:00:00+03:00\"},"
        + "{\"orderId\":2,\"status\":\"DELIVERED\"},"
        + "{\"orderId\":3,\"status\":\"CANCELLED\"},"
        + "{\"orderId\":4,\"status\":\"SOME_NEW_STATUS\"},"
        + "{\"status\":\"PROCESSING\"},"
        + "{\"orderId\":5}],\"paging\":{}}", GetBusinessOrdersResponse.class);

    assertThat(YandexSellerDayMapper.orders(response)).extracting(Order::orderId, Order::rawStatus, Order::open,
        Order::createdAt, Order::status).containsExactly(
        tuple("1", "PROCESSING", true, OffsetDateTime.parse("2026-01-05T10:00:00+03:00"), OrderStatus.PROCESSING),
        tuple("2", "DELIVERED", false, null, OrderStatus.DELIVERED),
        tuple("3", "CANCELLED", false, null, OrderStatus.CANCELLED),
        tuple("4", "SOME_NEW_STATUS", true, null, OrderStatus.OTHER),
        tuple("5", null, true, null, OrderStatus.OTHER));
    assertThat(YandexSellerDayMapper.orders(null)).isEmpty();
  }

  @Test
  void aPriceCarriesItsCurrencyBothWaysWithTheRoubleAsYandexSpellsIt() {
    Price price = new Price("offer-1", new BigDecimal("199.90"), Currency.getInstance("RUB"));

    OfferPriceDTO dto = YandexSellerDayMapper.offerPrice(price);

    assertThat(dto.getOfferId()).isEqualTo("offer-1");
    assertThat(dto.getPrice().getValue()).isEqualByComparingTo("199.90");
    assertThat(dto.getPrice().getCurrencyId()).isEqualTo(CurrencyType.RUR);
    assertThat(YandexSellerDayMapper.price(dto)).isEqualTo(price);
    assertThatThrownBy(() -> YandexSellerDayMapper.offerPrice(
        new Price("offer-2", BigDecimal.ONE, Currency.getInstance("XAU"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XAU");
    assertThatThrownBy(() -> new Price("offer-3", BigDecimal.ZERO, Currency.getInstance("RUB")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aZeroStockIsAStockOfZero() {
    UpdateStockDTO dto = YandexSellerDayMapper.stock(new StockLevel("sku-1", 0));

    assertThat(dto.getSku()).isEqualTo("sku-1");
    assertThat(dto.getItems()).singleElement().satisfies(item -> assertThat(item.getCount()).isZero());
    assertThatThrownBy(() -> new StockLevel("sku-2", -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOrderCarriesItsShopLinesAndMoneyEachAmountWithItsCurrency() {
    GetBusinessOrdersResponse response = SeedFiles.decodeJson("{\"orders\":[{\"orderId\":12345678901,"
        + "\"campaignId\":5,\"externalOrderId\":\"S-1\",\"programType\":\"FBS\",\"status\":\"PROCESSING\","
        + "\"substatus\":\"STARTED\",\"updateDate\":\"2026-01-06T10:00:00+03:00\",\"paymentType\":\"PREPAID\","
        + "\"paymentMethod\":\"YANDEX\",\"fake\":true,\"cancelRequested\":true,"
        + "\"items\":[{\"id\":7,\"offerId\":\"SKU-1\",\"offerName\":\"Drill\",\"count\":2,"
        + "\"prices\":{\"payment\":{\"value\":100.5,\"currencyId\":\"RUR\"},"
        + "\"subsidy\":{\"value\":10,\"currencyId\":\"RUR\"},\"vat\":\"VAT_20\"}}],"
        + "\"prices\":{\"payment\":{\"value\":201,\"currencyId\":\"KZT\"},"
        + "\"delivery\":{\"payment\":{\"value\":99,\"currencyId\":\"NEW_COIN\"},\"vat\":\"VAT_22\"}}}]}",
        GetBusinessOrdersResponse.class);

    Order order = YandexSellerDayMapper.orders(response).get(0);

    assertThat(order.orderId()).isEqualTo("12345678901");
    assertThat(order.shopId()).isEqualTo("5");
    assertThat(order.externalOrderId()).isEqualTo("S-1");
    assertThat(order.rawSubstatus()).isEqualTo("STARTED");
    assertThat(order.rawProgram()).isEqualTo("FBS");
    assertThat(order.rawPaymentType()).isEqualTo("PREPAID");
    assertThat(order.rawPaymentMethod()).isEqualTo("YANDEX");
    assertThat(order.test()).isTrue();
    assertThat(order.cancelRequested()).isTrue();
    assertThat(order.updatedAt()).isEqualTo(OffsetDateTime.parse("2026-01-06T10:00:00+03:00"));
    assertThat(order.lines()).containsExactly(new OrderLine("7", "SKU-1", "Drill", 2,
        new Money(new BigDecimal("100.5"), "RUB"), new Money(new BigDecimal("10"), "RUB"), null, "VAT_20"));
    assertThat(order.money().payment()).isEqualTo(new Money(new BigDecimal("201"), "KZT"));
    assertThat(order.money().deliveryPayment()).isEqualTo(new Money(new BigDecimal("99"), "NEW_COIN"));
    assertThat(order.money().deliveryPayment().isoCurrency()).isEmpty();
    assertThat(order.money().payment().isoCurrency()).contains(Currency.getInstance("KZT"));
    assertThat(order.money().rawDeliveryVat()).isEqualTo("VAT_22");
  }

  @Test
  void returnsKeepTheirRawStatusesKindLinesDecisionsAndRefundWithCurrency() {
    GetReturnsResponse response = SeedFiles.decodeJson("{\"status\":\"OK\",\"result\":{\"returns\":["
        + "{\"id\":3,\"orderId\":12,\"returnType\":\"UNREDEEMED\",\"refundStatus\":\"REFUNDED\","
        + "\"shipmentStatus\":\"IN_TRANSIT\",\"shipmentRecipientType\":\"SHOP\",\"fastReturn\":true,"
        + "\"amount\":{\"value\":50,\"currencyId\":\"RUR\"},\"items\":[{\"marketSku\":99,\"shopSku\":\"SKU-1\","
        + "\"count\":1,\"tracks\":[{\"trackCode\":\"T-1\"}],\"decisions\":[{\"returnItemId\":8,\"count\":1,"
        + "\"decisionType\":\"REFUND_MONEY\",\"reasonType\":\"BAD_QUALITY\",\"comment\":\"broken\","
        + "\"amount\":{\"value\":50,\"currencyId\":\"RUR\"}}]}]},"
        + "{\"id\":4,\"orderId\":13,\"returnType\":\"BRAND_NEW_KIND\",\"refundStatus\":\"SOMETHING_NEW\","
        + "\"items\":[]}]}}", GetReturnsResponse.class);

    List<OrderReturn> returns = YandexSellerDayMapper.returns(response);

    assertThat(returns).hasSize(2);
    OrderReturn first = returns.get(0);
    assertThat(first.kind()).isEqualTo(ReturnKind.NOT_COLLECTED);
    assertThat(first.rawShipmentStatus()).isEqualTo("IN_TRANSIT");
    assertThat(first.rawRecipientType()).isEqualTo("SHOP");
    assertThat(first.fast()).isTrue();
    assertThat(first.amount()).isEqualTo(new Money(new BigDecimal("50"), "RUB"));
    assertThat(first.lines()).containsExactly(new ReturnLine("SKU-1", 99L, 1, List.of(new ReturnDecision("8", 1,
        "REFUND_MONEY", "BAD_QUALITY", null, "broken", new Money(new BigDecimal("50"), "RUB"), null)),
        List.of("T-1")));
    assertThat(returns.get(1).kind()).isEqualTo(ReturnKind.OTHER);
    assertThat(returns.get(1).rawKind()).isEqualTo("BRAND_NEW_KIND");
    assertThat(returns.get(1).rawRefundStatus()).isEqualTo("SOMETHING_NEW");
  }

  @Test
  void aReportRowKeepsEveryColumnInOrder() {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("ORDER_ID", new BigDecimal("1"));
    values.put("ADDED_LATER", "x");
    ReportRow row = YandexSellerDayMapper.reportRow(Reports.Kind.UNITED_NETTING,
        new ReportRows.Row("netting", null, values));

    assertThat(row.report()).isEqualTo("united-netting");
    assertThat(row.marketplace()).isEqualTo(Marketplace.YANDEX_MARKET);
    assertThat(row.values().keySet()).containsExactly("ORDER_ID", "ADDED_LATER");
  }
}
