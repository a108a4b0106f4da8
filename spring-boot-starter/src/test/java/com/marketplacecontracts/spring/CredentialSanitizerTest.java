package com.marketplacecontracts.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplacecontracts.yandex.YandexMarketClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The actuator's configprops and env endpoints, values shown, mask the clients' credentials. */
class CredentialSanitizerTest {

  static final String KEY = "yandex-secret-key-1";
  static final String SECRET = "teez-client-secret-2";
  static final String TOKEN = "teez-access-token-3";
  static final String PASSWORD = "redis-password-4";

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MarketplaceAutoConfiguration.class))
      .withUserConfiguration(Endpoints.class)
      .withInitializer(context -> {
        // a secret store's variable, read through a placeholder, and environment variables (Boot maps a source
        // whose name ends in systemEnvironment as it maps the real one)
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("vault",
            Map.of("YANDEX_MARKET_API_KEY", KEY)));
        context.getEnvironment().getPropertySources().addLast(new SystemEnvironmentPropertySource(
            "os-systemEnvironment",
            Map.of("MARKETPLACE_TEEZ_CLIENT_ID", "seller-1", "MARKETPLACE_TEEZ_CLIENT_SECRET", SECRET)));
      })
      .withPropertyValues("marketplace.yandex.api-key=${YANDEX_MARKET_API_KEY}",
          "marketplace.yandex.base-url=http://127.0.0.1:1/",
          "marketplace.yandex.limits-store=redis://:" + PASSWORD + "@127.0.0.1:6390",
          "other.access-token=" + TOKEN);

  /** The endpoints as the actuator makes them, with every value shown. */
  @Configuration(proxyBeanMethods = false)
  static class Endpoints {
    @Bean
    ConfigurationPropertiesReportEndpoint configprops(ObjectProvider<SanitizingFunction> functions) {
      return new ConfigurationPropertiesReportEndpoint(functions.orderedStream().toList(), Show.ALWAYS);
    }

    @Bean
    EnvironmentEndpoint env(Environment environment, ObjectProvider<SanitizingFunction> functions) {
      return new EnvironmentEndpoint(environment, functions.orderedStream().toList(), Show.ALWAYS);
    }
  }

  /** The application's own function of the starter's name, which replaces it: masks nothing. */
  @Configuration(proxyBeanMethods = false)
  static class NoSanitizer {
    @Bean
    SanitizingFunction marketplaceCredentialSanitizer() {
      return data -> data;
    }
  }

  private static String configprops(AssertableApplicationContext context) throws Exception {
    return new ObjectMapper().writeValueAsString(
        context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationPropertiesWithPrefix("marketplace"));
  }

  private static String env(AssertableApplicationContext context) throws Exception {
    return new ObjectMapper().writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
  }

  @Test
  void configpropsMasksTheCredentialsAndTheStorePassword() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      String shown = configprops(context);
      assertThat(shown).doesNotContain(KEY, SECRET, PASSWORD)
          .contains("\"apiKey\":\"******\"", "\"clientSecret\":\"******\"", "\"clientId\":\"******\"")
          .contains("redis://***@127.0.0.1:6390")
          .contains("http://127.0.0.1:1/");   // the rest is shown
    });
  }

  @Test
  void envMasksTheCredentialsTheVariablesTheirPlaceholdersNameAndTheStorePassword() {
    runner.run(context -> {
      String shown = env(context);
      assertThat(shown).doesNotContain(KEY, SECRET, PASSWORD).contains("redis://***@127.0.0.1:6390")
          .contains("http://127.0.0.1:1/", TOKEN);   // another library's property is not the starter's to mask
      EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
      assertThat(new ObjectMapper().writeValueAsString(endpoint.environmentEntry("YANDEX_MARKET_API_KEY")))
          .contains("\"value\":\"******\"");
      assertThat(new ObjectMapper().writeValueAsString(endpoint.environmentEntry("MARKETPLACE_TEEZ_CLIENT_SECRET")))
          .contains("\"value\":\"******\"");
    });
  }

  @Test
  void withoutTheSanitizerTheSameEndpointsWouldShowTheSecrets() {
    runner.withUserConfiguration(NoSanitizer.class).run(context -> {
      assertThat(configprops(context)).contains(KEY, SECRET, PASSWORD);
      assertThat(env(context)).contains(KEY, SECRET, PASSWORD);
    });
  }

  @Test
  void withoutTheActuatorThereIsNoSanitizerAndTheClientsAreMadeAlike() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MarketplaceAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
        .withPropertyValues("marketplace.yandex.api-key=k").run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(YandexMarketClient.class)
              .doesNotHaveBean("marketplaceCredentialSanitizer");
        });
  }
}
