package com.marketplacecontracts.teez;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfTeezClientFormNoCycle() {
    PackageCycles.assertNone();
  }
}
