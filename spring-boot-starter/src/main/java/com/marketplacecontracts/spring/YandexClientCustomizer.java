package com.marketplacecontracts.spring;

import com.marketplacecontracts.yandex.YandexMarketClient;

/**
 * Changes the {@link YandexMarketClient.Builder} after the properties are applied and before the client is built
 * (e.g. a credential read from a secret store, a retry policy, per-operation quotas). Every such bean is applied, in
 * {@code @Order}.
 */
@FunctionalInterface
public interface YandexClientCustomizer {

  void customize(YandexMarketClient.Builder builder);
}
