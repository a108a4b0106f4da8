package com.marketplacecontracts.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The calls of {@link CallOverheadBenchmark} raced in turn in one process against its loopback server, each timed by
 * the CPU time all the process's Java threads spend on it (client and server): on a machine shared with other work, a
 * loopback exchange waits for the scheduler far longer than it computes, and the wait says nothing about the client.
 * Rounds of 300 calls of each kind in rotating order; the median per kind and its ratio to plain Retrofit + Moshi.
 * Each kind is first warmed up by {@code -Dcall.race.warmup} calls (default 20,000): the client's longer path is
 * still being compiled after a few thousand calls, which would count against it.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar com.marketplacecontracts.bench.CallRace [rounds]</pre>
 */
public final class CallRace {

  private CallRace() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    CallOverheadBenchmark bench = new CallOverheadBenchmark();
    bench.setUp();
    try {
      Map<String, Callable<Object>> calls = new LinkedHashMap<>();
      calls.put("plain Retrofit + the same Moshi models", bench::plainRetrofitMoshi);
      calls.put("full client call, same typed answer", bench::fullClientCall);
      calls.put("full client call, then mapped to Listing", bench::fullClientCallAndMapping);
      calls.put("the runtime's HTTP path, body not decoded", bench::runtimeWithoutDecode);
      calls.put("bare OkHttp, body bytes read", bench::bareOkHttp);
      race(calls, rounds, 300);
    } finally {
      bench.tearDown();
    }
    System.exit(0);
  }

  static void race(Map<String, Callable<Object>> calls, int rounds, int perRound) throws Exception {
    ThreadMXBean os = ManagementFactory.getThreadMXBean();
    List<Callable<Object>> kinds = new ArrayList<>(calls.values());
    int warmup = Integer.getInteger("call.race.warmup", 20_000);
    for (int warm = 0; warm < Math.max(1, warmup / perRound); warm++) {
      for (Callable<Object> call : kinds) {
        time(os, call, perRound);
      }
    }
    double[][] cpu = new double[kinds.size()][rounds];
    double[][] wall = new double[kinds.size()][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < kinds.size(); i++) {
        int kind = (i + round) % kinds.size();
        double[] measured = time(os, kinds.get(kind), perRound);
        cpu[kind][round] = measured[0];
        wall[kind][round] = measured[1];
      }
    }
    double rival = median(cpu[0]);
    List<String> names = new ArrayList<>(calls.keySet());
    System.out.printf(Locale.ROOT, "| call | CPU µs a call (Java threads) | vs %s | wall µs a call |%n", names.get(0));
    System.out.println("| --- | --- | --- | --- |");
    for (int i = 0; i < kinds.size(); i++) {
      double[] ratios = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        ratios[round] = cpu[i][round] / cpu[0][round];
      }
      Arrays.sort(ratios);
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f× (rounds %.2f–%.2f) | %.1f |%n", names.get(i),
          median(cpu[i]), median(cpu[i]) / rival, ratios[0], ratios[rounds - 1], median(wall[i]));
    }
  }

  private static double[] time(ThreadMXBean os, Callable<Object> call, int calls) throws Exception {
    long cpu = cpu(os);
    long wall = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      if (call.call() == null) {
        throw new IllegalStateException("no result");
      }
    }
    return new double[] {(cpu(os) - cpu) / 1e3 / calls, (System.nanoTime() - wall) / 1e3 / calls};
  }

  /** CPU time of every live Java thread (a thread that ended meanwhile drops out: the servers' pools keep theirs). */
  private static long cpu(ThreadMXBean threads) {
    long sum = 0;
    for (long id : threads.getAllThreadIds()) {
      long time = threads.getThreadCpuTime(id);
      sum += Math.max(0, time);
    }
    return sum;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
