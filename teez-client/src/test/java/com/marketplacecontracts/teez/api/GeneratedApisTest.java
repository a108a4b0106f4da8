package com.marketplacecontracts.teez.api;

import com.marketplacecontracts.core.http.GeneratedApis;
import org.junit.jupiter.api.Test;

class GeneratedApisTest {

  @Test
  void everyGeneratedOperationReturnsATypedCall() {
    GeneratedApis.assertEveryOperationReturnsMarketplaceCall("com.marketplacecontracts.teez.api");
  }
}
