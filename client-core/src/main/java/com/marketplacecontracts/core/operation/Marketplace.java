package com.marketplacecontracts.core.operation;

/** The marketplaces the clients speak to. */
public enum Marketplace {
  TEEZ,
  YANDEX_MARKET;

  /** Short lower-case name, as in the user agent, messages and the command line ({@code teez}, {@code yandex}). */
  public String id() {
    return switch (this) {
      case TEEZ -> "teez";
      case YANDEX_MARKET -> "yandex";
    };
  }

  /**
   * Where the marketplace's client jar carries the spec it was generated from, as a class path resource: the one
   * spelling for the contract guard, the drift check and users' own tests.
   */
  public String specResource() {
    return "META-INF/marketplace-contracts/specs/" + switch (this) {
      case TEEZ -> "teez/seller-api.yaml";
      case YANDEX_MARKET -> "yandex/partner-api.yaml";
    };
  }
}
