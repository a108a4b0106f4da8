package com.marketplacecontracts.spring;

import com.marketplacecontracts.teez.TeezClient;

/**
 * Changes the {@link TeezClient.Builder} after the properties are applied and before the client is built. Every such
 * bean is applied, in {@code @Order}.
 */
@FunctionalInterface
public interface TeezClientCustomizer {

  void customize(TeezClient.Builder builder);
}
