package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.operation.RateLimitKind;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.OperationType;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.stream.IntStream;

/**
 * The marketplace's limits, measured side by side in one run against {@link MarketLikeServer} (quota windows with
 * X-RateLimit-Resource-* headers, a cap of 4 in flight, 420s that say which limit): quota use with and without the
 * server's headers, an unseen second consumer, 16 threads on one business, the limiter's cost per call, and three
 * JVM processes sharing one account through Redis or each on its own. Usage: {@code java -cp
 * benchmarks/target/benchmarks.jar com.marketplacecontracts.bench.LimitsRun [windows]}; the report is also written
 * to {@code benchmarks/target/limits-report.md}. {@code LimitsRun cost [--baseline CLASSPATH]} runs the cost per call
 * alone, and with a baseline also measures the Redis store of another build (its client-core and limits-redis jars,
 * and what they need beyond this build, put first on the class path) in the same rounds.
 */
public final class LimitsRun {

  static final long QUOTA = 100;
  static final Duration WINDOW = Duration.ofSeconds(2);
  static final int CAP = 4;

  private LimitsRun() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("cost")) {
      costOnly(args.length > 2 && args[1].equals("--baseline") ? args[2] : null);
      return;
    }
    int windows = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    List<String> report = new ArrayList<>();
    report.add("# Limits report");
    report.add("");
    report.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        + ". Server: " + QUOTA + " requests per " + WINDOW.toSeconds() + " s window, at most " + CAP
        + " in flight; " + windows + " windows per run.");

    report.add("");
    report.add("## Quota use, one thread");
    report.add("");
    report.add("| client | 200 OK | quota 420 | share of the allowed " + QUOTA * windows + " |");
    report.add("| --- | --- | --- | --- |");
    report.add(quotaUse("limiter on, server sends X-RateLimit-Resource-* (header correction)", true, true, windows));
    report.add(quotaUse("limiter on, server sends no quota headers (own count only)", true, false, windows));
    report.add(quotaUse("limiter off", false, true, windows));

    report.add("");
    report.add("## A second, unseen consumer spends 30 of each window's " + QUOTA + " from window 3 on");
    report.add("");
    report.addAll(unseenConsumer(windows));

    report.add("");
    report.add("## 16 threads on one business (quota out of reach, 20 ms per request on the server)");
    report.add("");
    report.add("| client | 200 OK | parallel 420 | OK/s | average in flight (of " + CAP + ") |");
    report.add("| --- | --- | --- | --- | --- |");
    report.add(parallel("limiter on (cap 4 per account)", true));
    report.add(parallel("limiter off", false));

    Path redisBinary = RedisProcess.binary();
    RedisProcess redis = redisBinary == null ? null : RedisProcess.start(redisBinary);
    try {
      report.add("");
      report.add("## Cost per call (one thread, server answers at once, quota out of reach)");
      report.add("");
      report.add("| client | µs/call | limiter's share |");
      report.add("| --- | --- | --- |");
      // rounds alternate the modes so that load from elsewhere on the machine hits them alike; medians reported
      report.addAll(costRows(redis, null));

      report.add("");
      report.add("## Three JVM processes (2 threads each) sharing one business");
      report.add("");
      if (redis == null) {
        report.add("Skipped: redis-server is not installed (apt-get install -y redis-server).");
      } else {
        report.add("| limits | 200 OK | quota 420 | parallel 420 | share of the allowed " + QUOTA * windows + " |");
        report.add("| --- | --- | --- | --- | --- |");
        report.add(sharedAccount("shared through Redis (--limits-store)", redis.uri(), windows));
        report.add(sharedAccount("per process (no store)", "none", windows));
      }
    } finally {
      if (redis != null) {
        redis.close();
      }
    }

    Path file = Path.of("benchmarks", "target", "limits-report.md");
    Files.createDirectories(file.getParent());
    Files.write(file, report);
    System.out.println();
    report.forEach(System.out::println);
    System.exit(0);
  }

  private static YandexMarketClient client(String url, boolean limiter, long quota, String store) {
    YandexMarketClient.Builder builder = YandexMarketClient.builder().baseUrl(url).apiKey("bench-key")
        .retry(RetryConfig.none())
        .rateLimit(limiter ? RateLimitConfig.fromSpec()
            .withQuota("getOperations", RateLimitConfig.Quota.requests(quota, WINDOW))
            .withMaxWait(Duration.ofMinutes(1)) : RateLimitConfig.disabled());
    if (store != null) {
      builder.limitsStore(store);
    }
    return builder.build();
  }

  private static void call(YandexMarketClient client) {
    client.operationStatuses(1L, OperationType.ORDER_STATUS_UPDATE, List.of("op"));
  }

  /** Totals {ok, quota 420, parallel 420} over windows [first, first + count). */
  private static int[] totals(MarketLikeServer server, long first, int count) {
    int[] sum = new int[3];
    server.byWindow().forEach((window, counts) -> {
      if (window >= first && window < first + count) {
        for (int i = 0; i < 3; i++) {
          sum[i] += counts[i];
        }
      }
    });
    return sum;
  }

  private static String quotaUse(String mode, boolean limiter, boolean headers, int windows) throws Exception {
    try (MarketLikeServer server = new MarketLikeServer(QUOTA, WINDOW, CAP, Duration.ZERO, headers)) {
      YandexMarketClient client = client(server.url(), limiter, QUOTA, null);
      long first = server.awaitWindowStart();
      long end = (first + windows) * server.windowMillis();
      while (System.currentTimeMillis() < end) {
        try {
          call(client);
        } catch (RateLimitedException e) {
          // counted by the server
        }
      }
      int[] sum = totals(server, first, windows);
      return String.format(Locale.ROOT, "| %s | %d | %d | %.1f %% |", mode, sum[0], sum[1],
          100.0 * sum[0] / (QUOTA * windows));
    }
  }

  private static List<String> unseenConsumer(int windows) throws Exception {
    long unseen = 30;
    List<String> lines = new ArrayList<>();
    try (MarketLikeServer server = new MarketLikeServer(QUOTA, WINDOW, CAP, Duration.ZERO, true)) {
      YandexMarketClient client = client(server.url(), true, QUOTA, null);
      long first = server.awaitWindowStart();
      server.unseenConsumer(first + 2, unseen);
      long end = (first + windows) * server.windowMillis();
      while (System.currentTimeMillis() < end) {
        try {
          call(client);
        } catch (RateLimitedException e) {
          // counted by the server
        }
      }
      lines.add("| window | 1 | " + String.join(" | ", IntStream.rangeClosed(2, windows)
          .mapToObj(Integer::toString).toList()) + " |");
      lines.add("| --- |" + " --- |".repeat(windows));
      StringBuilder other = new StringBuilder("| other consumer |");
      StringBuilder ok = new StringBuilder("| 200 OK (this client) |");
      StringBuilder rejected = new StringBuilder("| quota 420 (this client) |");
      Map<Long, int[]> byWindow = server.byWindow();
      for (long w = first; w < first + windows; w++) {
        int[] counts = byWindow.getOrDefault(w, new int[3]);
        other.append(' ').append(w >= first + 2 ? unseen : 0).append(" |");
        ok.append(' ').append(counts[0]).append(" |");
        rejected.append(' ').append(counts[1]).append(" |");
      }
      lines.add(other.toString());
      lines.add(ok.toString());
      lines.add(rejected.toString());
    }
    return lines;
  }

  private static String parallel(String mode, boolean limiter) throws Exception {
    Duration run = Duration.ofSeconds(4);
    try (MarketLikeServer server = new MarketLikeServer(1_000_000, WINDOW, CAP, Duration.ofMillis(20), true)) {
      YandexMarketClient client = client(server.url(), limiter, 1_000_000, null);
      call(client);
      AtomicInteger ok = new AtomicInteger();
      AtomicInteger parallel = new AtomicInteger();
      server.resetInFlight();
      long start = System.nanoTime();
      long end = start + run.toNanos();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        Thread thread = new Thread(() -> {
          while (System.nanoTime() < end) {
            try {
              call(client);
              ok.incrementAndGet();
            } catch (RateLimitedException e) {
              if (e.kind() == RateLimitKind.PARALLEL && e.statusCode() == 420) {
                parallel.incrementAndGet();
              }
            }
          }
        });
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f |", mode, ok.get(), parallel.get(),
          ok.get() / seconds, server.averageInFlight());
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /** The cost per call alone, printed and written to {@code benchmarks/target/limits-cost-report.md}. */
  private static void costOnly(String baseline) throws Exception {
    Path redisBinary = RedisProcess.binary();
    RedisProcess redis = redisBinary == null ? null : RedisProcess.start(redisBinary);
    List<String> report = new ArrayList<>();
    try {
      report.add("## Cost per call (one thread, server answers at once, quota out of reach)");
      report.add("");
      report.add("| client | µs/call | limiter's share |");
      report.add("| --- | --- | --- |");
      report.addAll(costRows(redis, baseline));
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
    Path file = Path.of("benchmarks", "target", "limits-cost-report.md");
    Files.createDirectories(file.getParent());
    Files.write(file, report);
    report.forEach(System.out::println);
    System.exit(0);
  }

  /**
   * Rows of the cost-per-call table: each mode measured in a JVM of its own ({@link LimitsCostWorker}), in rounds
   * that alternate the modes so that load from elsewhere on the machine hits them alike; medians of 5 rounds.
   */
  private static List<String> costRows(RedisProcess redis, String baseline) throws Exception {
    List<String> modes = new ArrayList<>(List.of("off", "local"));
    if (redis != null) {
      modes.add("redis");
      if (baseline != null) {
        modes.add("baseline");
      }
    }
    Map<String, List<Double>> samples = new HashMap<>();
    for (int round = 0; round < 5; round++) {
      for (String mode : modes) {
        // the baseline in a database of its own: another build may keep its buckets in another form
        samples.computeIfAbsent(mode, k -> new ArrayList<>()).add(costInOwnJvm(mode.equals("baseline") ? "redis"
            : mode, redis == null ? "" : redis.uri() + (mode.equals("baseline") ? "/1" : ""),
            mode.equals("baseline") ? baseline : null));
      }
    }
    List<String> rows = new ArrayList<>();
    double off = median(samples.get("off"));
    rows.add(String.format(Locale.ROOT, "| limiter off | %.1f | — |", off));
    double local = median(samples.get("local"));
    rows.add(String.format(Locale.ROOT, "| limiter on, in-process | %.1f | %+.1f µs |", local, local - off));
    if (samples.containsKey("baseline")) {
      double before = median(samples.get("baseline"));
      rows.add(String.format(Locale.ROOT, "| limiter on, Redis store (loopback), baseline build | %.1f | %+.1f µs |",
          before, before - off));
    }
    if (redis != null) {
      double shared = median(samples.get("redis"));
      rows.add(String.format(Locale.ROOT, "| limiter on, Redis store (loopback) | %.1f | %+.1f µs |", shared,
          shared - off));
    }
    System.out.println("cost per call, µs by round: " + samples);
    return rows;
  }

  /** One mode's cost per call in a JVM of its own; {@code prefix} goes before this JVM's class path. */
  private static double costInOwnJvm(String mode, String redisUri, String prefix) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = (prefix == null ? "" : prefix + File.pathSeparator)
        + System.getProperty("java.class.path");
    Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, LimitsCostWorker.class.getName(), mode,
        redisUri).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line = out.readLine();
      process.waitFor();
      if (line == null || !line.startsWith("us ")) {
        throw new IllegalStateException("the " + mode + " worker failed: " + line);
      }
      return Double.parseDouble(line.substring(3));
    }
  }

  static double costPerCall(boolean limiter, String store) throws Exception {
    try (MarketLikeServer server = new MarketLikeServer(1_000_000_000L, WINDOW, CAP, Duration.ZERO, true)) {
      YandexMarketClient client = client(server.url(), limiter, 1_000_000_000L, store);
      // warmed up until the store's client code is compiled too (its first thousands of calls run slower)
      int warmup = Integer.getInteger("limits.cost.warmup", 20_000);
      for (int i = 0; i < warmup; i++) {
        call(client);
      }
      int calls = Integer.getInteger("limits.cost.calls", 5_000);
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        call(client);
      }
      return (System.nanoTime() - start) / 1e3 / calls;
    }
  }

  private static String sharedAccount(String mode, String store, int windows) throws Exception {
    try (MarketLikeServer server = new MarketLikeServer(QUOTA, WINDOW, CAP, Duration.ZERO, true)) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<Process> processes = new ArrayList<>();
      List<BufferedReader> outputs = new ArrayList<>();
      for (int p = 0; p < 3; p++) {
        Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
            SharedAccountWorker.class.getName(), server.url(), store, Long.toString(QUOTA),
            Long.toString(server.windowMillis()), "2").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(process);
        outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
      }
      for (BufferedReader output : outputs) {
        if (!"ready".equals(output.readLine())) {
          throw new IllegalStateException("a worker process did not start");
        }
      }
      long first = System.currentTimeMillis() / server.windowMillis() + 2;
      long start = first * server.windowMillis();
      long end = (first + windows) * server.windowMillis();
      for (Process process : processes) {
        process.getOutputStream().write((start + " " + end + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
      }
      List<String> seen = new ArrayList<>();
      for (int p = 0; p < 3; p++) {
        String line = outputs.get(p).readLine();
        if (line == null || !line.startsWith("ok ")) {
          throw new IllegalStateException("a worker process failed: " + line);
        }
        seen.add(line);
        processes.get(p).waitFor();
      }
      System.out.println(mode + ": " + seen + " " + server.byWindow().keySet() + " measured from " + first);
      int[] sum = totals(server, first, windows);
      return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f %% |", mode, sum[0], sum[1], sum[2],
          100.0 * sum[0] / (QUOTA * windows));
    }
  }

  /** A redis-server of the Debian package on a free loopback port, for the shared-store runs. */
  private static final class RedisProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisProcess(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static Path binary() {
      for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
        if (Files.isExecutable(Path.of(candidate))) {
          return Path.of(candidate);
        }
      }
      return null;
    }

    static RedisProcess start(Path binary) throws IOException, InterruptedException {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Process process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind",
          "127.0.0.1", "--save", "", "--appendonly", "no").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      for (int i = 0; i < 200; i++) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
          return new RedisProcess(process, port);
        } catch (IOException e) {
          Thread.sleep(25);
        }
      }
      process.destroyForcibly();
      throw new IllegalStateException("redis-server did not start");
    }

    String uri() {
      return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
      process.destroy();
    }
  }
}
