package com.marketplacecontracts.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A startup stopped by a {@code marketplace.*} property, told as Boot tells its own: what is wrong, what to do. */
final class MarketplacePropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMarketplacePropertyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidMarketplacePropertyException cause) {
    return new FailureAnalysis("The marketplace client cannot be configured: " + cause.getMessage(),
        "Set or correct " + cause.property() + " (in application.properties, an environment variable or a secret"
            + " store), or set " + cause.property().substring(0, cause.property().indexOf('.', "marketplace.".length()))
            + ".enabled=false.", cause);
  }
}
