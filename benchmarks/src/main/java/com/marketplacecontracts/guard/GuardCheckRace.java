package com.marketplacecontracts.guard;

import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.ContractMismatch.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The guard's two checkers side by side on one answer: the compiled one-pass checker and the JSON Schema validator
 * over a Jackson tree it replaced (kept for schemas the compiler does not handle), each timed by this thread's CPU
 * time, in rounds of 2,000 checks in alternating order. In this package because both checkers are internal.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar com.marketplacecontracts.guard.GuardCheckRace page.json [rounds]</pre>
 * The page is the 10-offer {@code getOfferMappings} answer of the other guard benchmarks (CatalogPages).
 */
public final class GuardCheckRace {

  private GuardCheckRace() {
  }

  public static void main(String[] args) throws IOException {
    byte[] page = Files.readAllBytes(Path.of(args[0]));
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    String yaml;
    try (InputStream in = GuardCheckRace.class.getClassLoader()
        .getResourceAsStream(ContractGuard.YANDEX_MARKET_SPEC)) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    BodySchema[] checkers = new BodySchema[2];
    String[] names = {"compiled, one pass over the bytes", "JSON Schema validator over a Jackson tree"};
    SpecIndex.Checking[] ways = {SpecIndex.Checking.COMPILED, SpecIndex.Checking.VALIDATOR};
    for (int i = 0; i < 2; i++) {
      SpecIndex index = SpecIndex.parse(yaml, "yandex", ways[i]);
      checkers[i] = index.find("POST", "/v2/businesses/1/offer-mappings").orElseThrow().response(200).orElseThrow();
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[][] micros = new double[2][rounds];
    for (int round = -10; round < rounds; round++) {
      for (int k = 0; k < 2; k++) {
        int which = (k + Math.max(round, 0)) % 2;
        List<ContractMismatch> found = new ArrayList<>();
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < 2000; i++) {
          found.clear();
          checkers[which].check(page, "getOfferMappings", Direction.RESPONSE, found);
          if (!found.isEmpty()) {
            throw new IllegalStateException("the page differs from the spec: " + found);
          }
        }
        if (round >= 0) {
          micros[which][round] = (cpu.getCurrentThreadCpuTime() - start) / 1e3 / 2000;
        }
      }
    }
    System.out.printf(Locale.ROOT, "| checker (%d-byte answer) | CPU µs a check | vs the validator |%n", page.length);
    System.out.println("| --- | --- | --- |");
    double validator = median(micros[1]);
    for (int i = 0; i < 2; i++) {
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f× |%n", names[i], median(micros[i]),
          median(micros[i]) / validator);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
