package com.marketplacecontracts.limits.redis;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfLimitsRedisFormNoCycle() {
    PackageCycles.assertNone();
  }
}
