package com.marketplacecontracts.yandex;

import com.marketplacecontracts.core.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesOfYandexClientFormNoCycle() {
    PackageCycles.assertNone();
  }
}
