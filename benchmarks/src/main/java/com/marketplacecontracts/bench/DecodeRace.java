package com.marketplacecontracts.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The decoders of {@link DecodeBenchmark} raced in turn on one thread, timed by the thread's own CPU time, so that
 * other processes on a shared machine slow neither side more than the other: warm-up, then rounds of 200 pages by
 * each decoder in turn; the median of the rounds per decoder and the ratio of those medians.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar com.marketplacecontracts.bench.DecodeRace [rounds]</pre>
 */
public final class DecodeRace {

  private interface Decode {
    Object run() throws Exception;
  }

  private DecodeRace() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    DecodeBenchmark bench = new DecodeBenchmark();
    bench.setUp();
    race("100-offer catalog page", rounds, bench::moshiTyped, bench::jacksonDatabind, bench::tokenScan);
    race("50-order list page", rounds, bench::orderMoshiTyped, bench::orderJacksonDatabind, bench::orderTokenScan);
  }

  private static void race(String page, int rounds, Decode moshi, Decode jackson, Decode scan) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Decode[] decoders = {moshi, jackson, scan};
    for (int warm = 0; warm < 5; warm++) {
      for (Decode decoder : decoders) {
        time(threads, decoder, 200);
      }
    }
    List<double[]> perRound = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      double[] micros = new double[decoders.length];
      for (int i = 0; i < decoders.length; i++) {
        micros[i] = time(threads, decoders[(i + round) % decoders.length], 200);
      }
      // Undo the rotation so that column i is always decoder i.
      double[] ordered = new double[decoders.length];
      for (int i = 0; i < decoders.length; i++) {
        ordered[(i + round) % decoders.length] = micros[i];
      }
      perRound.add(ordered);
    }
    double[] median = new double[decoders.length];
    for (int i = 0; i < decoders.length; i++) {
      int column = i;
      median[i] = median(perRound.stream().mapToDouble(r -> r[column]).toArray());
    }
    double[] ratio = perRound.stream().mapToDouble(r -> r[1] / r[0]).toArray();
    System.out.printf(Locale.ROOT, "%s: CPU µs a page, median of %d rounds — Moshi typed %.0f, Jackson databind %.0f,"
            + " token scan %.0f; Moshi pages/s ÷ Jackson pages/s = %.2f× (rounds %.2f–%.2f)%n", page, rounds,
        median[0], median[1], median[2], median[1] / median[0], Arrays.stream(ratio).min().orElse(0),
        Arrays.stream(ratio).max().orElse(0));
  }

  private static double time(ThreadMXBean threads, Decode decoder, int pages) throws Exception {
    long start = threads.getCurrentThreadCpuTime();
    Object sink = null;
    for (int i = 0; i < pages; i++) {
      sink = decoder.run();
    }
    long elapsed = threads.getCurrentThreadCpuTime() - start;
    if (sink == null) {
      throw new IllegalStateException("no result");
    }
    return elapsed / 1e3 / pages;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
