package com.marketplacecontracts.contract.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.ResponseTooLargeException;
import com.marketplacecontracts.core.http.ResponseLimits;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.yandex.YandexMarketClient;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
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
    try (RawServer server = new RawServer(body)) {
      YandexMarketClient client = YandexMarketClient.builder().baseUrl(server.url()).apiKey(HostileServerTest.API_KEY)
          .readTimeout(Duration.ofSeconds(5)).rateLimit(RateLimitConfig.disabled()).timeSource(new FakeTimeSource())
          .build();
      System.gc();
      List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long started = System.nanoTime();
      Throwable thrown = null;
      Object value = null;
      try {
        value = client.uinStatus(1L, 2L);
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
      MATRIX.row(name, name, seen, server.requests() + " (≤ " + maxRequests + ")",
          sent[0] >= MIB ? sent[0] / MIB + " MiB" : sent[0] + " bytes", HostileMatrix.seconds(wall), peak / MIB + " MiB of 256");
    }
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
}
