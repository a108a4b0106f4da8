package com.marketplacecontracts.spring;

import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.teez.model.TokenRequest;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.AuthApi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of the clients, with the actuator on the class path ({@code management.health.marketplace.enabled=false}
 * switches it off): {@code yandexMarket} and {@code teez} under {@code /actuator/health}.
 */
@AutoConfiguration(after = MarketplaceAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("marketplace")
public final class MarketplaceHealthAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(YandexMarketClient.class)
  static class YandexHealthConfiguration {

    /** getAuthTokenInfo: answers only to accepted credentials, changes nothing. */
    @Bean
    @ConditionalOnSingleCandidate(YandexMarketClient.class)
    @ConditionalOnMissingBean(name = "yandexMarketHealthIndicator")
    HealthIndicator yandexMarketHealthIndicator(YandexMarketClient client,
        ObjectProvider<YandexMarketProperties> properties) {
      return new ClientHealthIndicator(timeout -> client.api(AuthApi.class).getAuthTokenInfo().executeWithin(timeout),
          null, properties.getIfAvailable(YandexMarketProperties::new), System::nanoTime);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(TeezClient.class)
  static class TeezHealthConfiguration {

    /**
     * With client credentials, a token request checks them; a ready access token has no call that checks only it
     * (the API's other calls need a job id), so it is reported as not checked.
     */
    @Bean
    @ConditionalOnSingleCandidate(TeezClient.class)
    @ConditionalOnMissingBean(name = "teezHealthIndicator")
    HealthIndicator teezHealthIndicator(TeezClient client, ObjectProvider<TeezProperties> provided) {
      TeezProperties properties = provided.getIfAvailable(TeezProperties::new);
      String id = properties.getClientId();
      String secret = properties.getClientSecret();
      if (ClientSetup.set(id) && ClientSetup.set(secret)) {
        return new ClientHealthIndicator(timeout -> client.auth()
            .authGetToken(new TokenRequest().clientId(id).clientSecret(secret)).executeWithin(timeout),
            null, properties, System::nanoTime);
      }
      return new ClientHealthIndicator(null, "no client credentials in marketplace.teez.*", properties,
          System::nanoTime);
    }
  }
}
