package com.marketplacecontracts.mock;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfMockServerFormNoCycle() {
    PackageCycles.assertNone();
  }
}
