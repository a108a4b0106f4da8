package com.marketplacecontracts.model;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfCommonModelFormNoCycle() {
    PackageCycles.assertNone();
  }
}
