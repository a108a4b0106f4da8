package com.marketplacecontracts.model.yandex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.model.Order;
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

    assertThat(YandexSellerDayMapper.orders(response)).containsExactly(
        new Order(Marketplace.YANDEX_MARKET, "1", "PROCESSING", true,
            OffsetDateTime.parse("2026-01-05T10:00:00+03:00")),
        new Order(Marketplace.YANDEX_MARKET, "2", "DELIVERED", false, null),
        new Order(Marketplace.YANDEX_MARKET, "3", "CANCELLED", false, null),
        new Order(Marketplace.YANDEX_MARKET, "4", "SOME_NEW_STATUS", true, null),
        new Order(Marketplace.YANDEX_MARKET, "5", null, true, null));
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
}
