package com.marketplacecontracts.yandex;

import com.marketplacecontracts.core.InternalTypes;
import org.junit.jupiter.api.Test;

class InternalTypesTest {

  @Test
  void noPublicTypeOfYandexClientShowsAnInternalType() {
    InternalTypes.assertNotExposed();
  }
}
