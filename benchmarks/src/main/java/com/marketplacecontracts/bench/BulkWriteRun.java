package com.marketplacecontracts.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 100,000 price updates ({@code updatePrices} as a {@code BulkWrite} job, 4 in flight) against
 * {@link PriceQuotaServer} with the marketplace's item quota scaled (10,000 offers a minute becomes 2,000 offers a
 * 1 s window, so the run takes about 50 s), side by side: a run left alone, and a run killed ({@code SIGKILL}) at
 * 50 % and resumed from its checkpoint. Each job runs in a JVM of its own with {@code -Xmx64m}. Counted at the
 * server: share of the item quota used, 420s, items lost or applied twice. Arguments (optional): items, quota.
 * Writes {@code benchmarks/target/bulk-report.md}.
 */
public final class BulkWriteRun {

  private static final Pattern ACCEPTED = Pattern.compile("\\{\"from\":(\\d+),\"size\":(\\d+),\"state\":\"ACCEPTED\"");
  private static final long WINDOW = 1000;
  static int CHUNK = Integer.getInteger("bulk.chunk", 0);

  private BulkWriteRun() {
  }

  record Job(String line, double seconds) {
    String field(String name) {
      Matcher m = Pattern.compile(name + "=([0-9.]+)").matcher(line == null ? "" : line);
      return m.find() ? m.group(1) : "?";
    }
  }

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    long quota = args.length > 1 ? Long.parseLong(args[1]) : 2_000;
    Path dir = Files.createTempDirectory("bulk-bench");
    String loadAtStart = Files.readString(Path.of("/proc/loadavg")).trim();
    List<String> report = new ArrayList<>();
    report.add("| run | seconds | offers applied | windows | share of the item quota (whole windows) | share"
        + " (whole run) | 420s | lost | applied twice | heap peak | heap after GC |");
    report.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");

    try (PriceQuotaServer server = new PriceQuotaServer(items, quota, WINDOW)) {
      Path checkpoint = dir.resolve("alone.ckpt");
      Job job = worker(server.url(), checkpoint, items, quota, -1, server);
      report.add(row("left alone", server, items, quota, job.seconds(), job, new BitSet(), "—"));
    }

    try (PriceQuotaServer server = new PriceQuotaServer(items, quota, WINDOW)) {
      Path checkpoint = dir.resolve("killed.ckpt");
      long start = System.nanoTime();
      Job killed = worker(server.url(), checkpoint, items, quota, items / 2, server);
      long appliedAtKill = server.itemsApplied.get();
      BitSet acknowledged = acknowledged(checkpoint);
      Job resumed = worker(server.url(), checkpoint, items, quota, -1, server);
      double seconds = (System.nanoTime() - start) / 1e9;
      report.add(row("killed at 50 % (" + appliedAtKill + " applied, " + acknowledged.cardinality()
          + " recorded) and resumed", server, items, quota, seconds, resumed, acknowledged, killed.line()));
    }
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    String text = String.join("\n", report) + "\n\n" + items + " offers, quota " + quota + " offers a " + WINDOW
        + " ms window, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ", load average (1/5/15 min, /proc/loadavg) at the start: "
        + loadAtStart + ", at the end: " + load + "\n";
    System.out.println(text);
    Path out = Path.of("benchmarks", "target");
    if (Files.isDirectory(out)) {
      Files.writeString(out.resolve("bulk-report.md"), text);
    }
  }

  private static String row(String name, PriceQuotaServer server, int items, long quota, double seconds, Job job,
      BitSet acknowledged, String killedLine) {
    TreeMap<Long, Long> windows = new TreeMap<>();
    server.perWindow.forEach((start, n) -> windows.put(start, n.get()));
    long first = windows.firstKey();
    long last = windows.lastKey();
    if (Boolean.getBoolean("bulk.windows")) {
      // every window from the first to the last the server counted offers in, the empty ones as 0
      List<Long> all = new ArrayList<>();
      for (long w = first; w <= last; w += WINDOW) {
        all.add(windows.getOrDefault(w, 0L));
      }
      System.out.println(name + ": " + all);
    }
    long spanned = (last - first) / WINDOW + 1;
    // whole windows: every window but the first and the last (which the run enters and leaves part-way)
    long inner = 0;
    long innerCount = Math.max(0, spanned - 2);
    for (long w = first + WINDOW; w < last; w += WINDOW) {
      inner += windows.getOrDefault(w, 0L);
    }
    int lost = 0;
    int twice = 0;
    int twiceAcknowledged = 0;
    for (int i = 0; i < items; i++) {
      int n = server.applied.get(i);
      if (n == 0) {
        lost++;
      } else if (n > 1) {
        twice++;
        if (acknowledged.get(i)) {
          twiceAcknowledged++;
        }
      }
    }
    return String.format(Locale.ROOT, "| %s | %.1f | %d | %d | %.2f %% | %.2f %% | %d | %d | %d (%d of them"
        + " acknowledged before the kill) | %s MB | %s MB |", name, seconds, server.itemsApplied.get(), spanned,
        innerCount == 0 ? 0 : 100.0 * inner / (innerCount * quota), 100.0 * server.itemsApplied.get()
            / (spanned * quota), server.quota420.get(), lost, twice, twiceAcknowledged, job.field("heapPeakMb"),
        job.field("heapAfterGcMb"));
  }

  /** Runs a worker JVM; with {@code killAt} ≥ 0, kills it once the server applied that many offers. */
  private static Job worker(String url, Path checkpoint, int items, long quota, long killAt, PriceQuotaServer server)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-cp", System.getProperty("java.class.path"), BulkWriteWorker.class.getName(), url,
        checkpoint.toString(), Integer.toString(items), Long.toString(quota), Integer.toString(CHUNK)).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          synchronized (lines) {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        // the child was killed
      }
    });
    reader.start();
    if (killAt >= 0) {
      while (server.itemsApplied.get() < killAt && child.isAlive()) {
        Thread.sleep(2);
      }
      child.destroyForcibly();
    }
    if (!child.waitFor(10, TimeUnit.MINUTES)) {
      child.destroyForcibly();
      throw new IllegalStateException("the worker did not end in 10 minutes");
    }
    reader.join(5000);
    double seconds = (System.nanoTime() - start) / 1e9;
    synchronized (lines) {
      String done = lines.stream().filter(l -> l.startsWith("done ")).findFirst().orElse(null);
      if (done == null && killAt < 0) {
        throw new IllegalStateException("the worker failed: " + String.join("\n", lines));
      }
      return new Job(done, seconds);
    }
  }

  /** Positions the checkpoint records as acknowledged. */
  private static BitSet acknowledged(Path checkpoint) throws IOException {
    BitSet out = new BitSet();
    for (String line : Files.readAllLines(checkpoint)) {
      Matcher m = ACCEPTED.matcher(line);
      if (m.lookingAt()) {
        int from = Integer.parseInt(m.group(1));
        out.set(from, from + Integer.parseInt(m.group(2)));
      }
    }
    return out;
  }
}
