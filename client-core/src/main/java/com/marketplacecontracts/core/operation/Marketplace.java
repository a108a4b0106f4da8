package com.marketplacecontracts.core.operation;

/** The marketplaces the clients speak to. */
public enum Marketplace {
  TEEZ("teez"),
  YANDEX_MARKET("yandex");

  private final String id;

  Marketplace(String id) {
    this.id = id;
  }

  /** Short lower-case name, as in the user agent, messages and the command line ({@code teez}, {@code yandex}). */
  public String id() {
    return id;
  }
}
