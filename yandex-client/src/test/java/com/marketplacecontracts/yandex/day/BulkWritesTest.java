package com.marketplacecontracts.yandex.day;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.http.CheckpointRefusedException;
import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.PricesApi;
import com.marketplacecontracts.yandex.day.BulkWrite.State;
import com.marketplacecontracts.yandex.day.PriceWrites.PriceUpdate;
import com.marketplacecontracts.yandex.day.StockWrites.StockUpdate;
import com.marketplacecontracts.yandex.model.CurrencyType;
import com.marketplacecontracts.yandex.model.UpdateOfferMappingsRequest;
import com.marketplacecontracts.yandex.model.UpdateStockItemDTO;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bulk writes against a loopback server that enforces batch sizes, item-counted quotas and per-offer refusals. */
class BulkWritesTest {

  private static final long BUSINESS = 7L;
  private static final long CAMPAIGN = 9L;

  private final BulkServer server = new BulkServer();
  @TempDir
  Path dir;
  // functional tests: no client-side quota (the quota test sets its own)
  private YandexMarketClient client = client(RateLimitConfig.disabled(), RetryConfig.none());

  private YandexMarketClient client(RateLimitConfig limits, RetryConfig retry) {
    return YandexMarketClient.builder().baseUrl(server.url()).apiKey("ACMA:secret-key").rateLimit(limits)
        .retry(retry).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  static List<PriceUpdate> prices(int n, int base) {
    return IntStream.range(0, n).mapToObj(i -> new PriceUpdate("offer-" + i, BigDecimal.valueOf(base + i),
        CurrencyType.RUR, null)).toList();
  }

  @Test
  void aRefusalNamingOffersRejectsThoseWithTheirOwnCodeAndTheRestOfTheirRequestIsSentAgain() {
    server.refused.addAll(List.of("offer-17", "offer-2500"));
    Path checkpoint = dir.resolve("prices.ckpt");
    PriceWrites writes = PriceWrites.of(client, BUSINESS, CAMPAIGN, PriceWrites.Target.CAMPAIGN);

    BulkWrite.Report<PriceUpdate> report = writes.job(prices(5000, 100)).checkpoint(checkpoint).run();

    assertThat(report.in(State.REJECTED)).extracting(o -> o.item().offerId()).containsExactly("offer-17",
        "offer-2500");
    assertThat(report.in(State.REJECTED)).allSatisfy(o -> {
      assertThat(o.errorCode()).isEqualTo("INVALID_PRICE");
      assertThat(o.errorMessage()).contains(o.item().offerId()).contains("below the allowed minimum");
    });
    assertThat(report.count(State.ACCEPTED)).isEqualTo(4998);
    assertThat(server.received).hasSize(4998).doesNotContainKeys("offer-17", "offer-2500");
    assertThat(server.received.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));

    int before = server.requests.get();
    BulkWrite.Report<PriceUpdate> resumed = writes.job(prices(5000, 100)).checkpoint(checkpoint).run();
    assertThat(server.requests.get()).isEqualTo(before);
    assertThat(resumed.in(State.REJECTED)).hasSize(2).allSatisfy(o -> assertThat(o.errorCode())
        .isEqualTo("INVALID_PRICE"));
  }

  @Test
  void chunksKeepToTheItemQuotaWithoutA420AndProgressCountsDown() {
    client.close();
    // the marketplace's 10,000 offers a minute scaled to 4,000 a second, on both sides
    client = client(RateLimitConfig.fromSpec().withQuota("updatePrices", RateLimitConfig.Quota.items(4000,
        Duration.ofSeconds(1), "offers")), RetryConfig.none());
    server.quota(4000, 1000);
    List<BulkWrite.Progress> progress = new ArrayList<>();

    BulkWrite.Report<PriceUpdate> report = PriceWrites.of(client, BUSINESS, CAMPAIGN, PriceWrites.Target.CAMPAIGN)
        .job(prices(16_000, 1)).parallel(4).onProgress(p -> {
          synchronized (progress) {
            progress.add(p);
          }
        }).run();

    assertThat(report.in(State.NOT_SENT)).as("%s", report.in(State.NOT_SENT).stream().findFirst()
        .map(BulkWrite.Outcome::failure).orElse(null)).isEmpty();
    assertThat(report.count(State.ACCEPTED)).isEqualTo(16_000);
    assertThat(server.quota420.get()).isZero();
    assertThat(server.tooLarge.get()).isZero();
    assertThat(server.bodies).allSatisfy(body -> assertThat(body.split("\"offerId\"", -1).length - 1)
        .isLessThanOrEqualTo(2000));
    BulkWrite.Progress last = progress.stream().max((a, b) -> Integer.compare(a.done(), b.done())).orElseThrow();
    assertThat(last.done()).isEqualTo(16_000);
    assertThat(last.accepted()).isEqualTo(16_000);
    assertThat(last.itemsPerSecond()).isPositive();
    assertThat(last.remaining()).isEqualTo(Duration.ZERO);
  }

  @Test
  void chunksAreTheDeclaredBatchSizeAndNoLargerThanTheItemQuota() throws Exception {
    ApiOperation updatePrices = PricesApi.class.getMethod("updatePrices", Long.class,
        com.marketplacecontracts.yandex.model.UpdatePricesRequest.class).getAnnotation(ApiOperation.class);
    ApiOperation business = PricesApi.class.getMethod("updateBusinessPrices", Long.class,
        com.marketplacecontracts.yandex.model.UpdateBusinessPricesRequest.class).getAnnotation(ApiOperation.class);

    assertThat(BulkWrite.chunkSize(updatePrices, 0)).isEqualTo(2000);
    assertThat(BulkWrite.chunkSize(business, 0)).isEqualTo(500);
    // a whole number of chunks a window: 10,000 offers a minute in at most 300 a chunk are 34 chunks of 294
    assertThat(BulkWrite.chunkSize(updatePrices, 300)).isEqualTo(294);
    assertThat(BulkWrite.chunkSize(updatePrices, 1500)).isEqualTo(1428);
    assertThat(BulkWrite.chunkSize(business, 5000)).isEqualTo(500);
  }

  @Test
  void anIdempotentChunkWithoutAVerdictIsSentAgainByTheNextRunAndOnlyIt() {
    server.failing = n -> n == 1;
    Path checkpoint = dir.resolve("prices.ckpt");
    PriceWrites writes = PriceWrites.of(client, BUSINESS, null, PriceWrites.Target.BUSINESS);

    BulkWrite.Report<PriceUpdate> first = writes.job(prices(1500, 1)).checkpoint(checkpoint).run();
    assertThat(first.in(State.NOT_SENT)).hasSize(500).allSatisfy(o -> assertThat(o.position()).isBetween(500, 999));

    server.failing = n -> false;
    BulkWrite.Report<PriceUpdate> resumed = writes.job(prices(1500, 1)).checkpoint(checkpoint).run();

    assertThat(resumed.count(State.ACCEPTED)).isEqualTo(1500);
    assertThat(server.received).hasSize(1500);
    assertThat(server.received.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void thePriceMethodFollowsTheBusinessesOnlyDefaultPriceSetting() {
    server.onlyDefaultPrice = true;
    assertThat(PriceWrites.forBusiness(client, BUSINESS, CAMPAIGN).target()).isEqualTo(PriceWrites.Target.BUSINESS);
    server.onlyDefaultPrice = false;
    assertThat(PriceWrites.forBusiness(client, BUSINESS, CAMPAIGN).target()).isEqualTo(PriceWrites.Target.CAMPAIGN);
    assertThat(PriceWrites.forBusiness(client, BUSINESS, null).target()).isEqualTo(PriceWrites.Target.BUSINESS);

    PriceWrites.forBusiness(client, BUSINESS, null).job(prices(600, 5)).run();
    assertThat(server.bodies).hasSize(2); // 500 a request at business level
  }

  @Test
  void theStockMethodFollowsTheCabinetsWarehouseGroupsAndAZeroIsSent() {
    server.warehouseGroups = false;
    StockWrites v3 = StockWrites.forBusiness(client, BUSINESS, null);
    assertThat(v3.method()).isEqualTo(StockWrites.Method.BUSINESS_V3);
    BulkWrite.Report<StockUpdate> written = v3.job(List.of(new StockUpdate("sku-sold-out", 0, "wh-1", null),
        new StockUpdate("sku-7", 7, "wh-1", null))).run();
    assertThat(written.count(State.ACCEPTED)).isEqualTo(2);
    assertThat(server.bodies.get(0)).contains("\"count\":0").contains("\"partnerWarehouseId\":\"wh-1\"");
    assertThat(server.values).containsEntry("sku-sold-out@wh-1", 0L);

    server.warehouseGroups = true;
    assertThatThrownBy(() -> StockWrites.forBusiness(client, BUSINESS, null))
        .hasMessageContaining("warehouse groups");
    StockWrites v2 = StockWrites.forBusiness(client, BUSINESS, CAMPAIGN);
    assertThat(v2.method()).isEqualTo(StockWrites.Method.CAMPAIGN_V2);
    v2.job(List.of(new StockUpdate("sku-zero", 0, null, null))).run();
    assertThat(server.bodies.get(1)).contains("{\"sku\":\"sku-zero\",\"items\":[{\"count\":0}]}");
    assertThat(v2.verify(List.of(new StockUpdate("sku-zero", 0, null, null)))).isEmpty();
    assertThat(v2.verify(List.of(new StockUpdate("sku-zero", 3, null, null))))
        .containsExactly(new Mismatch("sku-zero", "3", "0"));
  }

  @Test
  void aRepeatedOfferOrAMissingWarehouseIsRefusedBeforeAnythingIsSent() {
    List<PriceUpdate> twice = new ArrayList<>(prices(3, 1));
    twice.add(new PriceUpdate("offer-1", BigDecimal.TEN, CurrencyType.RUR, null));
    assertThatThrownBy(() -> PriceWrites.of(client, BUSINESS, null, PriceWrites.Target.BUSINESS).job(twice))
        .isInstanceOf(RequestValidationException.class).hasMessageContaining("offers[3].offerId");
    assertThatThrownBy(() -> StockWrites.of(client, BUSINESS, null, StockWrites.Method.BUSINESS_V3)
        .job(List.of(new StockUpdate("s", 1, null, null)))).isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("skuItems[0].partnerWarehouseId");
    assertThat(server.requests.get()).isZero();
  }

  @Test
  void zeroAndFalseAreWrittenNotDropped() {
    var moshi = MoshiFactory.create();
    assertThat(moshi.adapter(UpdateStockItemDTO.class).toJson(new UpdateStockItemDTO().count(0L)))
        .isEqualTo("{\"count\":0}");
    assertThat(moshi.adapter(UpdateOfferMappingsRequest.class).toJson(new UpdateOfferMappingsRequest()
        .onlyPartnerMediaContent(false))).contains("\"onlyPartnerMediaContent\":false");
  }

  @Test
  void pricesReadBackEqualToWhatWasWrittenShowNoMismatchAndAChangedOneIsReported() {
    PriceWrites writes = PriceWrites.of(client, BUSINESS, null, PriceWrites.Target.BUSINESS);
    List<PriceUpdate> prices = prices(450, 10);
    writes.job(prices).run();

    assertThat(writes.verify(prices)).isEmpty();
    server.values.put("offer-3", "99");
    assertThat(writes.verify(prices)).containsExactly(new Mismatch("offer-3", "13 RUR", "99 RUR"));
  }

  @Test
  void aCheckpointThatIsASymbolicLinkOrAnotherFileIsRefused() throws Exception {
    Path target = Files.writeString(dir.resolve("prices.csv"), "offerId,price\noffer-1,10\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.ckpt"), target);
    PriceWrites writes = PriceWrites.of(client, BUSINESS, null, PriceWrites.Target.BUSINESS);

    assertThatThrownBy(() -> writes.job(prices(3, 1)).checkpoint(link).run()).hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> writes.job(prices(3, 1)).checkpoint(target).run())
        .hasMessageContaining("another input");
    assertThat(Files.readString(target)).isEqualTo("offerId,price\noffer-1,10\n");
    assertThat(server.requests.get()).isZero();
  }

  @Test
  void garbageAndOverlongLinesInACheckpointAreIgnoredAndTheirItemsSent() throws Exception {
    Path checkpoint = dir.resolve("prices.ckpt");
    PriceWrites writes = PriceWrites.of(client, BUSINESS, null, PriceWrites.Target.BUSINESS);
    writes.job(prices(1000, 1)).checkpoint(checkpoint).run();
    List<String> lines = Files.readAllLines(checkpoint);
    // the second chunk's record replaced by garbage: a forged range past the input, an overlong line, bad bytes
    Files.write(checkpoint, (lines.get(0) + "\n" + lines.get(1) + "\n"
        + "{\"from\":999999999,\"size\":5,\"state\":\"ACCEPTED\"}\n" + "x".repeat(10_000) + "\n").getBytes());
    Files.write(checkpoint, new byte[] {(byte) 0xC3, (byte) 0x28, '\n'}, java.nio.file.StandardOpenOption.APPEND);
    server.received.clear();

    BulkWrite.Report<PriceUpdate> resumed = writes.job(prices(1000, 1)).checkpoint(checkpoint).run();

    assertThat(resumed.count(State.ACCEPTED)).isEqualTo(1000);
    assertThat(server.received).hasSize(500).containsKey("offer-500").doesNotContainKey("offer-499");
  }

  @Test
  void aRefusalThatQuotesItemsOnlyInWordsRejectsNoneByGuessAndTheNextRunSendsThemAgain() {
    // offer ids that are bare numbers: the message "Offer 2017: ...; 17 offers checked" quotes two of them
    List<PriceUpdate> prices = IntStream.range(0, 5000).mapToObj(i -> new PriceUpdate(Integer.toString(i),
        BigDecimal.valueOf(100 + i), CurrencyType.RUR, null)).toList();
    server.pathsInErrors = false;
    server.refused.add("2017");
    server.refusalText = "the price is below the allowed minimum; 2100 offers checked";
    Path checkpoint = dir.resolve("prices.ckpt");
    PriceWrites writes = PriceWrites.of(client, BUSINESS, CAMPAIGN, PriceWrites.Target.CAMPAIGN);

    BulkWrite.Report<PriceUpdate> report = writes.job(prices).checkpoint(checkpoint).run();

    assertThat(report.in(State.REJECTED)).isEmpty();
    assertThat(report.in(State.NOT_SENT)).hasSize(2000).allSatisfy(o -> {
      assertThat(o.position()).isBetween(2000, 3999);
      assertThat(o.errorCode()).isEqualTo("INVALID_PRICE");
      assertThat(o.errorMessage()).contains("name none of the items").contains("sent again by the next run")
          .contains("Offer 2017");
    });
    assertThat(server.received).doesNotContainKeys("2017", "2100");
    assertThat(report.count(State.ACCEPTED)).isEqualTo(3000);

    server.refused.clear();
    BulkWrite.Report<PriceUpdate> resumed = writes.job(prices).checkpoint(checkpoint).run();
    assertThat(resumed.count(State.ACCEPTED)).isEqualTo(5000);
    assertThat(server.received).hasSize(5000);
    assertThat(server.received.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void aRefusalNamingNoItemOfAWriteThatMayNotBeSentTwiceLeavesItsItemsUnknownAndNeverResends() {
    var offers = client.api(com.marketplacecontracts.yandex.api.OffersApi.class);
    List<String> ids = IntStream.range(0, 1000).mapToObj(Integer::toString).toList();
    server.pathsInErrors = false;
    server.refused.add("517");
    Path checkpoint = dir.resolve("delete.ckpt");
    java.util.function.Supplier<BulkWrite<String>> job = () -> BulkWrite.of(ids, chunk -> offers.deleteCampaignOffers(
        CAMPAIGN, new com.marketplacecontracts.yandex.model.DeleteCampaignOffersRequest().offerIds(
            new java.util.LinkedHashSet<>(chunk)))).key(id -> id).checkpoint(checkpoint);

    BulkWrite.Report<String> report = job.get().run();

    assertThat(report.in(State.REJECTED)).isEmpty();
    assertThat(report.in(State.NOT_SENT)).hasSize(500).allSatisfy(o -> {
      assertThat(o.position()).isBetween(500, 999);
      assertThat(o.errorCode()).isEqualTo("INVALID_PRICE");
      assertThat(o.errorMessage()).contains("not sent again");
    });
    server.refused.clear();
    int before = server.requests.get();
    BulkWrite.Report<String> resumed = job.get().run();
    assertThat(server.requests.get()).isEqualTo(before);
    assertThat(resumed.in(State.NOT_SENT)).hasSize(500).allSatisfy(o -> assertThat(o.errorMessage())
        .contains("not resent").contains("Offer 517"));
  }

  @Test
  void theSameSkuOnTwoWarehousesGetsTheOutcomeOfEach() {
    server.refused.add("sku-1@wh-2");
    Path checkpoint = dir.resolve("stocks.ckpt");
    List<StockUpdate> stocks = List.of(new StockUpdate("sku-1", 5, "wh-1", null),
        new StockUpdate("sku-1", 6, "wh-2", null), new StockUpdate("sku-2", 7, "wh-2", null));
    StockWrites writes = StockWrites.of(client, BUSINESS, null, StockWrites.Method.BUSINESS_V3);

    BulkWrite.Report<StockUpdate> report = writes.job(stocks).checkpoint(checkpoint).run();

    assertThat(report.outcomes()).extracting(o -> o.item().warehouseId() + " " + o.state()).containsExactly(
        "wh-1 ACCEPTED", "wh-2 REJECTED", "wh-2 ACCEPTED");
    assertThat(report.outcomes().get(1).errorMessage()).startsWith("skuItems[1]");
    assertThat(server.values).containsEntry("sku-1@wh-1", 5L).containsEntry("sku-2@wh-2", 7L)
        .doesNotContainKey("sku-1@wh-2");
    assertThat(writes.job(stocks).checkpoint(checkpoint).run().outcomes()).extracting(o -> o.state().name())
        .containsExactly("ACCEPTED", "REJECTED", "ACCEPTED");
  }

  @Test
  void aMessageThatGrowsPastARecordWhenEscapedIsCutAndTheVerdictKept() throws Exception {
    server.refused.add("offer-3");
    server.refusalText = "\\u0001".repeat(1000); // 1,000 control characters: 6,000 escaped
    Path checkpoint = dir.resolve("prices.ckpt");
    PriceWrites writes = PriceWrites.of(client, BUSINESS, CAMPAIGN, PriceWrites.Target.CAMPAIGN);

    BulkWrite.Report<PriceUpdate> report = writes.job(prices(10, 1)).checkpoint(checkpoint).run();

    assertThat(report.in(State.REJECTED)).singleElement().satisfies(o -> assertThat(o.position()).isEqualTo(3));
    assertThat(report.count(State.ACCEPTED)).isEqualTo(9);
    assertThat(Files.readAllLines(checkpoint)).allSatisfy(line -> assertThat(line.length())
        .isLessThanOrEqualTo(com.marketplacecontracts.core.http.CheckpointStore.MAX_RECORD));
    BulkWrite.Report<PriceUpdate> resumed = writes.job(prices(10, 1)).checkpoint(checkpoint).run();
    assertThat(resumed.in(State.REJECTED)).singleElement().satisfies(o -> {
      assertThat(o.errorCode()).isEqualTo("INVALID_PRICE");
      assertThat(o.errorMessage()).startsWith("offers[3].price: offer offer-3: \u0001")
          .hasSize(BulkWrite.MESSAGE_CHARS);
    });
  }

  @Test
  void aCheckpointOfAnotherCampaignIsRefusedNamingBothAndNothingIsSent() {
    Path checkpoint = dir.resolve("prices.ckpt");
    PriceWrites.of(client, BUSINESS, CAMPAIGN, PriceWrites.Target.CAMPAIGN).job(prices(100, 1))
        .checkpoint(checkpoint).run();
    int before = server.requests.get();

    assertThatThrownBy(() -> PriceWrites.of(client, BUSINESS, 10L, PriceWrites.Target.CAMPAIGN).job(prices(100, 1))
        .checkpoint(checkpoint).run()).isInstanceOf(com.marketplacecontracts.core.http.CheckpointRefusedException.class)
        .hasMessageContaining("updatePrices of campaignId=9").hasMessageContaining("updatePrices of campaignId=10");
    assertThatThrownBy(() -> PriceWrites.of(client, BUSINESS, null, PriceWrites.Target.BUSINESS).job(prices(100, 1))
        .checkpoint(checkpoint).run()).isInstanceOf(com.marketplacecontracts.core.http.CheckpointRefusedException.class)
        .hasMessageContaining("updateBusinessPrices of businessId=7");
    assertThat(server.requests.get()).isEqualTo(before);
  }

  @Test
  void theFirstChunkIsAnsweredBeforeTheOthersAreSentSoTheLimiterKnowsTheWindows() {
    server.delayMillis = 150;

    PriceWrites.of(client, BUSINESS, CAMPAIGN, PriceWrites.Target.CAMPAIGN).job(prices(10_000, 1)).parallel(4).run();

    List<long[]> spans = List.copyOf(server.spans);
    assertThat(spans).hasSize(5);
    long firstAnswered = spans.get(0)[1];
    assertThat(spans.subList(1, 5)).allSatisfy(span -> assertThat(span[0]).isGreaterThanOrEqualTo(firstAnswered));
    // and then in parallel: the other four overlap
    assertThat(spans.get(2)[0]).isLessThan(spans.get(1)[1]);
  }

  private static List<PriceUpdate> offers(int... numbers) {
    return IntStream.of(numbers).mapToObj(n -> new PriceUpdate("offer-" + n, BigDecimal.valueOf(100 + n),
        CurrencyType.RUR, null)).toList();
  }

  @Test
  void aCheckpointReusedForOtherOffersIsRefusedNamingThePositionAndNothingIsTakenForAccepted() {
    // the documented PriceJob, run twice on one checkpoint file: first offers 1-3, then offers 7-9
    Path checkpoint = dir.resolve("prices.ckpt");
    PriceWrites writes = PriceWrites.forBusiness(client, BUSINESS, CAMPAIGN);
    assertThat(writes.job(offers(1, 2, 3)).checkpoint(checkpoint).parallel(4).run().count(State.ACCEPTED))
        .isEqualTo(3);

    assertThatThrownBy(() -> writes.job(offers(7, 8, 9)).checkpoint(checkpoint).parallel(4).run())
        .isInstanceOf(CheckpointRefusedException.class)
        .hasMessageContaining("checkpoint " + checkpoint + " was written for other items")
        .hasMessageContaining("at position 0").hasMessageContaining("offer-7").hasMessageContaining("nothing sent");
    assertThat(server.bodies).hasSize(1); // the first run's one updateBusinessPrices
    assertThat(server.received).containsOnlyKeys("offer-1", "offer-2", "offer-3");
  }

  @Test
  void aResumeWithAChangedPriceIsRefusedAndAnEqualPriceWrittenOtherwiseResumes() {
    Path checkpoint = dir.resolve("prices.ckpt");
    PriceWrites writes = PriceWrites.of(client, BUSINESS, null, PriceWrites.Target.BUSINESS);
    writes.job(prices(1200, 100)).checkpoint(checkpoint).run();
    int before = server.requests.get();

    List<PriceUpdate> changed = new ArrayList<>(prices(1200, 100));
    changed.set(1100, new PriceUpdate("offer-1100", new BigDecimal("1"), CurrencyType.RUR, null));
    changed.set(700, new PriceUpdate("offer-700", new BigDecimal("800"), CurrencyType.RUR, BigDecimal.TEN));
    assertThatThrownBy(() -> writes.job(changed).checkpoint(checkpoint).run())
        .isInstanceOf(CheckpointRefusedException.class)
        .hasMessageContaining("at position 700").hasMessageContaining("offer-700");
    assertThat(server.requests.get()).isEqualTo(before);

    // 1200.00 is the price 1200 was: the same item
    List<PriceUpdate> same = prices(1200, 100).stream().map(p -> new PriceUpdate(p.offerId(),
        p.value().setScale(2), p.currency(), null)).toList();
    assertThat(writes.job(same).checkpoint(checkpoint).run().count(State.ACCEPTED)).isEqualTo(1200);
    assertThat(server.requests.get()).isEqualTo(before);
  }

  @Test
  void aStockCheckpointIsTiedToEachSkuWarehouseAndCount() {
    Path checkpoint = dir.resolve("stocks.ckpt");
    StockWrites writes = StockWrites.of(client, BUSINESS, null, StockWrites.Method.BUSINESS_V3);
    writes.job(List.of(new StockUpdate("sku-1", 5, "wh-1", null), new StockUpdate("sku-1", 6, "wh-2", null)))
        .checkpoint(checkpoint).run();

    assertThatThrownBy(() -> writes.job(List.of(new StockUpdate("sku-1", 5, "wh-1", null),
        new StockUpdate("sku-1", 0, "wh-2", null))).checkpoint(checkpoint).run())
        .isInstanceOf(CheckpointRefusedException.class).hasMessageContaining("at position 1")
        .hasMessageContaining("sku-1");
    assertThat(server.values).containsEntry("sku-1@wh-2", 6L);
  }

  @Test
  void anItemTheChecksRefuseEndsNotSentNamingTheFieldAndTheRuleAndTheRestIsWritten() {
    Path checkpoint = dir.resolve("prices.ckpt");
    PriceWrites writes = PriceWrites.of(client, BUSINESS, null, PriceWrites.Target.BUSINESS);
    List<PriceUpdate> prices = new ArrayList<>(prices(5, 100));
    prices.set(0, new PriceUpdate("offer-0", BigDecimal.ZERO, CurrencyType.RUR, null)); // the first: no request yet
    prices.set(2, new PriceUpdate("offer-2", new BigDecimal("-5"), CurrencyType.RUR, null));

    BulkWrite.Report<PriceUpdate> report = writes.job(prices).checkpoint(checkpoint).run();

    assertThat(report.outcomes()).extracting(o -> o.state().name()).containsExactly("NOT_SENT", "ACCEPTED",
        "NOT_SENT", "ACCEPTED", "ACCEPTED");
    assertThat(report.outcomes().get(2).errorMessage()).isEqualTo("not sent: the request's checks refuse it:"
        + " offers[2].price.value = -5: must be greater than 0");
    assertThat(report.outcomes().get(2).errorCode()).isEqualTo(BulkWrite.INVALID_ITEM);
    assertThat(report.outcomes().get(2).failure()).isInstanceOfSatisfying(RequestValidationException.class,
        e -> assertThat(e.violations()).extracting(RequestValidationException.Violation::field)
            .containsExactly("offers[2].price.value"));
    assertThat(report.outcomes().get(0).errorMessage()).contains("offers[0].price.value = 0");
    assertThat(server.bodies).hasSize(1);
    assertThat(server.received).containsOnlyKeys("offer-1", "offer-3", "offer-4");

    // never sent, so not recorded: once corrected, the next run sends them, and only them
    prices.set(0, new PriceUpdate("offer-0", BigDecimal.ONE, CurrencyType.RUR, null));
    prices.set(2, new PriceUpdate("offer-2", BigDecimal.TEN, CurrencyType.RUR, null));
    assertThat(writes.job(prices).checkpoint(checkpoint).run().count(State.ACCEPTED)).isEqualTo(5);
    assertThat(server.received).hasSize(5).allSatisfy((id, n) -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void aRequestInvalidBeyondItsItemsStopsTheJobBeforeAnythingIsSent() {
    List<PriceUpdate> prices = new ArrayList<>(prices(3, 100));
    prices.set(1, new PriceUpdate("offer-1", new BigDecimal("-5"), CurrencyType.RUR, null));

    assertThatThrownBy(() -> PriceWrites.of(client, 0L, null, PriceWrites.Target.BUSINESS).job(prices).run())
        .isInstanceOf(RequestValidationException.class).hasMessageContaining("businessId = 0");
    assertThat(server.requests.get()).isZero();
  }
}
