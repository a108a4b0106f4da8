package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.yandex.model.ApiResponseStatusType;
import com.marketplacecontracts.yandex.model.CommodityCodeDTO;
import com.marketplacecontracts.yandex.model.CommodityCodeType;
import com.marketplacecontracts.yandex.model.CurrencyType;
import com.marketplacecontracts.yandex.model.PackagingForwardScrollingPagerDTO;
import com.marketplacecontracts.yandex.model.GetMappingDTO;
import com.marketplacecontracts.yandex.model.GetOfferDTO;
import com.marketplacecontracts.yandex.model.GetOfferMappingDTO;
import com.marketplacecontracts.yandex.model.GetOfferMappingsResponse;
import com.marketplacecontracts.yandex.model.GetOfferMappingsResultDTO;
import com.marketplacecontracts.yandex.model.GetPriceDTO;
import com.marketplacecontracts.yandex.model.GetPriceWithDiscountDTO;
import com.marketplacecontracts.yandex.model.MediaFileUploadStateType;
import com.marketplacecontracts.yandex.model.OfferCampaignStatusDTO;
import com.marketplacecontracts.yandex.model.OfferCampaignStatusType;
import com.marketplacecontracts.yandex.model.OfferCardStatusType;
import com.marketplacecontracts.yandex.model.OfferMediaFileDTO;
import com.marketplacecontracts.yandex.model.OfferMediaFilesDTO;
import com.marketplacecontracts.yandex.model.OfferSellingProgramDTO;
import com.marketplacecontracts.yandex.model.OfferSellingProgramStatusType;
import com.marketplacecontracts.yandex.model.TimePeriodDTO;
import com.marketplacecontracts.yandex.model.SellingProgramType;
import com.marketplacecontracts.yandex.model.ShowcaseType;
import com.marketplacecontracts.yandex.model.ShowcaseUrlDTO;
import com.marketplacecontracts.yandex.model.TimeUnitType;
import com.marketplacecontracts.yandex.model.OfferWeightDimensionsDTO;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Realistic pages of the business catalog ({@code getOfferMappings}): the offer fields a seller's catalog fills, with
 * varied, plausible values (seeded random, so runs are repeatable), encoded by the client's own Moshi. The
 * marketplace answers at most 100 offers a page.
 */
final class CatalogPages {

  private CatalogPages() {
  }

  /** A page of {@code size} offers whose paging points at {@code nextPageToken} (null on the last page). */
  static GetOfferMappingsResponse page(int size, String nextPageToken, long seed) {
    Random random = new Random(seed);
    List<GetOfferMappingDTO> offers = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      offers.add(offer(random, seed * 100_000 + i));
    }
    return new GetOfferMappingsResponse().status(ApiResponseStatusType.OK)
        .result(new GetOfferMappingsResultDTO()
            .paging(nextPageToken == null ? null : new PackagingForwardScrollingPagerDTO().nextPageToken(nextPageToken))
            .offerMappings(offers));
  }

  static byte[] json(GetOfferMappingsResponse page) {
    return MoshiFactory.create().adapter(GetOfferMappingsResponse.class).toJson(page)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static GetOfferMappingDTO offer(Random random, long n) {
    String sku = "SKU-" + n;
    OfferCardStatusType[] cards = OfferCardStatusType.values();
    OfferCampaignStatusType[] shops = OfferCampaignStatusType.values();
    OffsetDateTime updated = OffsetDateTime.of(2026, 1 + random.nextInt(7), 1 + random.nextInt(28),
        random.nextInt(24), random.nextInt(60), random.nextInt(60), 0, ZoneOffset.ofHours(3));
    GetOfferDTO offer = new GetOfferDTO()
        .offerId(sku)
        .name("Ударная дрель Makita HP" + (1000 + random.nextInt(9000)) + ", " + (300 + random.nextInt(900)) + " Вт")
        .marketCategoryId(91_597L + random.nextInt(100))
        .pictures(List.of("https://img.example/" + n + "/1.jpg", "https://img.example/" + n + "/2.jpg",
            "https://img.example/" + n + "/3.jpg"))
        .vendor(random.nextBoolean() ? "Makita" : "LEVENHUK")
        .barcodes(set("4601230" + (100000 + random.nextInt(899999)), "4607" + (100000000 + random.nextInt(8999999))))
        .description("Мощная ударная дрель для сверления бетона, кирпича и дерева. ".repeat(3 + random.nextInt(4)))
        .manufacturerCountries(set("Япония", "Китай"))
        .weightDimensions(new OfferWeightDimensionsDTO()
            .length(BigDecimal.valueOf(10_000 + random.nextInt(90_000), 3))
            .width(BigDecimal.valueOf(5_000 + random.nextInt(50_000), 3))
            .height(BigDecimal.valueOf(2_000 + random.nextInt(20_000), 3))
            .weight(BigDecimal.valueOf(100 + random.nextInt(9_000), 3)))
        .vendorCode("VNDR-" + Long.toHexString(random.nextLong()).toUpperCase())
        .tags(set("электроинструмент", "сезон-" + random.nextInt(4)))
        .shelfLife(period(5, TimeUnitType.YEAR))
        .guaranteePeriod(period(24, TimeUnitType.MONTH))
        .commodityCodes(List.of(new CommodityCodeDTO().code("8467211000").type(CommodityCodeType.CUSTOMS_COMMODITY_CODE)))
        .certificates(set("RU Д-JP.РА01.В." + (10000 + random.nextInt(89999))))
        .boxCount(1 + random.nextInt(3))
        .basicPrice(new GetPriceWithDiscountDTO().value(BigDecimal.valueOf(100_000 + random.nextInt(9_000_000), 2))
            .currencyId(CurrencyType.RUR).discountBase(BigDecimal.valueOf(9_990_000, 2)).updatedAt(updated))
        .purchasePrice(new GetPriceDTO().value(BigDecimal.valueOf(50_000 + random.nextInt(4_000_000), 2))
            .currencyId(CurrencyType.RUR).updatedAt(updated.minusDays(3)))
        .cardStatus(cards[random.nextInt(cards.length - 1)])
        .campaigns(List.of(
            new OfferCampaignStatusDTO().campaignId(1_234_567L).status(shops[random.nextInt(shops.length - 1)]),
            new OfferCampaignStatusDTO().campaignId(7_654_321L).status(shops[random.nextInt(shops.length - 1)])))
        .sellingPrograms(List.of(
            new OfferSellingProgramDTO().sellingProgram(SellingProgramType.FBS)
                .status(OfferSellingProgramStatusType.FINE),
            new OfferSellingProgramDTO().sellingProgram(SellingProgramType.FBY)
                .status(OfferSellingProgramStatusType.REJECT)))
        .mediaFiles(new OfferMediaFilesDTO().pictures(List.of(new OfferMediaFileDTO()
            .url("https://img.example/" + n + "/1.jpg").title("Вид спереди")
            .uploadState(MediaFileUploadStateType.UPLOADED))))
        .archived(false)
        .groupId("G-" + (n / 4));
    GetMappingDTO mapping = new GetMappingDTO().marketSku(100_000_000_000L + random.nextInt(1_000_000_000))
        .marketSkuName("Ударная дрель Makita").marketCategoryId(91_597L).marketCategoryName("Дрели");
    return new GetOfferMappingDTO().offer(offer).mapping(mapping)
        .showcaseUrls(List.of(new ShowcaseUrlDTO().showcaseType(ShowcaseType.B2_C)
            .showcaseUrl("https://market.yandex.ru/card/" + n)));
  }

  private static TimePeriodDTO period(int amount, TimeUnitType unit) {
    return new TimePeriodDTO().timePeriod(amount).timeUnit(unit).comment("Согласно инструкции производителя");
  }

  private static Set<String> set(String... values) {
    return new LinkedHashSet<>(List.of(values));
  }
}
