package com.marketplacecontracts.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark side by side and prints one Markdown report (also written to
 * {@code benchmarks/target/benchmarks-report.md}). Usage: {@code java -jar benchmarks/target/benchmarks.jar
 * [quota-seconds]}.
 */
public final class RunAll {

  private RunAll() {
  }

  public static void main(String[] args) throws Exception {
    Duration quotaRun = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 36);
    List<String> report = new ArrayList<>();
    report.add("# Benchmark report");
    report.add("");
    report.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB, " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch"));

    int pageBytes = CatalogPages.json(CatalogPages.page(DecodeBenchmark.PAGE_SIZE, "next", 1)).length;
    DecodeBenchmark check = new DecodeBenchmark();
    check.setUp();
    if (!check.moshiTyped().equals(check.jacksonDatabind())
        || !check.orderMoshiTyped().equals(check.orderJacksonDatabind())) {
      throw new IllegalStateException("Moshi and Jackson decode a page differently: the comparison is unfair");
    }
    Options options = new OptionsBuilder().include(DecodeBenchmark.class.getName())
        .include(CallOverheadBenchmark.class.getName()).build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, double[]> scores = new HashMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.') + 1);
      scores.put(name, new double[] {result.getPrimaryResult().getScore(),
          result.getPrimaryResult().getScoreError()});
    }

    report.add("");
    report.add("## Decode: one 100-offer page of the business catalog (" + String.format(Locale.ROOT, "%.2f",
        pageBytes / 1e6) + " MB)");
    report.add("");
    report.add("| decoder | pages/s | MB/s | vs token scan |");
    report.add("| --- | --- | --- | --- |");
    double scan = scores.get("tokenScan")[0];
    for (String name : List.of("tokenScan", "moshiTyped", "jacksonDatabind")) {
      double[] s = scores.get(name);
      report.add(String.format(Locale.ROOT, "| %s | %.1f ± %.1f | %.1f | %.2f× |", name, s[0], s[1],
          s[0] * pageBytes / 1e6, s[0] / scan));
    }
    report.add(String.format(Locale.ROOT, "%nMoshi typed / Jackson databind: %.2f×",
        scores.get("moshiTyped")[0] / scores.get("jacksonDatabind")[0]));

    int orderBytes = OrderPages.json(OrderPages.page(OrderPages.PAGE_SIZE, "next", 1)).length;
    report.add("");
    report.add("## Decode: one 50-order page of the business order list (" + String.format(Locale.ROOT, "%.2f",
        orderBytes / 1e6) + " MB)");
    report.add("");
    report.add("| decoder | pages/s | MB/s | vs token scan |");
    report.add("| --- | --- | --- | --- |");
    double orderScan = scores.get("orderTokenScan")[0];
    for (String name : List.of("orderTokenScan", "orderMoshiTyped", "orderJacksonDatabind")) {
      double[] s = scores.get(name);
      report.add(String.format(Locale.ROOT, "| %s | %.1f ± %.1f | %.1f | %.2f× |", name, s[0], s[1],
          s[0] * orderBytes / 1e6, s[0] / orderScan));
    }
    report.add(String.format(Locale.ROOT, "%nMoshi typed / Jackson databind: %.2f×",
        scores.get("orderMoshiTyped")[0] / scores.get("orderJacksonDatabind")[0]));

    report.add("");
    report.add("## Call overhead: one 10-offer page of getOfferMappings (" + CatalogPages.json(
        CatalogPages.page(CallOverheadBenchmark.PAGE_SIZE, null, 2)).length / 1000 + " kB) from a loopback server");
    report.add("");
    report.add("| call | µs/call |");
    report.add("| --- | --- |");
    for (String name : List.of("bareOkHttp", "runtimeWithoutDecode", "validateAndBuildCallOnly", "decodeAndMapOnly",
        "plainRetrofitMoshi", "fullClientCall", "fullClientCallAndMapping")) {
      double[] s = scores.get(name);
      report.add(String.format(Locale.ROOT, "| %s | %.1f ± %.1f |", name, s[0], s[1]));
    }
    double full = scores.get("fullClientCall")[0];
    double bare = scores.get("bareOkHttp")[0];
    double decode = scores.get("decodeAndMapOnly")[0];
    report.add(String.format(Locale.ROOT, "%nfull client call / bare OkHttp: %.2f×; without the decode and mapping "
        + "the bare call does not do: (full − decode) / bare = %.2f×", full / bare, (full - decode) / bare));
    report.add(String.format(Locale.ROOT, "runtime HTTP path / bare OkHttp (same bytes, no decode): %.2f×; "
        + "full client call / plain Retrofit + Moshi (same decode): %.2f×",
        scores.get("runtimeWithoutDecode")[0] / bare, full / scores.get("plainRetrofitMoshi")[0]));

    PagingMemory.Result paging = PagingMemory.run(100_000);
    report.add("");
    report.add("## Paging memory: 100,000 offers of the business catalog (100 a page) through the lazy pager");
    report.add("");
    report.add(String.format(Locale.ROOT, "%d offers in %d pages, %.1f s (%.0f offers/s); heap retained after GC: "
            + "baseline %.1f MB, peak growth %.1f MB, growth at the last page %.1f MB", paging.offers(),
        paging.pages(), paging.seconds(), paging.offers() / paging.seconds(), paging.baselineBytes() / 1e6,
        paging.peakRetainedGrowthBytes() / 1e6, paging.lastRetainedGrowthBytes() / 1e6));

    report.add("");
    report.add("## Quota use: 100 requests per 6 s window (1,000/hour scaled 600×), " + quotaRun.toSeconds()
        + " s per run");
    report.add("");
    report.add("| mode | 200 OK | 420 | OK/s | share of allowed rate |");
    report.add("| --- | --- | --- | --- | --- |");
    for (QuotaUse.Result quota : QuotaUse.run(quotaRun)) {
      report.add(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.1f %% |", quota.mode(), quota.ok(),
          quota.rejected(), quota.okPerSecond(), 100 * quota.shareOfAllowed()));
    }

    Path file = Path.of("benchmarks", "target", "benchmarks-report.md");
    Files.createDirectories(file.getParent());
    Files.write(file, report);
    System.out.println();
    report.forEach(System.out::println);
    System.exit(0);
  }
}
