package com.marketplacecontracts.model.yandex;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.model.AsyncJob;
import com.marketplacecontracts.model.CheckState;
import com.marketplacecontracts.model.IdentifierCheck;
import com.marketplacecontracts.model.Issue;
import com.marketplacecontracts.model.JobState;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.MarketCard;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.model.MarketplaceError;
import com.marketplacecontracts.model.ModerationState;
import com.marketplacecontracts.model.SeedFiles;
import com.marketplacecontracts.yandex.model.ApiErrorResponse;
import com.marketplacecontracts.yandex.model.GetOfferMappingDTO;
import com.marketplacecontracts.yandex.model.GetOfferMappingEntriesResponse;
import com.marketplacecontracts.yandex.model.GetOfferMappingsResponse;
import com.marketplacecontracts.yandex.model.GetOperationsResponse;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import com.marketplacecontracts.yandex.model.OfferMappingEntryDTO;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YandexMapperTest {

  @Test
  void seedUinStatusMapsFieldByField() {
    GetOrderIdentifiersStatusResponse response = SeedFiles.decode("yandex-client", "001-uin-status-200.json",
        GetOrderIdentifiersStatusResponse.class);

    List<IdentifierCheck> checks = YandexMapper.identifierChecks(77L, response);

    assertThat(checks).containsExactly(
        new IdentifierCheck(Marketplace.YANDEX_MARKET, "77", "0", IdentifierCheck.Kind.UIN, "string",
            CheckState.PASSED, "OK", null, null, null));
  }

  @Test
  void uinsAndMarkingCodesMapWithKindSubstatusAndCheckTime() {
    GetOrderIdentifiersStatusResponse response = SeedFiles.decodeJson("{\"status\":\"OK\",\"result\":{\"items\":["
        + "{\"id\":1,\"uin\":[{\"value\":\"U1\",\"status\":\"FAILED\",\"substatus\":\"UIN_NO_DATA\"}],"
        + "\"cis\":[{\"value\":\"C1\",\"status\":\"INVALID\",\"substatus\":\"ITEM_SOLD\",\"crptRequestId\":\"r-1\","
        + "\"crptRequestDateTime\":\"2026-07-17T10:15:30+03:00\"}]},"
        + "{\"id\":2,\"uin\":null,\"cis\":[{\"value\":\"C2\",\"status\":\"FAILED\"},"
        + "{\"value\":\"C3\",\"status\":\"NOT_ON_VALIDATION\"},{\"value\":\"C4\",\"status\":\"RECHECK\"}]}]}}",
        GetOrderIdentifiersStatusResponse.class);

    List<IdentifierCheck> checks = YandexMapper.identifierChecks(9L, response);

    assertThat(checks).containsExactly(
        new IdentifierCheck(Marketplace.YANDEX_MARKET, "9", "1", IdentifierCheck.Kind.UIN, "U1", CheckState.FAILED,
            "FAILED", "UIN_NO_DATA", null, null),
        new IdentifierCheck(Marketplace.YANDEX_MARKET, "9", "1", IdentifierCheck.Kind.MARKING_CODE, "C1",
            CheckState.FAILED, "INVALID", "ITEM_SOLD", "r-1", OffsetDateTime.parse("2026-07-17T10:15:30+03:00")),
        new IdentifierCheck(Marketplace.YANDEX_MARKET, "9", "2", IdentifierCheck.Kind.MARKING_CODE, "C2",
            CheckState.CHECK_ERROR, "FAILED", null, null, null),
        new IdentifierCheck(Marketplace.YANDEX_MARKET, "9", "2", IdentifierCheck.Kind.MARKING_CODE, "C3",
            CheckState.NOT_SUBMITTED, "NOT_ON_VALIDATION", null, null, null),
        new IdentifierCheck(Marketplace.YANDEX_MARKET, "9", "2", IdentifierCheck.Kind.MARKING_CODE, "C4",
            CheckState.UNKNOWN, "RECHECK", null, null, null));
  }

  @Test
  void aBusinessCatalogOfferMapsFieldByField() {
    GetOfferMappingsResponse page = SeedFiles.decodeJson("{\"status\":\"OK\",\"result\":{\"offerMappings\":[{"
        + "\"offer\":{\"offerId\":\"SKU-1\",\"name\":\"Дрель\",\"vendor\":\"Makita\",\"vendorCode\":\"HP1630\","
        + "\"barcodes\":[\"4601\"],\"basicPrice\":{\"value\":5490.50,\"currencyId\":\"RUR\","
        + "\"updatedAt\":\"2026-07-01T09:30:00+03:00\"},\"cardStatus\":\"HAS_CARD_CAN_UPDATE\","
        + "\"campaigns\":[{\"campaignId\":11,\"status\":\"PUBLISHED\"},{\"campaignId\":12,\"status\":\"NO_STOCKS\"}]},"
        + "\"mapping\":{\"marketSku\":100956451345,\"marketCategoryId\":91597}}]}}", GetOfferMappingsResponse.class);

    Listing listing = YandexMapper.listings(page).get(0);

    assertThat(listing).isEqualTo(new Listing(Marketplace.YANDEX_MARKET, "SKU-1", null, null, "Дрель", "Makita",
        "HP1630", Set.of("4601"), new BigDecimal("5490.50"), ModerationState.NEEDS_ACTION,
        "HAS_CARD_CAN_UPDATE", List.of(new Issue("NO_STOCKS", null, "campaigns[12]")), List.of(),
        new MarketCard(100956451345L, null, 91597L), null, null, "RUB"));
  }

  @Test
  void theWorstShopStatusDecidesAndUnknownValuesKeepTheirRawValue() {
    GetOfferMappingDTO rejected = SeedFiles.decodeJson("{\"offer\":{\"offerId\":\"A\",\"cardStatus\":"
        + "\"NO_CARD_PROCESSING\",\"campaigns\":[{\"campaignId\":1,\"status\":\"CHECKING\"},"
        + "{\"campaignId\":2,\"status\":\"REJECTED_BY_MARKET\"}]}}", GetOfferMappingDTO.class);
    GetOfferMappingDTO unknown = SeedFiles.decodeJson("{\"offer\":{\"offerId\":\"B\",\"cardStatus\":"
        + "\"HAS_CARD_TELEPORTED\",\"campaigns\":[{\"campaignId\":3,\"status\":\"ON_MARS\"}]}}",
        GetOfferMappingDTO.class);

    Listing first = YandexMapper.listing(rejected);
    Listing second = YandexMapper.listing(unknown);

    assertThat(first.state()).isEqualTo(ModerationState.REJECTED);
    assertThat(first.issues()).extracting(Issue::code).containsExactly("CHECKING", "REJECTED_BY_MARKET");
    assertThat(second.state()).isEqualTo(ModerationState.UNKNOWN);
    assertThat(second.rawState()).isEqualTo("HAS_CARD_TELEPORTED");
    assertThat(second.issues()).extracting(Issue::code).containsExactly("ON_MARS");
    assertThat(second.currentCard()).isNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"HAS_CARD_CAN_NOT_UPDATE, ACCEPTED", "HAS_CARD_CAN_UPDATE, ACCEPTED",
      "HAS_CARD_CAN_UPDATE_ERRORS, NEEDS_ACTION", "HAS_CARD_CAN_UPDATE_PROCESSING, PENDING",
      "NO_CARD_NEED_CONTENT, NEEDS_ACTION", "NO_CARD_MARKET_WILL_CREATE, PENDING", "NO_CARD_ERRORS, NEEDS_ACTION",
      "NO_CARD_PROCESSING, PENDING", "NO_CARD_ADD_TO_CAMPAIGN, NEEDS_ACTION"})
  void everyDocumentedCardStatusHasAModerationState(String raw, ModerationState expected) {
    assertThat(YandexMapper.cardState(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"PUBLISHED, ACCEPTED", "CHECKING, PENDING", "DISABLED_BY_PARTNER, ACCEPTED",
      "DISABLED_AUTOMATICALLY, NEEDS_ACTION", "REJECTED_BY_MARKET, REJECTED", "CREATING_CARD, PENDING",
      "NO_CARD, NEEDS_ACTION", "NO_STOCKS, NEEDS_ACTION", "ARCHIVED, ACCEPTED", "READY_FOR_PUBLICATION, PENDING"})
  void everyDocumentedShopStatusHasAModerationState(String raw, ModerationState expected) {
    assertThat(YandexMapper.campaignState(raw)).isEqualTo(expected);
  }

  @Test
  void seedOfferEntryMapsFieldByField() {
    OfferMappingEntryDTO entry = SeedFiles.decode("yandex-client", "002-offer-mapping-entry.json",
        OfferMappingEntryDTO.class);

    Listing listing = YandexMapper.listing(entry);

    assertThat(listing.marketplace()).isEqualTo(Marketplace.YANDEX_MARKET);
    assertThat(listing.sellerSku()).isEqualTo("example");
    assertThat(listing.productId()).isNull();
    assertThat(listing.requestIndex()).isNull();
    assertThat(listing.name()).isEqualTo("Impact drill Makita HP1630, 710 W");
    assertThat(listing.vendor()).isEqualTo("LEVENHUK");
    assertThat(listing.vendorCode()).isEqualTo("VNDR-0005A");
    assertThat(listing.barcodes()).containsExactly("46012300000000");
    assertThat(listing.price()).isEqualByComparingTo(new BigDecimal("0.5"));
    assertThat(listing.state()).isEqualTo(ModerationState.UNKNOWN);
    assertThat(listing.rawState()).isEqualTo("UNKNOWN");
    assertThat(listing.issues()).isEmpty(); // the seed's notes list holds only null
    assertThat(listing.variants()).isEmpty();
    assertThat(listing.currentCard()).isEqualTo(new MarketCard(1L, 0L, 0L));
    assertThat(listing.awaitingCard()).isNull();
    assertThat(listing.rejectedCard()).isNull();
  }

  @Test
  void processingNotesBecomeIssues() {
    GetOfferMappingEntriesResponse page = SeedFiles.decodeJson("{\"status\":\"OK\",\"result\":{"
        + "\"offerMappingEntries\":[{\"offer\":{\"id\":\"SKU-1\",\"processingState\":{\"status\":\"NEED_INFO\","
        + "\"notes\":[{\"type\":\"NEED_PICTURES\",\"payload\":\"add photos\"},{\"type\":\"BRAND_NEW_NOTE\"}]}},"
        + "\"awaitingModerationMapping\":{\"marketSku\":5},\"rejectedMapping\":{\"marketSku\":6,\"categoryId\":9}}]}}",
        GetOfferMappingEntriesResponse.class);

    Listing listing = YandexMapper.listings(page).get(0);

    assertThat(listing.sellerSku()).isEqualTo("SKU-1");
    assertThat(listing.state()).isEqualTo(ModerationState.NEEDS_ACTION);
    assertThat(listing.issues()).containsExactly(new Issue("NEED_PICTURES", "add photos", null),
        new Issue("BRAND_NEW_NOTE", null, null));
    assertThat(listing.currentCard()).isNull();
    assertThat(listing.awaitingCard()).isEqualTo(new MarketCard(5L, null, null));
    assertThat(listing.rejectedCard()).isEqualTo(new MarketCard(6L, null, 9L));
  }

  @Test
  void seedOperationsMapFieldByField() {
    GetOperationsResponse response = SeedFiles.decode("yandex-client", "003-operations-200.json",
        GetOperationsResponse.class);

    assertThat(YandexMapper.operations(response)).containsExactly(new AsyncJob(Marketplace.YANDEX_MARKET,
        "example", "ORDER_RECIPIENT_UPDATE", JobState.IN_PROGRESS, "IN_PROGRESS", List.of()));
  }

  @Test
  void seedErrorMapsFieldByField() {
    ApiErrorResponse response = SeedFiles.decode("yandex-client", "001-uin-status-error.json",
        ApiErrorResponse.class);

    MarketplaceError error = YandexMapper.error(response, 403);

    assertThat(error.httpStatus()).isEqualTo(403);
    assertThat(error.issues()).containsExactly(new Issue("string", "string", null));
    assertThat(error.codes()).containsExactly("string");
  }

  @Test
  void unknownEnumValuesMapToUnknownWithTheRawValueKept() {
    GetOperationsResponse operations = SeedFiles.decodeJson("{\"result\":{\"operations\":[{\"id\":\"x\","
        + "\"type\":\"ORDER_TELEPORT\",\"status\":\"PAUSED\"}]}}", GetOperationsResponse.class);
    GetOrderIdentifiersStatusResponse uins = SeedFiles.decodeJson("{\"result\":{\"items\":[{\"id\":3,"
        + "\"uin\":[{\"value\":\"U\",\"status\":\"RECHECK\"}]}]}}", GetOrderIdentifiersStatusResponse.class);
    OfferMappingEntryDTO offer = SeedFiles.decodeJson("{\"offer\":{\"processingState\":{\"status\":\"FROZEN\"}}}",
        OfferMappingEntryDTO.class);

    AsyncJob job = YandexMapper.operations(operations).get(0);
    assertThat(job.state()).isEqualTo(JobState.UNKNOWN);
    assertThat(job.rawState()).isEqualTo("PAUSED");
    assertThat(job.type()).isEqualTo("ORDER_TELEPORT");
    IdentifierCheck check = YandexMapper.identifierChecks(1L, uins).get(0);
    assertThat(check.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(check.rawState()).isEqualTo("RECHECK");
    Listing listing = YandexMapper.listing(offer);
    assertThat(listing.state()).isEqualTo(ModerationState.UNKNOWN);
    assertThat(listing.rawState()).isEqualTo("FROZEN");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"READY, ACCEPTED", "IN_WORK, PENDING", "CONTENT_PROCESSING, PENDING", "REVIEW, PENDING",
      "NEED_INFO, NEEDS_ACTION", "NEED_CONTENT, NEEDS_ACTION", "NEED_MAPPING, NEEDS_ACTION",
      "CREATE_ERROR, NEEDS_ACTION", "UPDATE_ERROR, NEEDS_ACTION", "REJECTED, REJECTED", "SUSPENDED, REJECTED",
      "UNKNOWN, UNKNOWN"})
  void everyDocumentedOfferStatusHasAModerationState(String raw, ModerationState expected) {
    assertThat(YandexMapper.moderationState(raw)).isEqualTo(expected);
  }

  @Test
  void emptyAndNullAnswersMapToEmptyResults() {
    assertThat(YandexMapper.listings(new GetOfferMappingEntriesResponse())).isEmpty();
    assertThat(YandexMapper.listings(new GetOfferMappingsResponse())).isEmpty();
    assertThat(YandexMapper.listing(new GetOfferMappingDTO()).state()).isEqualTo(ModerationState.UNKNOWN);
    assertThat(YandexMapper.operations(null)).isEmpty();
    assertThat(YandexMapper.identifierChecks(1L, new GetOrderIdentifiersStatusResponse())).isEmpty();
    assertThat(YandexMapper.error(new ApiErrorResponse(), 500).issues()).isEmpty();
    Listing bare = YandexMapper.listing(new OfferMappingEntryDTO());
    assertThat(bare.state()).isEqualTo(ModerationState.UNKNOWN);
    assertThat(bare.barcodes()).isEmpty();
  }
}
