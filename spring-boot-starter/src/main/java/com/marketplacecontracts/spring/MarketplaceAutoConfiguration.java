package com.marketplacecontracts.spring;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.yandex.YandexMarketClient;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The marketplace clients as beans, from {@code marketplace.yandex.*} and {@code marketplace.teez.*}: a client is
 * made when its jar is on the class path and any of its properties is set. Each bean gives way to one of the
 * application's own; customizers change a builder after the properties; every {@link ClientEvents} bean receives
 * both clients' events; with metrics-micrometer on the class path and a {@code MeterRegistry} bean, one of them
 * measures every call.
 */
@AutoConfiguration
public final class MarketplaceAutoConfiguration {

  /** The clients' calls, retries, 420s, waits and quotas as meters of the application's registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"com.marketplacecontracts.metrics.micrometer.MicrometerEvents",
      "io.micrometer.core.instrument.MeterRegistry"})
  static class MetricsConfiguration {

    /** Looked up when the first client is made, so a registry defined by any configuration is found. */
    @Bean
    @ConditionalOnMissingBean(name = "marketplaceMetricsEvents")
    ClientEvents marketplaceMetricsEvents(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
      io.micrometer.core.instrument.MeterRegistry meters = registry.getIfUnique();
      return meters == null ? ClientEvents.NONE
          : com.marketplacecontracts.metrics.micrometer.MicrometerEvents.of(meters);
    }
  }

  /** A span per call, a child of the caller's, with the application's OpenTelemetry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"com.marketplacecontracts.tracing.otel.OpenTelemetryEvents",
      "io.opentelemetry.api.OpenTelemetry"})
  static class TracingConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "marketplaceTracingEvents")
    ClientEvents marketplaceTracingEvents(ObjectProvider<io.opentelemetry.api.OpenTelemetry> openTelemetry) {
      io.opentelemetry.api.OpenTelemetry otel = openTelemetry.getIfUnique();
      return otel == null ? ClientEvents.NONE : com.marketplacecontracts.tracing.otel.OpenTelemetryEvents.of(otel);
    }
  }

  /** The clients' credentials masked where the actuator shows property values. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
  static class SanitizingConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "marketplaceCredentialSanitizer")
    org.springframework.boot.actuate.endpoint.SanitizingFunction marketplaceCredentialSanitizer(
        Environment environment) {
      return new MarketplaceCredentialSanitizer(environment);
    }
  }

  /** The Yandex Market Partner API client. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(YandexMarketClient.class)
  @Conditional(ClientConfiguredCondition.Yandex.class)
  @EnableConfigurationProperties(YandexMarketProperties.class)
  static class YandexConfiguration {

    static final String PREFIX = "marketplace.yandex";

    @Bean
    @ConditionalOnMissingBean
    YandexMarketClient yandexMarketClient(YandexMarketProperties properties,
        ObjectProvider<YandexClientCustomizer> customizers, ObjectProvider<ClientEvents> events,
        ObjectProvider<OkHttpClient> http, ResourceLoader resources) {
      boolean apiKey = ClientSetup.set(properties.getApiKey());
      boolean oauth = ClientSetup.set(properties.getOauthToken());
      if (apiKey && oauth) {
        throw new InvalidMarketplacePropertyException(PREFIX + ".api-key",
            "set only one of " + PREFIX + ".api-key and " + PREFIX + ".oauth-token");
      }
      YandexMarketClient.Builder builder = YandexMarketClient.builder();
      ClientSetup.apply(builder, PREFIX, properties, Marketplace.YANDEX_MARKET.specResource(),
          events.orderedStream().toList(), http.getIfUnique(), resources.getClassLoader());
      if (properties.getTier() != null) {
        builder.tier(properties.getTier());
      }
      if (apiKey) {
        builder.apiKey(ClientSetup.checked(Marketplace.YANDEX_MARKET, PREFIX + ".api-key", properties.getApiKey()));
      } else if (oauth) {
        builder.oauthToken(
            ClientSetup.checked(Marketplace.YANDEX_MARKET, PREFIX + ".oauth-token", properties.getOauthToken()));
      }
      customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
      try {
        return builder.build();
      } catch (RequestValidationException e) {
        // else the builder's own check: no credential from the properties, none from a customizer
        throw ClientSetup.named(PREFIX, properties, e, apiKey || oauth ? e : new InvalidMarketplacePropertyException(
            PREFIX + ".api-key",
            "must be set, or " + PREFIX + ".oauth-token (or a YandexClientCustomizer must set a credential)"));
      }
    }
  }

  /** The Teez Seller API client. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(TeezClient.class)
  @Conditional(ClientConfiguredCondition.Teez.class)
  @EnableConfigurationProperties(TeezProperties.class)
  static class TeezConfiguration {

    static final String PREFIX = "marketplace.teez";

    @Bean
    @ConditionalOnMissingBean
    TeezClient teezClient(TeezProperties properties, ObjectProvider<TeezClientCustomizer> customizers,
        ObjectProvider<ClientEvents> events, ObjectProvider<OkHttpClient> http, ResourceLoader resources) {
      boolean token = ClientSetup.set(properties.getAccessToken());
      boolean id = ClientSetup.set(properties.getClientId());
      boolean secret = ClientSetup.set(properties.getClientSecret());
      if (token && (id || secret)) {
        throw new InvalidMarketplacePropertyException(PREFIX + ".access-token",
            "set either it or " + PREFIX + ".client-id with " + PREFIX + ".client-secret, not both");
      }
      if (id != secret) {
        String missing = id ? PREFIX + ".client-secret" : PREFIX + ".client-id";
        throw new InvalidMarketplacePropertyException(missing,
            "must be set with " + (id ? PREFIX + ".client-id" : PREFIX + ".client-secret"));
      }
      TeezClient.Builder builder = TeezClient.builder();
      ClientSetup.apply(builder, PREFIX, properties, Marketplace.TEEZ.specResource(), events.orderedStream().toList(),
          http.getIfUnique(), resources.getClassLoader());
      if (properties.getTokenRefreshMargin() != null) {
        if (properties.getTokenRefreshMargin().isNegative()) {
          throw new InvalidMarketplacePropertyException(PREFIX + ".token-refresh-margin", "must not be negative");
        }
        builder.tokenRefreshMargin(properties.getTokenRefreshMargin());
      }
      if (token) {
        builder.accessToken(
            ClientSetup.checked(Marketplace.TEEZ, PREFIX + ".access-token", properties.getAccessToken()));
      } else if (id) {
        ClientSetup.checked(Marketplace.TEEZ, PREFIX + ".client-id", properties.getClientId());
        ClientSetup.checked(Marketplace.TEEZ, PREFIX + ".client-secret", properties.getClientSecret());
        builder.clientCredentials(properties.getClientId(), properties.getClientSecret());
      }
      customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
      try {
        return builder.build();
      } catch (RequestValidationException e) {
        throw ClientSetup.named(PREFIX, properties, e, token || id ? e : new InvalidMarketplacePropertyException(
            PREFIX + ".access-token", "must be set, or " + PREFIX + ".client-id with " + PREFIX
                + ".client-secret (or a TeezClientCustomizer must set a credential)"));
      }
    }
  }
}
