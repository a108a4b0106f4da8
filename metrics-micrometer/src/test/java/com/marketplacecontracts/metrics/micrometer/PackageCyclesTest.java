package com.marketplacecontracts.metrics.micrometer;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfMetricsMicrometerFormNoCycle() {
    PackageCycles.assertNone();
  }
}
