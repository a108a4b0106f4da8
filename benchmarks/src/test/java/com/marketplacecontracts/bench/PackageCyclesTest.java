package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfBenchmarksFormNoCycle() {
    PackageCycles.assertNone();
  }
}
