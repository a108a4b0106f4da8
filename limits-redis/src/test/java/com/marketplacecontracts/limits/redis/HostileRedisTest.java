package com.marketplacecontracts.limits.redis;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared store against a "Redis" that hangs, answers late or answers nonsense ({@link FakeRedis}): every call
 * still ends well within its 3 s call timeout under the local limiter, the outage is reported once, and no reply
 * can make the client hold more than a bounded amount of it. Real time throughout (the call timeout is real); the
 * measured times go to the table printed at the end.
 */
class HostileRedisTest {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
  /** A call that waited for a hanging store for as long as its timeout would be cut off: well below that. */
  private static final Duration WELL_WITHIN = Duration.ofMillis(2_000);
  private static final List<String> TABLE = Collections.synchronizedList(new ArrayList<>());

  @RegisterExtension
  final MockServer server = new MockServer();
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void answerEverything() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return json(200, "{}");
      }
    });
  }

  @BeforeAll
  static void warmUp() throws Exception {
    // Lettuce and Netty load their classes on the first connection: not what the first case should measure
    try (FakeRedis fake = new FakeRedis(FakeRedis.COOPERATIVE);
        RedisLimiterStore store = new RedisLimiterStore(fake.uri(), Duration.ofSeconds(30))) {
      store.get("warm-up");
    }
  }

  @AfterAll
  static void printTable() {
    System.out.println("Hostile Redis cases (call timeout 3 s):");
    System.out.println("| case | slowest of the calls made at once (8, or 16) | slowest of 5 after | warnings"
        + " | bytes sent by the fake |");
    System.out.println("| --- | --- | --- | --- | --- |");
    TABLE.forEach(System.out::println);
  }

  private TestClient client(String storeUri) {
    return TestClient.builder(server.url("/").toString())
        .retry(RetryConfig.none())
        .callTimeout(CALL_TIMEOUT)
        .rateLimit(RateLimitConfig.fromSpec()
            .withQuota("read", RateLimitConfig.Quota.requests(1_000_000, Duration.ofMinutes(1))))
        .events(new ClientEvents() {
          @Override
          public void limiterStoreUnavailable(String store, String reason) {
            warnings.add(store + ": " + reason);
          }
        })
        .limitsStore(storeUri)
        .build();
  }

  private static Duration timed(Runnable call) {
    long started = System.nanoTime();
    call.run();
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /**
   * 8 calls at once (while the store is being opened, or used), then 5 one after the other: each must succeed well
   * within its timeout, and the store be reported unavailable exactly once.
   */
  private void assertLeftForTheLocalLimiter(String name, FakeRedis fake, long accountBase) throws Exception {
    assertLeftForTheLocalLimiter(name, fake, accountBase, 8, 2);
  }

  /** As above, with {@code atOnce} calls at first, spread over {@code accounts} accounts. */
  private void assertLeftForTheLocalLimiter(String name, FakeRedis fake, long accountBase, int atOnce, int accounts)
      throws Exception {
    TestClient client = client(fake.uri());
    int requestsBefore = server.getRequestCount();

    Duration first = Duration.ZERO;
    ExecutorService pool = Executors.newFixedThreadPool(atOnce);
    try {
      List<Future<Duration>> calls = new ArrayList<>();
      for (int i = 0; i < atOnce; i++) {
        long account = accountBase + i % accounts;
        calls.add(pool.submit(() -> timed(() -> client.api.read(account).execute())));
      }
      for (Future<Duration> call : calls) {
        Duration took = call.get(60, TimeUnit.SECONDS);
        first = took.compareTo(first) > 0 ? took : first;
      }
    } finally {
      pool.shutdownNow();
    }
    Duration later = Duration.ZERO;
    for (int i = 0; i < 5; i++) {
      Duration took = timed(() -> client.api.read(accountBase).execute());
      later = took.compareTo(later) > 0 ? took : later;
    }
    TABLE.add("| " + name + " | " + seconds(first) + " | " + seconds(later) + " | " + warnings.size() + " | "
        + fake.written() + " |");

    assertThat(first).as("the slowest of the first calls, made at once").isLessThan(WELL_WITHIN);
    assertThat(later).as("the slowest of the 5 calls after them").isLessThan(WELL_WITHIN);
    assertThat(server.getRequestCount() - requestsBefore).isEqualTo(atOnce + 5);
    assertThat(warnings).as("one warning for the outage").hasSize(1);
    assertThat(warnings.get(0)).startsWith("redis://127.0.0.1:" + fake.port());
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
  }

  @Test
  void aCooperativeFakeIsUsedWithoutAWarning() throws Exception {
    // the control: the fakes below speak well enough for the store to work until they misbehave
    try (FakeRedis fake = new FakeRedis(FakeRedis.COOPERATIVE)) {
      TestClient client = client(fake.uri());
      for (int i = 0; i < 5; i++) {
        client.api.read(50L).execute();
      }
      assertThat(warnings).isEmpty();
      // at least the window's lookup and the admission of each call (permits go back without waiting)
      assertThat(fake.commands()).as("commands the store sent").isGreaterThanOrEqualTo(5 * 2);
    }
  }

  @Test
  void aRedisThatAcceptsAndNeverAnswers() throws Exception {
    try (FakeRedis fake = FakeRedis.silent()) {
      assertLeftForTheLocalLimiter("accepts, never answers", fake, 100);
    }
  }

  @Test
  void aRedisThatAnswersEveryCommandThreeSecondsLate() throws Exception {
    try (FakeRedis fake = FakeRedis.slow(3_000)) {
      assertLeftForTheLocalLimiter("answers 3 s late", fake, 200);
    }
  }

  @Test
  void aRedisThatHangsOnlyOnThePermitScript() throws Exception {
    // quotas are served, permits hang: 16 callers of one account queue for its 4 slots inside the store, and must
    // not each wait for a command of their own to time out
    try (FakeRedis fake = new FakeRedis((command, arguments, out) -> {
      if (FakeRedis.takesPermits(command, arguments)) {
        Thread.sleep(60_000);
      }
      FakeRedis.COOPERATIVE.answer(command, arguments, out);
    })) {
      assertLeftForTheLocalLimiter("hangs on the permit script, 16 callers of one account", fake, 350, 16, 1);
    }
  }

  @Test
  void aRedisThatStopsAnsweringMidSession() throws Exception {
    AtomicInteger answered = new AtomicInteger();
    try (FakeRedis fake = new FakeRedis((command, arguments, out) -> {
      if (answered.incrementAndGet() > 12) {
        Thread.sleep(60_000); // hangs from now on
      }
      FakeRedis.COOPERATIVE.answer(command, arguments, out);
    })) {
      TestClient client = client(fake.uri());
      client.api.read(300L).execute(); // served by the store
      assertThat(fake.commands()).isPositive();
      assertThat(warnings).isEmpty();

      assertLeftForTheLocalLimiter("stops answering mid-session", fake, 300);
    }
  }

  /** A reply the client must not take in whole: it is refused, the store left, and little was read. */
  @ParameterizedTest
  @ValueSource(strings = {"$200000000", "$2147483647", "$99999999999999999999", "*2000000000", "%1000000000",
      "~1000000000", ">1000000000", "*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1:1"})
  void anAbsurdReplyIsRefusedAfterItsHeader(String header) throws Exception {
    try (FakeRedis fake = new FakeRedis((command, arguments, out) -> {
      out.write(header.replace("*1", "*1\r\n") + "\r\n");
      byte[] chunk = new byte[1 << 20];
      java.util.Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i < 256; i++) {
        out.write(chunk); // up to 256 MiB, as fast as the client reads
      }
    })) {
      assertLeftForTheLocalLimiter("reply " + header, fake, 400);
      // what a client refusing at the header takes in is what the sockets buffer, not the reply's 200 MB
      assertThat(fake.written()).isLessThan(32L << 20);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"$10\r\nabc", "*3\r\n:1\r\n", "HTTP/1.1 400 Bad Request\r\n\r\n", "\r\n\r\n",
      "$-5\r\n", ":\r\n", "*-7\r\n"})
  void aRedisThatClosesMidReplyOrSpeaksSomethingElse(String reply) throws Exception {
    try (FakeRedis fake = new FakeRedis((command, arguments, out) -> {
      out.write(reply);
      out.close();
    })) {
      assertLeftForTheLocalLimiter("closes after " + reply.replace("\r\n", "\\r\\n"), fake, 500);
    }
  }

  /** Replies of a type the command never answers with; each is a store failure, never a wait for a permit. */
  @ParameterizedTest
  @ValueSource(strings = {"$-1\r\n", "+OK\r\n", ":7\r\n", ":-1\r\n", "*0\r\n", "$3\r\nabc\r\n", "-ERR nope\r\n",
      "_\r\n", ",1.5\r\n"})
  void aRedisAnsweringTheWrongType(String reply) throws Exception {
    try (FakeRedis fake = new FakeRedis((command, arguments, out) -> out.write(reply))) {
      assertLeftForTheLocalLimiter("answers " + reply.replace("\r\n", "\\r\\n") + " to everything", fake, 600);
    }
  }

  @Test
  void aRedisWhoseScriptsAllAnswerZero() throws Exception {
    // a number where the limits script answers a list: never "refused" nor "all taken", a failure
    try (FakeRedis fake = new FakeRedis((command, arguments, out) -> out.write(
        command.startsWith("EVAL") ? ":0\r\n" : FakeRedis.canned(command, arguments)))) {
      assertLeftForTheLocalLimiter("every script answers 0", fake, 700);
    }
  }

  @Test
  void anOutageIsReportedOnceNotAtEachRecheck() throws IOException {
    // no Redis at all on this port: refused at once, and tried again after each recheck interval
    FakeTimeSource time = new FakeTimeSource();
    TestClient client = TestClient.builder(server.url("/").toString()).retry(RetryConfig.none())
        .timeSource(time).clock(time.clock())
        .events(new ClientEvents() {
          @Override
          public void limiterStoreUnavailable(String store, String reason) {
            warnings.add(store);
          }
        })
        .limitsStore("redis://127.0.0.1:" + RedisServer.freePort()).build();

    for (int i = 0; i < 3; i++) {
      client.api.read(800L).execute();
      time.advance(Duration.ofSeconds(11)); // past the recheck interval: the store is tried again, still down
    }

    assertThat(warnings).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
