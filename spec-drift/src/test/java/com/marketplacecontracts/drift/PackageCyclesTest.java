package com.marketplacecontracts.drift;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfSpecDriftFormNoCycle() {
    PackageCycles.assertNone();
  }
}
