package com.marketplacecontracts.spring;

import com.marketplacecontracts.guard.ContractGuard;
import okhttp3.Interceptor;

/** Kept apart so that contract-guard classes load only when a guard is switched on. */
final class Guards {

  private Guards() {
  }

  static Interceptor guard(String spec, MarketplaceClientProperties.ContractGuard settings) {
    ContractGuard.Builder guard = ContractGuard.forSpec(spec).sample(settings.getSample());
    return (settings.isStrict() ? guard.strict() : guard).build();
  }
}
