package com.marketplacecontracts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the 10-offer {@code getOfferMappings} page of the guard benchmarks to a file, for
 * {@code com.marketplacecontracts.guard.GuardCheckRace}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar com.marketplacecontracts.bench.GuardPage page.json</pre>
 */
public final class GuardPage {

  private GuardPage() {
  }

  public static void main(String[] args) throws IOException {
    Files.write(Path.of(args[0]), CatalogPages.json(CatalogPages.page(ContractGuardBenchmark.PAGE_SIZE, null, 2)));
  }
}
