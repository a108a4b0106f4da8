package com.marketplacecontracts.cli;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.http.MockServer;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code yandex prices update} and {@code yandex stocks update} in-process against a loopback server that applies
 * writes and keeps its own count: every item's outcome as a JSON line, the exit code of the worst, bad input refused
 * before anything is sent, an existing checkpoint refused without --resume, and a resume that sends only the rest.
 */
class BulkCommandsTest {

  private static final String API_KEY = "ACMA:bulk-secret-key";
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<Map<String, Object>> JSON = MOSHI.adapter(Types.newParameterizedType(Map.class,
      String.class, Object.class));

  @RegisterExtension
  final MockServer server = new MockServer();
  @TempDir
  Path dir;

  private StringWriter out;
  private StringWriter err;
  /** Offers refused by name; offers whose request fails with a 503 (while {@link #failing} holds). */
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final Set<String> failOn = ConcurrentHashMap.newKeySet();
  private volatile boolean failing;
  /** Answer the writes by dropping the connection as soon as the request is read. */
  private volatile boolean dropping;
  /** The server's own count: how often each item was applied, and the items of each applied request. */
  private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
  private final List<String> writesReceived = Collections.synchronizedList(new ArrayList<>());
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void serve() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        String path = request.getPath();
        if (path.matches("/v2/businesses/\\d+/settings.*")) {
          return json(200, "{\"status\":\"OK\",\"result\":{\"settings\":{\"onlyDefaultPrice\":true}}}");
        }
        if (path.matches("/v2/businesses/\\d+/warehouses.*")) {
          return json(200, "{\"status\":\"OK\",\"result\":{\"warehouses\":[{\"id\":11,\"name\":\"main\","
              + "\"campaignId\":9,\"express\":false}]}}");
        }
        String field = path.matches("/v2/businesses/\\d+/offer-prices/updates") ? "offers"
            : path.matches("/v3/businesses/\\d+/offers/stocks/update") ? "skuItems" : null;
        if (field == null) {
          return json(404, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
        }
        if (dropping) {
          return new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AFTER_REQUEST);
        }
        String body = request.getBody().readUtf8();
        List<?> items;
        try {
          items = (List<?>) JSON.fromJson(body).get(field);
        } catch (IOException e) {
          return json(400, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"BAD_REQUEST\"}]}");
        }
        List<String> ids = new ArrayList<>();
        for (Object item : items) {
          Map<?, ?> map = (Map<?, ?>) item;
          ids.add(String.valueOf(map.containsKey("offerId") ? map.get("offerId") : map.get("sku")));
        }
        if (failing && ids.stream().anyMatch(failOn::contains)) {
          return json(503, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\"}]}");
        }
        StringBuilder errors = new StringBuilder();
        // each refusal names its item by its path in the request, the structure the client ties errors by
        for (int i = 0; i < ids.size(); i++) {
          if (refused.contains(ids.get(i))) {
            errors.append(errors.length() == 0 ? "" : ",").append("{\"code\":\"INVALID_PRICE\",\"message\":\"")
                .append(field).append('[').append(i).append("].price: the price is below the allowed minimum\"}");
          }
        }
        if (errors.length() > 0) {
          return json(400, "{\"status\":\"ERROR\",\"errors\":[" + errors + "]}");
        }
        bodies.add(body);
        for (String id : ids) {
          applied.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
          writesReceived.add(id);
        }
        return json(200, "{\"status\":\"OK\"}");
      }
    });
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine line = MarketplaceCli.commandLine(Map.of("YANDEX_MARKET_API_KEY", API_KEY, "COLUMNS", "200"));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("--base-url", server.url("/").toString(), "--json"));
    all.addAll(List.of(args));
    int code = line.execute(all.toArray(String[]::new));
    assertThat(out.toString() + err.toString()).doesNotContain(API_KEY, "bulk-secret");
    assertThat(err.toString()).doesNotContain("\tat ");
    return code;
  }

  private List<Map<String, Object>> outcomes() throws IOException {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.fromJson(line));
      }
    }
    return lines;
  }

  private Path file(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  @Test
  void pricesUpdatePrintsEveryOutcomeAsAJsonLineAndExits3WhenSomeAreRejected() throws IOException {
    Path prices = file("prices.csv", "offerId,price,currency,discountBase", "A-1,1290,RUR,1500", "A-2,99.90,RUR,",
        "\"A-3, red\",10.50,RUR,", "A-4,500,RUR,");
    refused.add("A-2");

    int code = run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7");

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.REJECTED);
    // printed as each becomes known (the refusal first); position and line say where each item was
    List<Map<String, Object>> lines = new ArrayList<>(outcomes());
    lines.sort(java.util.Comparator.comparingDouble(l -> (Double) l.get("position")));
    assertThat(lines).hasSize(4);
    assertThat(lines).extracting(l -> l.get("offerId")).containsExactly("A-1", "A-2", "A-3, red", "A-4");
    assertThat(lines).extracting(l -> l.get("state")).containsExactly("ACCEPTED", "REJECTED", "ACCEPTED",
        "ACCEPTED");
    assertThat(lines.get(1)).containsEntry("code", "INVALID_PRICE").containsEntry("position", 1.0)
        .containsEntry("line", 3.0);
    assertThat((String) lines.get(1).get("message")).contains("below the allowed minimum");
    // the refused offer never applied; the others sent again without it, once each
    assertThat(applied).doesNotContainKey("A-2");
    assertThat(applied.get("A-1").get()).isEqualTo(1);
    assertThat(applied.get("A-4").get()).isEqualTo(1);
    assertThat(String.join("", bodies)).contains("\"value\":1290", "\"discountBase\":1500", "\"value\":10.50");
    assertThat(err.toString()).contains("updateBusinessPrices", "4 items: 3 accepted, 1 rejected, 0 not sent");
    assertThat(dir.resolve("prices.csv.checkpoint")).exists();
  }

  @Test
  void stocksUpdateFromJsonLinesSendsAZeroAndExits0WhenAllAreAccepted() throws IOException {
    Path stocks = file("stocks.txt", "{\"sku\":\"S-1\",\"count\":0,\"warehouseId\":\"W1\"}",
        "{\"sku\":\"S-2\",\"count\":\"15\",\"warehouseId\":\"W1\",\"updatedAt\":\"2026-08-01T10:15:30+03:00\"}");

    int code = run("yandex", "stocks", "update", "--file", stocks.toString(), "--business-id", "7");

    assertThat(code).as(err.toString()).isZero();
    assertThat(outcomes()).extracting(l -> l.get("offerId") + "@" + l.get("warehouseId") + "=" + l.get("state"))
        .containsExactly("S-1@W1=ACCEPTED", "S-2@W1=ACCEPTED");
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0)).contains("\"sku\":\"S-1\"", "\"count\":0", "\"count\":15");
    assertThat(err.toString()).contains("updateStocksOnPartnerWarehouses");
  }

  @Test
  void aMalformedLineExits2NamingTheLineAndFieldWithNothingSent() throws IOException {
    Path prices = file("prices.csv", "offerId,price,currency", "A-1,1290,RUR", "A-2,12,3,RUR", "A-3,-5,RUR",
        "A-4,10,XXX");

    int code = run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("nothing was sent", "prices.csv line 3: line", "must have 3 cells",
        "prices.csv line 4: price = -5", "prices.csv line 5: currency = XXX");
    assertThat(requests.get()).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(dir.resolve("prices.csv.checkpoint")).doesNotExist();

    Path stocks = file("stocks.jsonl", "{\"sku\":\"S-1\",\"count\":1}", "{\"sku\":\"S-2\",\"cuont\":1}",
        "{\"sku\":\"S-3\",\"count\":-1}", "not json");
    code = run("yandex", "stocks", "update", "--file", stocks.toString(), "--business-id", "7");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("stocks.jsonl line 2: cuont", "an unknown field",
        "stocks.jsonl line 2: count = (missing): required", "stocks.jsonl line 3: count = -1",
        "stocks.jsonl line 4: line");
    assertThat(requests.get()).isZero();
  }

  @Test
  void theRoublesIsoCodeGetsTheMarketplacesCode() throws IOException {
    Path prices = file("prices.csv", "offerId,price,currency", "A-1,1290,RUB", "A-2,10,rur");

    int code = run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("prices.csv line 2: currency = RUB: must be a currency code the marketplace"
        + " knows (RUR, BYN, KZT, UZS, ...). Did you mean RUR? The marketplace writes the rouble as RUR",
        "prices.csv line 3: currency = rur: must be a currency code the marketplace knows (RUR, BYN, KZT, UZS, ...)."
            + " Did you mean RUR?\n");
    assertThat(requests.get()).isZero();
  }

  @Test
  void oneItemIsSaidInTheSingular() throws IOException {
    Path prices = file("prices.csv", "offerId,price,currency", "A-1,1290,RUR");

    assertThat(run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7")).isZero();

    assertThat(err.toString()).contains("prices: 1 offer through", "prices: 1 item: 1 accepted, 0 rejected")
        .doesNotContain("1 offers", "1 items");
  }

  @Test
  void aSecondRunOfACompletedJobSaysItCompletedAndHowManyItemsAndSendsNothing() throws IOException {
    Path prices = file("prices.csv", "offerId,price,currency", "A-1,1290,RUR", "A-2,99,RUR", "A-3,5,RUR");
    refused.add("A-3");
    assertThat(run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7"))
        .isEqualTo(ExitCodes.REJECTED);
    int before = requests.get();

    int code = run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).startsWith("error: the job of this file already completed: 3 items: 2 accepted,"
        + " 1 rejected, 0 not sent; nothing was sent. To send the file again, remove the checkpoint "
        + dir.resolve("prices.csv.checkpoint"));
    assertThat(requests.get()).isEqualTo(before);
  }

  @Test
  void anExistingCheckpointIsRefusedWithoutResume() throws IOException {
    Path prices = file("prices.csv", "offerId,price,currency", "A-1,1290,RUR");
    Files.writeString(dir.resolve("prices.csv.checkpoint"), "");

    int code = run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("prices.csv.checkpoint exists", "--resume", "nothing was sent");
    assertThat(requests.get()).isZero();
  }

  @Test
  void anItemWithoutAnAnswerHasACodeAScriptCanMatchNotAClassName() throws IOException {
    Path prices = file("prices.csv", "offerId,price,currency", "P-1,100,RUR");
    dropping = true;

    int code = run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7");

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.FAILURE);
    assertThat(outcomes()).singleElement().satisfies(l -> {
      assertThat(l.get("state")).isEqualTo("NOT_SENT");
      assertThat(l.get("code")).isEqualTo("TRANSPORT"); // as the call outcome's metric tag names it
    });
    assertThat(out.toString()).doesNotContain("Exception");
  }

  @Test
  void aResumeAfterAPartialRunSendsOnlyTheRest() throws IOException {
    List<String> lines = new ArrayList<>(List.of("offerId,price,currency"));
    for (int i = 0; i < 600; i++) {
      lines.add("P-" + i + "," + (100 + i) + ",RUR");
    }
    Path prices = file("prices.csv", lines.toArray(String[]::new));
    failOn.add("P-550"); // the second request (items 500..599) fails with 503 on every attempt
    failing = true;

    int first = run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7",
        "--parallel", "1");

    assertThat(first).as(err.toString()).isEqualTo(ExitCodes.FAILURE);
    List<Map<String, Object>> firstOutcomes = outcomes();
    assertThat(firstOutcomes).hasSize(600);
    assertThat(firstOutcomes.subList(0, 500)).allMatch(l -> l.get("state").equals("ACCEPTED"));
    assertThat(firstOutcomes.subList(500, 600)).allMatch(l -> l.get("state").equals("NOT_SENT")
        && "HTTP_503".equals(l.get("code")));
    assertThat(err.toString()).contains("500 accepted, 0 rejected, 100 not sent", "--resume");
    assertThat(writesReceived).hasSize(500);

    failing = false;
    writesReceived.clear();
    int second = run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7", "--resume");

    assertThat(second).as(err.toString()).isZero();
    assertThat(outcomes()).hasSize(600).allMatch(l -> l.get("state").equals("ACCEPTED"));
    List<String> rest = new ArrayList<>();
    for (int i = 500; i < 600; i++) {
      rest.add("P-" + i);
    }
    assertThat(writesReceived).containsExactlyInAnyOrderElementsOf(rest);
    for (int i = 0; i < 600; i++) {
      assertThat(applied.get("P-" + i).get()).as("P-%s applied", i).isEqualTo(1);
    }
  }

  @Test
  void aCheckpointOfAnotherFileIsRefused() throws IOException {
    Path prices = file("prices.csv", "offerId,price,currency", "A-1,1290,RUR");
    Path checkpoint = dir.resolve("shared.ckpt");
    assertThat(run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7",
        "--checkpoint", checkpoint.toString())).isZero();
    Files.writeString(prices, "offerId,price,currency\nA-1,1300,RUR\n");
    int sent = requests.get();

    int code = run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7",
        "--checkpoint", checkpoint.toString(), "--resume");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("was written for another input of updateBusinessPrices (1 item, input sha256:",
        "remove the checkpoint to start over", "nothing was sent").doesNotContain("{\"job\"");
    assertThat(requests.get() - sent).as("only the settings read").isEqualTo(1);
  }

  // --- what a new user ran into --------------------------------------------------------------------------------

  @Test
  void aZeroOrNegativeIdExits2NamingTheOptionBeforeTheFileIsReadOrAnythingSent() throws IOException {
    Path prices = file("prices.csv", "offerId,price,currency", "A-1,1290,RUR");

    int campaign = run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7",
        "--campaign-id", "0");
    String campaignErr = err.toString();
    int stocks = run("yandex", "stocks", "update", "--file", dir.resolve("nosuch.csv").toString(), "--business-id",
        "7", "--campaign-id", "-7");
    String stocksErr = err.toString();
    int business = run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "0");

    assertThat(List.of(campaign, stocks, business)).containsOnly(ExitCodes.BAD_INPUT);
    assertThat(campaignErr).contains("--campaign-id must be a positive whole number (1 or more), was 0");
    // the ids first: the missing file is not what is reported
    assertThat(stocksErr).contains("--campaign-id must be a positive whole number (1 or more), was -7")
        .doesNotContain("nosuch.csv");
    assertThat(err.toString()).contains("--business-id must be a positive whole number (1 or more), was 0");
    assertThat(requests.get()).isZero();
    assertThat(dir.resolve("prices.csv.checkpoint")).doesNotExist();
  }

  @Test
  void csvProblemsComeInLineOrderAndAFileProblemIsSaidOnce() throws IOException {
    // line 5 lacks cells (found while reading), line 2's price and line 3's currency (found after)
    Path prices = file("prices.csv", "offerId,price,currency", "A-1,x,RUR", "A-2,1,ZZZ", "A-3,1,RUR", "A-4,1");
    Path semicolons = file("semi.csv", "offerId;price;currency", "A-1;1290;RUR");

    int mixed = run("yandex", "prices", "update", "--file", prices.toString(), "--business-id", "7");
    String mixedErr = err.toString();
    int semi = run("yandex", "prices", "update", "--file", semicolons.toString(), "--business-id", "7");
    String semiErr = err.toString();
    int missing = run("yandex", "prices", "update", "--file", dir.resolve("nosuch.csv").toString(),
        "--business-id", "7");

    assertThat(List.of(mixed, semi, missing)).containsOnly(ExitCodes.BAD_INPUT);
    assertThat(mixedErr.indexOf("line 2: price")).isPositive().isLessThan(mixedErr.indexOf("line 3: currency"));
    assertThat(mixedErr.indexOf("line 3: currency")).isLessThan(mixedErr.indexOf("line 5: line"));
    assertThat(semiErr.lines().filter(l -> l.contains("semi.csv"))).singleElement().asString()
        .contains("the separator is ',' — the header looks ';'-separated");
    assertThat(err.toString()).contains("--file: file not found: " + dir.resolve("nosuch.csv"))
        .doesNotContain("line 0");
    assertThat(requests.get()).isZero();
  }

  @Test
  void withoutJsonEachOutcomeIsAReadableLine() throws IOException {
    Path prices = file("prices.csv", "offerId,price,currency", "A-1,1290,RUR", "A-2,99.90,RUR");
    refused.add("A-2");
    out = new StringWriter();
    err = new StringWriter();
    CommandLine line = MarketplaceCli.commandLine(Map.of("YANDEX_MARKET_API_KEY", API_KEY));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));

    int code = line.execute("--base-url", server.url("/").toString(), "yandex", "prices", "update", "--file",
        prices.toString(), "--business-id", "7");

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.REJECTED);
    assertThat(out.toString().lines()).containsExactlyInAnyOrder("line 2  A-1  ACCEPTED",
        "line 3  A-2  REJECTED  INVALID_PRICE  offers[1].price: the price is below the allowed minimum");
  }

  @Test
  void aRedisCheckpointNameMustBeAKeyRedisTakes() throws IOException {
    Path prices = file("prices.csv", "offerId,price,currency", "A-1,1290,RUR");

    int code = run("--limits-store", "redis://127.0.0.1:1", "yandex", "prices", "update", "--file",
        prices.toString(), "--business-id", "7", "--checkpoint", "my job/1");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--checkpoint: with a redis:// limits store the checkpoint is a job in"
        + " Redis", "'my job/1'");
    assertThat(requests.get()).isZero();
    assertThat(BulkOptions.inRedis("redis://h:1")).isTrue();
    assertThat(BulkOptions.inRedis("REDISS://h:1")).isTrue();
    assertThat(BulkOptions.inRedis("memory")).isFalse();
    assertThat(BulkOptions.inRedis(null)).isFalse();
  }

  @Test
  void withARedisLimitsStoreTheCheckpointIsInRedisAndAnotherRunTakesTheJobOver() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(TestRedis.binary() != null, "redis-server is not installed");
    List<String> lines = new ArrayList<>(List.of("offerId,price,currency"));
    for (int i = 0; i < 600; i++) {
      lines.add("R-" + i + "," + (100 + i) + ",RUR");
    }
    Path prices = file("prices.csv", lines.toArray(String[]::new));
    failOn.add("R-550"); // the second request fails with 503 on every attempt
    failing = true;
    try (TestRedis redis = TestRedis.start()) {
      int first = run("--limits-store", redis.uri(), "yandex", "prices", "update", "--file", prices.toString(),
          "--business-id", "7", "--parallel", "1");

      assertThat(first).as(err.toString()).isEqualTo(ExitCodes.FAILURE);
      assertThat(err.toString()).contains("checkpoint redis://127.0.0.1:", "mc:checkpoint:prices:7:sha256:",
          "500 accepted, 0 rejected, 100 not sent");
      assertThat(dir.resolve("prices.csv.checkpoint")).doesNotExist();

      failing = false;
      writesReceived.clear();
      int again = run("--limits-store", redis.uri(), "yandex", "prices", "update", "--file", prices.toString(),
          "--business-id", "7");

      assertThat(again).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(err.toString()).contains("holds outcomes of this job", "--resume", "nothing was sent");
      assertThat(writesReceived).isEmpty();

      int resumed = run("--limits-store", redis.uri(), "yandex", "prices", "update", "--file", prices.toString(),
          "--business-id", "7", "--resume");

      assertThat(resumed).as(err.toString()).isZero();
      assertThat(outcomes()).hasSize(600).allMatch(l -> l.get("state").equals("ACCEPTED"));
      assertThat(writesReceived).hasSize(100).allMatch(id -> Integer.parseInt(id.substring(2)) >= 500);
      for (int i = 0; i < 600; i++) {
        assertThat(applied.get("R-" + i).get()).as("R-%s applied", i).isEqualTo(1);
      }
    }
  }
}
