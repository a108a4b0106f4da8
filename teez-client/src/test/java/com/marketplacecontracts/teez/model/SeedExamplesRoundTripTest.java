package com.marketplacecontracts.teez.model;

import com.marketplacecontracts.core.json.SeedExampleRoundTripContract;

/** Every JSON example printed on the seed pages decodes into its generated model and re-encodes to the same JSON. */
class SeedExamplesRoundTripTest extends SeedExampleRoundTripContract {

  @Override
  protected String modelPackage() {
    return "com.marketplacecontracts.teez.model";
  }
}
