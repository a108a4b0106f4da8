package com.marketplacecontracts.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The calls of {@link ContractGuardBenchmark} raced in turn in one process, timed by the CPU time of all its Java
 * threads as {@link CallRace} does (a loaded machine's scheduling waits drop out): the client call of a 10-offer
 * page without the guard, the same call with the guard checking every call (the answer checked while the client
 * decodes it), and the guard's own check of that exchange's bytes alone (what a call made with plain OkHttp, or an
 * answer the client's read doubts, costs besides); each against the unguarded call, round by round in rotating
 * order.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar com.marketplacecontracts.bench.ContractGuardRace [rounds]</pre>
 */
public final class ContractGuardRace {

  private ContractGuardRace() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    ContractGuardBenchmark bench = new ContractGuardBenchmark();
    bench.setUp();
    try {
      Map<String, Callable<Object>> calls = new LinkedHashMap<>();
      calls.put("full client call, no guard", bench::fullClientCall);
      calls.put("full client call, no guard, the caller's OkHttpClient", bench::fullClientCallOwnHttp);
      calls.put("full client call, guard checks every call", bench::fullClientCallGuardEveryCall);
      calls.put("the guard's own check of the exchange's bytes alone (no I/O)", bench::guardCheckAlone);
      CallRace.race(calls, rounds, 300);
    } finally {
      bench.tearDown();
    }
    System.exit(0);
  }
}
