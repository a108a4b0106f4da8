package com.marketplacecontracts.yandex.day;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.http.CheckpointRefusedException;
import com.marketplacecontracts.core.http.CheckpointStore;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.OffersApi;
import com.marketplacecontracts.yandex.api.PricesApi;
import com.marketplacecontracts.yandex.api.StocksApi;
import com.marketplacecontracts.yandex.day.BulkWrite.State;
import com.marketplacecontracts.yandex.model.DeleteCampaignOffersRequest;
import com.marketplacecontracts.yandex.model.OfferPriceDTO;
import com.marketplacecontracts.yandex.model.PriceDTO;
import com.marketplacecontracts.yandex.model.UpdatePricesRequest;
import com.marketplacecontracts.yandex.model.UpdateStockDTO;
import com.marketplacecontracts.yandex.model.UpdateStockItemDTO;
import com.marketplacecontracts.yandex.model.UpdateStocksRequest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BulkWriteTest {

  private static final Pattern ID = Pattern.compile("\"(?:offerId|sku)\":\"([^\"]+)\"|\"(offer-\\d+)\"");
  private static final long CAMPAIGN = 9L;

  @RegisterExtension
  final MockServer server = new MockServer();
  @TempDir
  Path dir;
  private YandexMarketClient client;

  /** Items the server applied (answered 2xx), by offerId or sku: the server's own count. */
  private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  /** Which request (0-based, in arrival order) the server fails, and how. */
  private volatile IntPredicate failing = n -> false;
  private volatile MockResponse failure = json(500, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL\"}]}");

  @BeforeEach
  void start() {
    client = client(RetryConfig.none());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String body = request.getBody().readUtf8();
        int n = requests.getAndIncrement();
        if (failing.test(n)) {
          return failure;
        }
        bodies.add(body);
        Matcher m = ID.matcher(body);
        while (m.find()) {
          applied.computeIfAbsent(m.group(1) != null ? m.group(1) : m.group(2), k -> new AtomicInteger())
              .incrementAndGet();
        }
        return json(200, "{\"status\":\"OK\"}");
      }
    });
  }

  private YandexMarketClient client(RetryConfig retry) {
    return YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey("ACMA:secret-key")
        .timeSource(new FakeTimeSource()).retry(retry).build();
  }

  @AfterEach
  void stop() {
    client.close();
  }

  private static List<OfferPriceDTO> prices(int n) {
    return IntStream.range(0, n).mapToObj(i -> new OfferPriceDTO().offerId("offer-" + i)
        .price(new PriceDTO().value(BigDecimal.valueOf(100 + i)).currencyId(com.marketplacecontracts.yandex.model.CurrencyType.RUR))).toList();
  }

  private BulkWrite<OfferPriceDTO> pricesJob(List<OfferPriceDTO> prices) {
    PricesApi api = client.api(PricesApi.class);
    return BulkWrite.of(prices, chunk -> api.updatePrices(CAMPAIGN, new UpdatePricesRequest().offers(chunk)));
  }

  private void assertEachAppliedOnce(int n) {
    assertThat(applied).hasSize(n);
    assertThat(applied.entrySet()).allSatisfy(e -> assertThat(e.getValue().get()).as(e.getKey()).isEqualTo(1));
  }

  @Test
  void tenThousandPricesGoInChunksOfTheDeclaredTwoThousandEachAppliedOnce() {
    List<BulkWrite.Progress> progress = new CopyOnWriteArrayList<>();

    BulkWrite.Report<OfferPriceDTO> report = pricesJob(prices(10_000)).checkpoint(dir.resolve("prices.ckpt"))
        .onProgress(progress::add).run();

    assertThat(report.count(State.ACCEPTED)).isEqualTo(10_000);
    assertThat(requests.get()).isEqualTo(5);
    assertThat(bodies).allSatisfy(body -> assertThat(ID.matcher(body).results().count()).isEqualTo(2000));
    assertEachAppliedOnce(10_000);
    assertThat(progress).extracting(BulkWrite.Progress::done).containsExactly(2000, 4000, 6000, 8000, 10_000);
    assertThat(progress.get(4).itemsPerSecond()).isPositive();
    assertThat(bodies.get(0)).contains("\"currencyId\":\"RUR\"");
  }

  @Test
  void aCheckpointSaysTheJobIsCompleteOnlyOnceEveryItemOfItsOwnInputHasAnOutcome() throws Exception {
    Path checkpoint = dir.resolve("prices.ckpt");
    List<OfferPriceDTO> prices = prices(5000);
    failing = n -> n >= 1; // the first chunk of 2,000 is accepted, the others fail without a verdict

    pricesJob(prices).fingerprint("sha256:abc").checkpoint(checkpoint).run();
    assertThat(BulkWrite.completion(Files.readAllLines(checkpoint), "sha256:abc")).isEmpty();

    failing = n -> false;
    pricesJob(prices).fingerprint("sha256:abc").checkpoint(checkpoint).run();
    assertThat(BulkWrite.completion(Files.readAllLines(checkpoint), "sha256:abc"))
        .contains(new BulkWrite.Completion(5000, 5000, 0, 0));
    assertThat(BulkWrite.completion(Files.readAllLines(checkpoint), "sha256:other")).isEmpty();
    // the job's own header, whatever its input
    assertThat(BulkWrite.completion(Files.readAllLines(checkpoint)))
        .contains(new BulkWrite.Completion(5000, 5000, 0, 0));
  }

  @Test
  void aCompletionCountsTheFirstVerdictOfEachItemAndAnItemSentWithoutOneAsNotSent() {
    String header = "{\"job\":\"bulk-write\",\"operation\":\"updatePrices\",\"account\":\"campaignId=9\","
        + "\"items\":%d,\"chunk\":2,\"input\":\"f\"}";
    List<String> records = List.of(
        "{\"from\":0,\"size\":5,\"state\":\"SENDING\",\"code\":null,\"message\":null}",
        "{\"from\":0,\"size\":2,\"state\":\"ACCEPTED\",\"code\":null,\"message\":null}",
        "{\"from\":1,\"size\":2,\"state\":\"REJECTED\",\"code\":\"BAD\",\"message\":\"no\"}",
        "{\"from\":2,\"size\":1,\"state\":\"ACCEPTED\",\"code\":null,\"message\":null}",
        "{\"from\":3,\"size\":2,\"state\":\"UNCERTAIN\",\"code\":null,\"message\":\"timeout\"}",
        "not a record");
    List<String> five = new ArrayList<>(List.of(header.formatted(5)));
    five.addAll(records);
    List<String> six = new ArrayList<>(List.of(header.formatted(6)));
    six.addAll(records);

    assertThat(BulkWrite.completion(five, "f")).contains(new BulkWrite.Completion(5, 2, 1, 2));
    assertThat(BulkWrite.completion(six, "f")).isEmpty(); // position 5 has no outcome
    assertThat(BulkWrite.completion(List.of("{\"items\":1}", records.get(1)), "f")).isEmpty();
    assertThat(BulkWrite.completion(List.of(), "f")).isEmpty();
    // a header may claim any number of items: counted by ranges, not one slot an item
    assertThat(BulkWrite.completion(List.of(header.formatted(999_999_999),
        "{\"from\":0,\"size\":999999999,\"state\":\"ACCEPTED\",\"code\":null,\"message\":null}"), "f"))
        .contains(new BulkWrite.Completion(999_999_999, 999_999_999, 0, 0));
  }

  @Test
  void aRunStoppedMidwayResumesFromItsCheckpointAndEveryItemIsAppliedExactlyOnce() throws Exception {
    Path checkpoint = dir.resolve("prices.ckpt");
    List<OfferPriceDTO> prices = prices(10_000);
    failing = n -> n >= 2; // the marketplace goes down after two chunks

    BulkWrite.Report<OfferPriceDTO> first = pricesJob(prices).checkpoint(checkpoint).run();

    assertThat(first.count(State.ACCEPTED)).isEqualTo(4000);
    assertThat(first.in(State.NOT_SENT)).hasSize(6000)
        .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(ServerErrorException.class));
    assertThat(first.outcomes().get(3999).state()).isEqualTo(State.ACCEPTED);
    assertThat(first.outcomes().get(4000).state()).isEqualTo(State.NOT_SENT);

    failing = n -> false;
    int before = requests.get();
    BulkWrite.Report<OfferPriceDTO> resumed = pricesJob(prices).checkpoint(checkpoint).run();

    assertThat(requests.get() - before).isEqualTo(3);
    assertThat(resumed.count(State.ACCEPTED)).isEqualTo(10_000);
    assertEachAppliedOnce(10_000);
    // every position recorded once: the resumed run recorded only the three chunks it sent
    assertThat(recordedTimes(Files.readAllLines(checkpoint), 10_000)).containsOnly(1);

    before = requests.get();
    assertThat(pricesJob(prices).checkpoint(checkpoint).run().count(State.ACCEPTED)).isEqualTo(10_000);
    assertThat(requests.get()).isEqualTo(before);
  }

  @Test
  void aTornLastCheckpointLineOnlyResendsThatChunk() throws Exception {
    Path checkpoint = dir.resolve("prices.ckpt");
    List<OfferPriceDTO> prices = prices(6000);
    pricesJob(prices).checkpoint(checkpoint).run();
    List<String> lines = Files.readAllLines(checkpoint);
    String last = lines.get(lines.size() - 1);
    Matcher range = RANGE.matcher(last);
    assertThat(range.lookingAt()).isTrue();
    int from = Integer.parseInt(range.group(1));
    int size = Integer.parseInt(range.group(2));
    assertThat(from + size).isEqualTo(6000);
    // A crash while the last line was written: its outcome never reached the disk whole.
    Files.writeString(checkpoint, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n"
        + last.substring(0, 10));
    applied.clear();

    BulkWrite.Report<OfferPriceDTO> resumed = pricesJob(prices).checkpoint(checkpoint).run();

    assertThat(resumed.count(State.ACCEPTED)).isEqualTo(6000);
    assertThat(applied).hasSize(size).containsKeys("offer-" + from, "offer-5999")
        .doesNotContainKey("offer-" + (from - 1));
  }

  private static final Pattern RANGE = Pattern.compile("\\{\"from\":(\\d+),\"size\":(\\d+),\"state\":\"(\\w+)\"");

  /** How many records name each position (header skipped). */
  private static List<Integer> recordedTimes(List<String> lines, int items) {
    int[] times = new int[items];
    for (String line : lines.subList(1, lines.size())) {
      Matcher m = RANGE.matcher(line);
      assertThat(m.lookingAt()).as(line).isTrue();
      for (int p = Integer.parseInt(m.group(1)); p < Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2));
          p++) {
        times[p]++;
      }
    }
    return IntStream.of(times).boxed().toList();
  }

  @Test
  void aCheckpointOfAnotherInputIsRefusedBeforeAnythingIsSent() {
    Path checkpoint = dir.resolve("prices.ckpt");
    pricesJob(prices(3000)).checkpoint(checkpoint).run();
    int before = requests.get();

    assertThatThrownBy(() -> pricesJob(prices(4000)).checkpoint(checkpoint).run())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("another input");
    assertThat(requests.get()).isEqualTo(before);
  }

  @Test
  void aRefusalNamingNoItemIsNoItemsVerdictItsChunkIsSentAgainByTheNextRun() {
    failing = n -> n == 1;
    failure = json(400, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"PRICE_TOO_LOW\","
        + "\"message\":\"price is below the minimum\"}]}");
    Path checkpoint = dir.resolve("prices.ckpt");

    BulkWrite.Report<OfferPriceDTO> report = pricesJob(prices(5000)).checkpoint(checkpoint).run();

    assertThat(report.in(State.REJECTED)).isEmpty();
    assertThat(report.in(State.NOT_SENT)).hasSize(2000).allSatisfy(o -> {
      assertThat(o.position()).isBetween(2000, 3999);
      assertThat(o.errorCode()).isEqualTo("PRICE_TOO_LOW");
      assertThat(o.errorMessage()).contains("price is below the minimum");
      assertThat(o.failure()).isInstanceOf(BadRequestException.class);
    });
    assertThat(report.count(State.ACCEPTED)).isEqualTo(3000);
    assertThat(applied).hasSize(3000).doesNotContainKey("offer-2000");

    // updatePrices may be sent twice: the next run sends that chunk, and only it, again.
    failing = n -> false;
    int before = requests.get();
    BulkWrite.Report<OfferPriceDTO> resumed = pricesJob(prices(5000)).checkpoint(checkpoint).run();
    assertThat(requests.get()).isEqualTo(before + 1);
    assertThat(resumed.count(State.ACCEPTED)).isEqualTo(5000);
    assertEachAppliedOnce(5000);
  }

  @Test
  void aZeroStockIsSentAsZero() {
    StocksApi api = client.api(StocksApi.class);
    List<UpdateStockDTO> stocks = List.of(
        new UpdateStockDTO().sku("sku-sold-out").items(List.of(new UpdateStockItemDTO().count(0L))),
        new UpdateStockDTO().sku("sku-7").items(List.of(new UpdateStockItemDTO().count(7L))));

    BulkWrite.Report<UpdateStockDTO> report = BulkWrite.of(stocks, chunk -> api.updateStocks(CAMPAIGN,
        new UpdateStocksRequest().skus(chunk))).run();

    assertThat(report.count(State.ACCEPTED)).isEqualTo(2);
    assertThat(bodies).singleElement().satisfies(body -> assertThat(body)
        .contains("{\"sku\":\"sku-sold-out\",\"items\":[{\"count\":0}]}").contains("\"count\":7"));
    assertEachAppliedOnce(2);
  }

  @Test
  void aNonIdempotentChunkThatFailedInTransitIsNeitherRetriedNorResent() {
    client.close();
    client = client(RetryConfig.defaults()); // retries on: they must still not repeat a non-idempotent write
    OffersApi api = client.api(OffersApi.class);
    List<String> ids = IntStream.range(0, 1500).mapToObj(i -> "offer-" + i).toList();
    Path checkpoint = dir.resolve("delete.ckpt");
    failing = n -> n == 1;

    BulkWrite.Report<String> first = BulkWrite.of(ids, chunk -> api.deleteCampaignOffers(CAMPAIGN,
        new DeleteCampaignOffersRequest().offerIds(new LinkedHashSet<>(chunk)))).checkpoint(checkpoint).run();

    assertThat(requests.get()).isEqualTo(3); // chunks of the declared 500, the failed one sent once
    assertThat(first.count(State.ACCEPTED)).isEqualTo(1000);
    assertThat(first.in(State.NOT_SENT)).hasSize(500)
        .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(ServerErrorException.class));

    failing = n -> false;
    BulkWrite.Report<String> resumed = BulkWrite.of(ids, chunk -> api.deleteCampaignOffers(CAMPAIGN,
        new DeleteCampaignOffersRequest().offerIds(new LinkedHashSet<>(chunk)))).checkpoint(checkpoint).run();

    assertThat(requests.get()).isEqualTo(3);
    assertThat(resumed.in(State.NOT_SENT)).hasSize(500).allSatisfy(o -> {
      assertThat(o.position()).isBetween(500, 999);
      assertThat(o.errorMessage()).contains("not resent").doesNotContain("secret-key");
    });
    assertThat(applied).hasSize(1000).doesNotContainKey("offer-500");
  }

  @Test
  void anOperationWithoutADeclaredBatchIsRefused() {
    var orders = client.api(com.marketplacecontracts.yandex.api.OrdersApi.class);
    List<Long> ids = new ArrayList<>(List.of(1L, 2L));

    assertThatThrownBy(() -> BulkWrite.of(ids, chunk -> orders.getOrderIdentifiersStatus(CAMPAIGN, chunk.get(0)))
        .run()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declares no batch");
    assertThat(requests.get()).isZero();
  }

  @Test
  void aCheckpointOfOtherItemsOfTheSameCountIsRefusedNamingTheFirstDifferingPosition() {
    Path checkpoint = dir.resolve("prices.ckpt");
    pricesJob(prices(3000)).checkpoint(checkpoint).run();
    int before = requests.get();
    List<OfferPriceDTO> other = new ArrayList<>(prices(3000));
    other.set(2999, new OfferPriceDTO().offerId("offer-x").price(other.get(2999).getPrice()));
    other.set(2500, new OfferPriceDTO().offerId("offer-2500").price(new PriceDTO().value(BigDecimal.ONE)
        .currencyId(com.marketplacecontracts.yandex.model.CurrencyType.RUR)));

    // no key and no fingerprint: the items' own text ties the records to them
    assertThatThrownBy(() -> pricesJob(other).checkpoint(checkpoint).run())
        .isInstanceOf(CheckpointRefusedException.class).hasMessageContaining("at position 2500")
        .hasMessageContaining("offerId=offer-2500");
    assertThat(requests.get()).isEqualTo(before);
  }

  @Test
  void aCheckpointWhoseRecordsNameNoItemsIsRefusedAsItCannotBeToldToBeThisInputs() throws Exception {
    Path checkpoint = dir.resolve("prices.ckpt");
    pricesJob(prices(3)).checkpoint(checkpoint).run();
    String header = Files.readAllLines(checkpoint).get(0);
    // as an earlier version wrote it: the range and its state only
    Files.writeString(checkpoint, header + "\n{\"from\":0,\"size\":3,\"state\":\"ACCEPTED\",\"code\":null,"
        + "\"message\":null}\n");
    int before = requests.get();

    assertThatThrownBy(() -> pricesJob(prices(3)).checkpoint(checkpoint).run())
        .isInstanceOf(CheckpointRefusedException.class).hasMessageContaining("do not name their items");
    assertThat(requests.get()).isEqualTo(before);
  }

  /** No text of its own: its toString is an identity, another in every run. */
  private static final class Opaque {
    final OfferPriceDTO price;

    Opaque(OfferPriceDTO price) {
      this.price = price;
    }
  }

  @Test
  void itemsWithoutATextOfTheirOwnNeedOneForACheckpoint() {
    PricesApi api = client.api(PricesApi.class);
    List<Opaque> items = prices(3).stream().map(Opaque::new).toList();
    java.util.function.Supplier<BulkWrite<Opaque>> job = () -> BulkWrite.of(items, chunk -> api.updatePrices(
        CAMPAIGN, new UpdatePricesRequest().offers(chunk.stream().map(o -> o.price).toList())));

    assertThatThrownBy(() -> job.get().checkpoint(dir.resolve("a.ckpt")).run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itemText");
    assertThat(requests.get()).isZero();
    assertThat(job.get().itemText(o -> o.price.getOfferId()).checkpoint(dir.resolve("b.ckpt")).run()
        .count(State.ACCEPTED)).isEqualTo(3);
    assertThat(job.get().key(o -> o.price.getOfferId()).checkpoint(dir.resolve("c.ckpt")).run()
        .count(State.ACCEPTED)).isEqualTo(3);
  }

  @Test
  void anElementOfASetTheChecksRefuseIsFoundAndLeftOutOfItsChunk() {
    OffersApi api = client.api(OffersApi.class);
    List<String> ids = new ArrayList<>(IntStream.range(0, 1000).mapToObj(i -> "offer-" + i).toList());
    ids.set(777, "x".repeat(300)); // a set's element: the checks name no index

    BulkWrite.Report<String> report = BulkWrite.of(ids, chunk -> api.deleteCampaignOffers(CAMPAIGN,
        new DeleteCampaignOffersRequest().offerIds(new LinkedHashSet<>(chunk)))).run();

    assertThat(report.in(State.NOT_SENT)).singleElement().satisfies(o -> {
      assertThat(o.position()).isEqualTo(777);
      assertThat(o.errorMessage()).contains("offerIds[777] = \"xxx").contains("size must be between 1 and 255");
    });
    assertThat(report.count(State.ACCEPTED)).isEqualTo(999);
    assertThat(requests.get()).isEqualTo(2);
    assertEachAppliedOnce(999);
  }

  /** A shared store as the Redis one keeps a job: the header and a list of records, each a line within bounds. */
  private static final class ListStore implements CheckpointStore {
    String header;
    final List<String> records = new ArrayList<>();

    @Override
    public synchronized List<String> open(String header) {
      if (this.header != null && !this.header.equals(header)) {
        throw new CheckpointRefusedException("another input", this.header);
      }
      this.header = header;
      return List.copyOf(records);
    }

    @Override
    public synchronized void append(List<String> more) {
      more.forEach(com.marketplacecontracts.core.http.CheckpointRecordException::check);
      records.addAll(more);
    }

    @Override
    public String describe() {
      return "list";
    }

    @Override
    public void close() {
    }
  }

  @Test
  void aHundredThousandItemsAreTiedInBoundedRecordsAndTheSameItemsResume() {
    ListStore store = new ListStore();
    List<OfferPriceDTO> prices = prices(120_000);

    assertThat(pricesJob(prices).checkpoint(store).run().count(State.ACCEPTED)).isEqualTo(120_000);

    // 8 characters an item, in lines the stores take: about 1 MB, a record per some 500 items
    assertThat(store.records).allSatisfy(r -> assertThat(r.length()).isLessThanOrEqualTo(CheckpointStore.MAX_RECORD))
        .hasSizeLessThan(300);
    assertThat(store.records.stream().mapToLong(String::length).sum()).isLessThan(1_100_000);
    int before = requests.get();
    assertThat(pricesJob(prices).checkpoint(store).run().count(State.ACCEPTED)).isEqualTo(120_000);
    assertThat(requests.get()).isEqualTo(before);

    List<OfferPriceDTO> changed = new ArrayList<>(prices);
    changed.set(119_999, new OfferPriceDTO().offerId("offer-last").price(prices.get(0).getPrice()));
    assertThatThrownBy(() -> pricesJob(changed).checkpoint(store).run())
        .isInstanceOf(CheckpointRefusedException.class).hasMessageContaining("at position 119999");
    assertThat(requests.get()).isEqualTo(before);
  }
}
