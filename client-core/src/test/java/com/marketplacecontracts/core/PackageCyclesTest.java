package com.marketplacecontracts.core;

import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfClientCoreFormNoCycle() {
    PackageCycles.assertNone();
  }
}
