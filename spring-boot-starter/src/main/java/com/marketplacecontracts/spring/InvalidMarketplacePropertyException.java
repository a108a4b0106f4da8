package com.marketplacecontracts.spring;

/**
 * A {@code marketplace.*} property is missing or cannot be used; the message names the property and the rule, never
 * its value.
 */
public final class InvalidMarketplacePropertyException extends IllegalStateException {

  private final String property;

  InvalidMarketplacePropertyException(String property, String rule) {
    super(property + ": " + rule);
    this.property = property;
  }

  InvalidMarketplacePropertyException(String property, String rule, Throwable safeCause) {
    super(property + ": " + rule, safeCause);
    this.property = property;
  }

  /** The property, e.g. {@code marketplace.yandex.api-key}. */
  public String property() {
    return property;
  }
}
