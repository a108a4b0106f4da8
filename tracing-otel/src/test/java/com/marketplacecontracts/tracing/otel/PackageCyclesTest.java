package com.marketplacecontracts.tracing.otel;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfTracingOtelFormNoCycle() {
    PackageCycles.assertNone();
  }
}
