package com.marketplacecontracts.contract.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.ResponseTooLargeException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.http.ResponseLimits;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.guard.ContractGuard;
import com.marketplacecontracts.guard.ContractViolationException;
import com.marketplacecontracts.yandex.CatalogFilter;
import com.marketplacecontracts.yandex.YandexMarketClient;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hostile-server cases that aim at memory, run by their own surefire execution in a JVM with a 256 MiB heap
 * ({@code -Xmx256m}, the {@code small-heap} group, see contract-tests' pom): each asserts the typed outcome, that no {@link OutOfMemoryError} (or
 * any other error) escaped, the requests made and the bytes the server got to send; the table adds the peak heap.
 * Written to {@code target/hostile-memory.md}.
 */
@Tag("small-heap")
class HostileMemoryTest {

  private static final long HEAP_LIMIT = 256L * 1024 * 1024;
  private static final long MIB = 1024 * 1024;
  private static final HostileMatrix MATRIX = new HostileMatrix("hostile-memory.md",
      "| case | what the caller sees | requests | written by the server when the call returned | time | peak heap |");

  @BeforeAll
  static void runsInASmallHeap() {
    assertThat(Runtime.getRuntime().maxMemory()).as("this suite must run with -Xmx256m")
        .isLessThanOrEqualTo(HEAP_LIMIT);
  }

  @AfterAll
  static void writeMatrix() throws IOException {
    MATRIX.write();
  }

  /** Counts, as it goes, what the server has written (into {@code written[0]}, read when the call returns). */
  private static final class Counting extends OutputStream {
    private final OutputStream out;
    private final long[] written;

    Counting(OutputStream out, long[] written) {
      this.out = out;
      this.written = written;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      written[0]++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      written[0] += len;
    }
  }

  private static void endless(OutputStream out, byte fill) throws IOException {
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, fill);
    while (true) {
      out.write(block);
    }
  }

  private void run(String name, RawServer.Handler body, long[] sent, Class<? extends MarketplaceException> expected,
      int maxRequests) throws Exception {
    run(name, body, sent, expected, maxRequests, builder -> builder, client -> client.uinStatus(1L, 2L), HEAP_LIMIT);
  }

  /**
   * One case: {@code call} on a client {@code configure}d against the server; asserts the outcome, the requests, the
   * time, and (when below the JVM's own limit) a peak heap bound. The peak counts garbage not yet collected, so a
   * bound leaves room for the collector's timing. Returns the failure, if any.
   */
  private Throwable run(String name, RawServer.Handler body, long[] sent, Class<? extends MarketplaceException> expected,
      int maxRequests, UnaryOperator<YandexMarketClient.Builder> configure, Function<YandexMarketClient, Object> call,
      long maxPeakHeap) throws Exception {
    try (RawServer server = new RawServer(body)) {
      YandexMarketClient client = configure.apply(YandexMarketClient.builder().baseUrl(server.url())
          .apiKey(HostileServerTest.API_KEY).readTimeout(Duration.ofSeconds(5)).rateLimit(RateLimitConfig.disabled())
          .timeSource(new FakeTimeSource())).build();
      System.gc();
      List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long started = System.nanoTime();
      Throwable thrown = null;
      Object value = null;
      try {
        value = call.apply(client);
      } catch (Throwable e) {
        thrown = e;
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - started);
      long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();

      if (thrown != null) {
        assertThat(thrown).as(name + ": no OutOfMemoryError or other Error").isNotInstanceOf(Error.class);
      }
      String seen;
      if (expected == null) {
        assertThat(thrown).as(name).isNull();
        assertThat(value).isNotNull();
        seen = "value";
      } else {
        assertThat(thrown).as(name).isInstanceOf(expected);
        HostileServerTest.assertNoSecret(thrown);
        seen = thrown.getClass().getSimpleName() + " (HTTP " + ((MarketplaceException) thrown).statusCode() + ")";
      }
      assertThat(server.requests()).as(name + ": requests").isLessThanOrEqualTo(maxRequests);
      assertThat(wall).as(name + ": finishes").isLessThan(Duration.ofSeconds(60));
      assertThat(peak).as(name + ": peak heap").isLessThanOrEqualTo(maxPeakHeap);
      MATRIX.row(name, name, seen, server.requests() + " (≤ " + maxRequests + ")",
          sent[0] >= MIB ? sent[0] / MIB + " MiB" : sent[0] + " bytes", HostileMatrix.seconds(wall),
          peak / MIB + " MiB of 256" + (maxPeakHeap < HEAP_LIMIT ? " (≤ " + maxPeakHeap / MIB + ")" : ""));
      return thrown;
    }
  }

  /** A 200 of {@code prefix}, then {@code item} repeated (comma-separated) to about {@code bytes}, then {@code end}. */
  private static RawServer.Handler repeated(long[] sent, String prefix, String item, long bytes, String end) {
    return (head, out) -> {
      Counting counting = new Counting(out, sent);
      long count = (bytes - prefix.length() - end.length()) / (item.length() + 1);
      RawServer.write(counting, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
          + (prefix.length() + count * (item.length() + 1) - 1 + end.length()) + "\r\n\r\n" + prefix);
      byte[] block = (item + ",").repeat(4096).getBytes(StandardCharsets.US_ASCII);
      long left = count - 1;
      while (left > 0) {
        int n = (int) Math.min(4096, left);
        counting.write(block, 0, n * (item.length() + 1));
        left -= n;
      }
      RawServer.write(counting, item + end);
    };
  }

  @Test
  void aDeclaredHugeBodyIsRefusedBeforeReading() throws Exception {
    long[] sent = {0};
    run("200 declaring Content-Length 1.5 GiB", (head, out) -> {
      Counting counting = new Counting(out, sent);
      RawServer.write(counting, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
          + (1536 * MIB) + "\r\n\r\n");
      endless(counting, (byte) ' ');
    }, sent, ResponseTooLargeException.class, 1);
  }

  @Test
  void anEndlessSuccessfulBodyStopsAtTheLimit() throws Exception {
    long[] sent = {0};
    run("endless 200 body (no length, until close)", (head, out) -> {
      Counting counting = new Counting(out, sent);
      RawServer.write(counting, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
          + "{\"status\":\"OK\",\"result\":{\"items\":[");
      endless(counting, (byte) ' ');
    }, sent, ResponseTooLargeException.class, 1);
  }

  @Test
  void anEndlessChunkedErrorBodyIsReadOnlyToItsPrefix() throws Exception {
    long[] sent = {0};
    run("endless chunked 400 body", (head, out) -> {
      Counting counting = new Counting(out, sent);
      RawServer.write(counting, "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n");
      String chunk = Integer.toHexString(64 * 1024) + "\r\n" + "x".repeat(64 * 1024) + "\r\n";
      while (true) {
        RawServer.write(counting, chunk);
      }
    }, sent, BadRequestException.class, 1);
  }

  @Test
  void aGzipBombIsCutAfterDecompression() throws Exception {
    long[] sent = {0};
    run("gzip body inflating without end (~1000:1)", (head, out) -> {
      Counting counting = new Counting(out, sent);
      RawServer.write(counting, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
          + "Connection: close\r\n\r\n");
      try (GZIPOutputStream gzip = new GZIPOutputStream(counting, 64 * 1024)) {
        gzip.write("{\"status\":\"OK\",\"result\":{\"items\":[".getBytes());
        endless(gzip, (byte) ' ');
      }
    }, sent, ResponseTooLargeException.class, 1);
  }

  @Test
  void aValidBodyJustUnderTheLimitIsDecoded() throws Exception {
    long[] sent = {0};
    long padding = ResponseLimits.DEFAULT_MAX_BODY_BYTES - 1024;
    run("valid 200 body of 32 MiB less 1 KiB", (head, out) -> {
      Counting counting = new Counting(out, sent);
      String json = "{\"status\":\"OK\",\"result\":{\"items\":[]}}";
      RawServer.write(counting, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
          + (json.length() + padding) + "\r\n\r\n" + json);
      byte[] block = new byte[64 * 1024];
      Arrays.fill(block, (byte) ' ');
      long left = padding;
      while (left > 0) {
        int n = (int) Math.min(block.length, left);
        counting.write(block, 0, n);
        left -= n;
      }
    }, sent, null, 1);
  }

  // --- many tiny values: bounded by ResponseLimits.maxJsonValues, refused before they are decoded -----------------

  private static final String UIN_PREFIX = "{\"status\":\"OK\",\"result\":{\"items\":[";

  @Test
  void thirtyTwoMebibytesOfEmptyObjectsAreRefusedBeforeTheyAreDecoded() throws Exception {
    long[] sent = {0};
    Throwable thrown = run("200: 32 MiB of empty objects in an array ([{},{},...], 11 million)",
        repeated(sent, UIN_PREFIX, "{}", ResponseLimits.DEFAULT_MAX_BODY_BYTES - 1024, "]}}"), sent,
        UnreadableResponseException.class, 1, builder -> builder, client -> client.uinStatus(1L, 2L), 200 * MIB);
    assertThat(thrown).hasMessageContaining("more than 1000000 JSON values");
  }

  @Test
  void tenMillionTinyNumbersInAListOfStringsAreRefused() throws Exception {
    // pictures is a list of strings, and Moshi reads a number as a string: each "1" would be a String of its own.
    long[] sent = {0};
    Throwable thrown = run("200: 10 million one-digit numbers in a list of strings (offer pictures)",
        repeated(sent, "{\"status\":\"OK\",\"result\":{\"offerMappings\":[{\"offer\":{\"offerId\":\"a\","
            + "\"pictures\":[", "1", 20_000_000, "]}}]}}"), sent, UnreadableResponseException.class, 1,
        builder -> builder, client -> client.catalog(1L, CatalogFilter.builder().build()).pages().findFirst(),
        200 * MIB);
    assertThat(thrown).hasMessageContaining("more than 1000000 JSON values");
  }

  @Test
  void aGzipBodyDeclaringAHugeLengthIsRefusedBeforeReading() throws Exception {
    long[] sent = {0};
    Throwable thrown = run("gzip 200 declaring Content-Length 1.5 GiB, inflating without end", (head, out) -> {
      Counting counting = new Counting(out, sent);
      RawServer.write(counting, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
          + "Content-Length: " + (1536 * MIB) + "\r\n\r\n");
      try (GZIPOutputStream gzip = new GZIPOutputStream(counting, 64 * 1024)) {
        gzip.write(UIN_PREFIX.getBytes(StandardCharsets.US_ASCII));
        endless(gzip, (byte) ' ');
      }
    }, sent, ResponseTooLargeException.class, 1, builder -> builder, client -> client.uinStatus(1L, 2L), HEAP_LIMIT);
    assertThat(thrown).hasMessageContaining("declared Content-Length " + 1536 * MIB);
  }

  // --- the contract guard: its cost per answer is bounded ---------------------------------------------------------

  private final List<ContractMismatch> mismatches = new CopyOnWriteArrayList<>();

  private UnaryOperator<YandexMarketClient.Builder> guarded(ContractGuard.Builder guard) {
    return builder -> builder.okHttpClient(new OkHttpClient.Builder().addInterceptor(guard.build()).build())
        .events(new ClientEvents() {
          @Override
          public void contractMismatch(ContractMismatch mismatch) {
            mismatches.add(mismatch);
          }
        });
  }

  private static ContractGuard.Builder guard() {
    return ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC);
  }

  @Test
  void theGuardDoesNotCheckAMebibyteOfEmptyObjectsAndSaysSo() throws Exception {
    long[] sent = {0};
    run("contract guard: 1 MiB of empty objects (350 000)", repeated(sent, UIN_PREFIX, "{}", MIB, "]}}"), sent,
        null, 1, guarded(guard()), client -> client.uinStatus(1L, 2L), 200 * MIB);
    assertThat(mismatches).singleElement().satisfies(mismatch -> {
      assertThat(mismatch.kind()).isEqualTo(ContractMismatch.Kind.NOT_CHECKED);
      assertThat(mismatch.message()).contains("more than 100000 JSON tokens");
    });
  }

  @Test
  void theGuardsMostExpensiveCheckJustUnderItsBoundsIsCheap() throws Exception {
    // 49 000 empty items: just under the 100 000 tokens checked, each missing its required id.
    long[] sent = {0};
    run("contract guard: 49 000 empty objects (checked: 49 000 mismatches, 100 reported)",
        repeated(sent, UIN_PREFIX, "{}", UIN_PREFIX.length() + 49_000 * 3 + 3, "]}}"), sent, null, 1,
        guarded(guard()), client -> client.uinStatus(1L, 2L), 200 * MIB);
    assertThat(mismatches).hasSize(ContractGuard.MAX_REPORTED + 1);
    assertThat(mismatches.get(ContractGuard.MAX_REPORTED).message()).contains("more mismatches not reported");
  }

  @Test
  void theGuardDoesNotCheckFourMebibytesNorThirtyAndTheClientRefusesThem() throws Exception {
    for (long size : new long[] {4 * MIB, 30 * MIB}) {
      mismatches.clear();
      long[] sent = {0};
      run("contract guard: " + size / MIB + " MiB of empty objects", repeated(sent, UIN_PREFIX, "{}", size, "]}}"),
          sent, UnreadableResponseException.class, 1, guarded(guard()), client -> client.uinStatus(1L, 2L),
          200 * MIB);
      assertThat(mismatches).singleElement().satisfies(mismatch ->
          assertThat(mismatch.kind()).isEqualTo(ContractMismatch.Kind.NOT_CHECKED));
    }
  }

  @Test
  void aStrictGuardFailsACallItCouldNotCheck() throws Exception {
    long[] sent = {0};
    Throwable thrown = run("strict contract guard: 1 MiB of empty objects", repeated(sent, UIN_PREFIX, "{}", MIB,
        "]}}"), sent, ContractViolationException.class, 1, guarded(guard().strict()),
        client -> client.uinStatus(1L, 2L), 200 * MIB);
    assertThat(((ContractViolationException) thrown).mismatches()).extracting(ContractMismatch::kind)
        .containsExactly(ContractMismatch.Kind.NOT_CHECKED);
  }
}
