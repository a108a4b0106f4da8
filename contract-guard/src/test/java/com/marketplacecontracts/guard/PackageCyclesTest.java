package com.marketplacecontracts.guard;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfContractGuardFormNoCycle() {
    PackageCycles.assertNone();
  }
}
