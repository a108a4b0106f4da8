package com.marketplacecontracts.consumer;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfConsumerItFormNoCycle() {
    PackageCycles.assertNone();
  }
}
