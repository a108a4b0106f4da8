package com.marketplacecontracts.core.ratelimit;

/**
 * A limits store URI that cannot be used as given, refused when the client is built: names the part of the URI
 * ({@code scheme}, {@code host}, {@code port}, {@code lease}...) and the rule it breaks, never the URI itself (it may
 * hold a password).
 */
public final class InvalidLimitsStoreException extends IllegalArgumentException {

  private final String part;
  private final String rule;

  public InvalidLimitsStoreException(String part, String rule) {
    super("limits store URI: " + part + ": " + rule);
    this.part = part;
    this.rule = rule;
  }

  /** The part of the URI that cannot be used, e.g. {@code lease}. */
  public String part() {
    return part;
  }

  /** The rule it breaks, e.g. {@code must be whole seconds from 1 to 86400, was 0}. */
  public String rule() {
    return rule;
  }
}
