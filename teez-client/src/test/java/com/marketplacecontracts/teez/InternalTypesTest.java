package com.marketplacecontracts.teez;

import com.marketplacecontracts.core.InternalTypes;
import org.junit.jupiter.api.Test;

class InternalTypesTest {

  @Test
  void noPublicTypeOfTeezClientShowsAnInternalType() {
    InternalTypes.assertNotExposed();
  }
}
