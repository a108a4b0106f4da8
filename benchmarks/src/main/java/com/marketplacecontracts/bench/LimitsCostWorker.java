package com.marketplacecontracts.bench;

import java.util.Locale;

/**
 * Run in its own JVM by {@link LimitsRun}'s cost-per-call rounds, so that every mode (and a baseline build of the
 * limiter, put first on this JVM's class path) is measured the same way: {@code off}, {@code local} or
 * {@code redis URI}; prints the microseconds per call.
 */
public final class LimitsCostWorker {

  private LimitsCostWorker() {
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    double micros = LimitsRun.costPerCall(!mode.equals("off"), mode.equals("redis") ? args[1] : null);
    System.out.println(String.format(Locale.ROOT, "us %.3f", micros));
    System.exit(0);
  }
}
