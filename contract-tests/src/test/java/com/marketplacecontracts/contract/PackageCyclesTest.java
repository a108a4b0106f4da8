package com.marketplacecontracts.contract;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfContractTestsFormNoCycle() {
    PackageCycles.assertNone();
  }
}
