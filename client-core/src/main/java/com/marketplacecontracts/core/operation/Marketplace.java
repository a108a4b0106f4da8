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
}
