package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.yandex.model.ApiResponseStatusType;
import com.marketplacecontracts.yandex.model.DayOfWeekType;
import com.marketplacecontracts.yandex.model.GetOfferMappingEntriesResponse;
import com.marketplacecontracts.yandex.model.MappingsOfferDTO;
import com.marketplacecontracts.yandex.model.OfferAvailabilityStatusType;
import com.marketplacecontracts.yandex.model.OfferMappingDTO;
import com.marketplacecontracts.yandex.model.OfferMappingEntriesDTO;
import com.marketplacecontracts.yandex.model.OfferMappingEntryDTO;
import com.marketplacecontracts.yandex.model.OfferProcessingNoteDTO;
import com.marketplacecontracts.yandex.model.OfferProcessingNoteType;
import com.marketplacecontracts.yandex.model.OfferProcessingStateDTO;
import com.marketplacecontracts.yandex.model.OfferProcessingStatusType;
import com.marketplacecontracts.yandex.model.LegacyWeightDimensionsDTO;
import com.marketplacecontracts.yandex.model.ScrollingPagerDTO;
import com.marketplacecontracts.yandex.model.LegacyTimePeriodDTO;
import com.marketplacecontracts.yandex.model.TimeUnitType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Realistic catalog pages: every offer field of the spec filled with varied, plausible values (seeded random, so
 * runs are repeatable), encoded by the client's own Moshi.
 */
final class OfferPages {

  private OfferPages() {
  }

  /** A page of {@code size} offers whose paging points at {@code nextPageToken} (null on the last page). */
  static GetOfferMappingEntriesResponse page(int size, String nextPageToken, long seed) {
    Random random = new Random(seed);
    List<OfferMappingEntryDTO> entries = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      entries.add(entry(random, seed * 100_000 + i));
    }
    return new GetOfferMappingEntriesResponse().status(ApiResponseStatusType.OK)
        .result(new OfferMappingEntriesDTO()
            .paging(new ScrollingPagerDTO().nextPageToken(nextPageToken).prevPageToken(seed > 0 ? "p" + seed : null))
            .offerMappingEntries(entries));
  }

  static byte[] json(GetOfferMappingEntriesResponse page) {
    return MoshiFactory.create().adapter(GetOfferMappingEntriesResponse.class).toJson(page)
        .getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("deprecation")
  private static OfferMappingEntryDTO entry(Random random, long n) {
    String sku = "SKU-" + n;
    OfferProcessingStatusType[] statuses = OfferProcessingStatusType.values();
    MappingsOfferDTO offer = new MappingsOfferDTO()
        .name("Ударная дрель Makita HP" + (1000 + random.nextInt(9000)) + ", " + (300 + random.nextInt(900)) + " Вт")
        .shopSku(sku)
        .category("Электроинструменты/Дрели")
        .vendor(random.nextBoolean() ? "Makita" : "LEVENHUK")
        .vendorCode("VNDR-" + Long.toHexString(random.nextLong()).toUpperCase())
        .description("Мощная ударная дрель для сверления бетона, кирпича и дерева. ".repeat(3 + random.nextInt(4)))
        .id(sku)
        .feedId(1_000_000L + random.nextInt(1000))
        .barcodes(set("4601230" + (100000 + random.nextInt(899999)), "4607" + (100000000 + random.nextInt(8999999))))
        .urls(set("https://shop.example/p/" + n, "https://shop.example/p/" + n + "/specs"))
        .pictures(List.of("https://img.example/" + n + "/1.jpg", "https://img.example/" + n + "/2.jpg",
            "https://img.example/" + n + "/3.jpg"))
        .manufacturer("Makita Corporation, Anjo, Aichi, Japan")
        .manufacturerCountries(set("Япония", "Китай"))
        .minShipment(10 + random.nextInt(90))
        .transportUnitSize(1 + random.nextInt(12))
        .quantumOfSupply(1 + random.nextInt(10))
        .deliveryDurationDays(1 + random.nextInt(14))
        .boxCount(1 + random.nextInt(3))
        .customsCommodityCodes(set("8467211000"))
        .weightDimensions(new LegacyWeightDimensionsDTO()
            .length(BigDecimal.valueOf(10_000 + random.nextInt(90_000), 3))
            .width(BigDecimal.valueOf(5_000 + random.nextInt(50_000), 3))
            .height(BigDecimal.valueOf(2_000 + random.nextInt(20_000), 3))
            .weight(BigDecimal.valueOf(100 + random.nextInt(9_000), 3)))
        .supplyScheduleDays(new LinkedHashSet<>(List.of(DayOfWeekType.MONDAY, DayOfWeekType.THURSDAY)))
        .shelfLifeDays(365)
        .lifeTimeDays(1825)
        .guaranteePeriodDays(730)
        .processingState(new OfferProcessingStateDTO()
            .status(statuses[random.nextInt(statuses.length - 1)])
            .notes(List.of(new OfferProcessingNoteDTO().type(OfferProcessingNoteType.NEED_PICTURES)
                .payload("Нужны фотографии товара в упаковке"))))
        .availability(OfferAvailabilityStatusType.ACTIVE)
        .shelfLife(period(365, TimeUnitType.DAY))
        .lifeTime(period(5, TimeUnitType.YEAR))
        .guaranteePeriod(period(24, TimeUnitType.MONTH))
        .certificate("RU Д-JP.РА01.В." + (10000 + random.nextInt(89999)))
        .price(BigDecimal.valueOf(100_000 + random.nextInt(9_000_000), 2));
    return new OfferMappingEntryDTO().offer(offer)
        .mapping(mapping(random))
        .awaitingModerationMapping(mapping(random))
        .rejectedMapping(mapping(random));
  }

  private static LegacyTimePeriodDTO period(int amount, TimeUnitType unit) {
    return new LegacyTimePeriodDTO().timePeriod(amount).timeUnit(unit).comment("Согласно инструкции производителя");
  }

  private static OfferMappingDTO mapping(Random random) {
    return new OfferMappingDTO().marketSku(100_000_000_000L + random.nextInt(1_000_000_000))
        .modelId(1_000_000L + random.nextInt(1_000_000)).categoryId(90_000L + random.nextInt(1000));
  }

  private static Set<String> set(String... values) {
    return new LinkedHashSet<>(List.of(values));
  }
}
