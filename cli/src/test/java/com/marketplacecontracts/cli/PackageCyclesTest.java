package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfCommandLineFormNoCycle() {
    PackageCycles.assertNone();
  }
}
