package com.marketplacecontracts.model;

/** Where a domain value came from. */
public enum Marketplace {
  TEEZ,
  YANDEX_MARKET
}
