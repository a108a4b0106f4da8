package com.marketplacecontracts.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.AuthApi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class MarketplaceAutoConfigurationTest {

  static final String TOKEN_INFO = "{\"status\":\"OK\",\"result\":{\"apiKey\":{\"authScopes\":[\"ALL_METHODS\"]}}}";
  static final String SECRET = "s3cr3t-key-value";

  final Loopback server = new Loopback();
  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MarketplaceAutoConfiguration.class));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void noPropertiesNoClients() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(YandexMarketClient.class).doesNotHaveBean(TeezClient.class);
    });
  }

  @Test
  void propertiesBindToTheirTypes() {
    runner.withPropertyValues("marketplace.yandex.api-key=" + SECRET, "marketplace.yandex.tier=medium",
        "marketplace.yandex.base-url=" + server.url(), "marketplace.yandex.connect-timeout=2s",
        "marketplace.yandex.read-timeout=3s", "marketplace.yandex.call-timeout=1m",
        "marketplace.yandex.user-agent=my-erp/2.1", "marketplace.yandex.limits-store=local",
        "marketplace.yandex.contract-guard.enabled=true", "marketplace.yandex.contract-guard.sample=0.5",
        "marketplace.yandex.contract-guard.strict=true", "marketplace.yandex.events.log=false",
        "marketplace.yandex.health.credentials-check-interval=30m", "marketplace.yandex.health.timeout=2s")
        .run(context -> {
          YandexMarketProperties p = context.getBean(YandexMarketProperties.class);
          assertThat(p.getApiKey()).isEqualTo(SECRET);
          assertThat(p.getTier()).isEqualTo(YandexMarketClient.Tier.MEDIUM);
          assertThat(p.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
          assertThat(p.getReadTimeout()).isEqualTo(Duration.ofSeconds(3));
          assertThat(p.getCallTimeout()).isEqualTo(Duration.ofMinutes(1));
          assertThat(p.getUserAgent()).isEqualTo("my-erp/2.1");
          assertThat(p.localLimits()).isTrue();
          assertThat(p.getContractGuard().isEnabled()).isTrue();
          assertThat(p.getContractGuard().getSample()).isEqualTo(0.5);
          assertThat(p.getContractGuard().isStrict()).isTrue();
          assertThat(p.getEvents().isLog()).isFalse();
          assertThat(p.getHealth().getCredentialsCheckInterval()).isEqualTo(Duration.ofMinutes(30));
          assertThat(p.getHealth().getTimeout()).isEqualTo(Duration.ofSeconds(2));
        });
  }

  @Test
  void theClientIsBuiltFromTheProperties() {
    server.answer(200, TOKEN_INFO);
    runner.withPropertyValues("marketplace.yandex.api-key=" + SECRET, "marketplace.yandex.base-url=" + server.url(),
        "marketplace.yandex.user-agent=my-erp/2.1").run(context -> {
          YandexMarketClient client = context.getBean(YandexMarketClient.class);
          assertThat(client.toString()).contains(server.url());
          client.api(AuthApi.class).getAuthTokenInfo().execute();
          Loopback.Received request = server.received().get(0);
          assertThat(request.path()).isEqualTo("/v2/auth/token");
          assertThat(request.apiKey()).isEqualTo(SECRET);
          assertThat(request.userAgent()).startsWith("my-erp/2.1");
        });
  }

  @Test
  void bothClientsAreBeans() {
    runner.withPropertyValues("marketplace.yandex.oauth-token=" + SECRET, "marketplace.teez.access-token=" + SECRET)
        .run(context -> {
          assertThat(context).hasSingleBean(YandexMarketClient.class).hasSingleBean(TeezClient.class);
          assertThat(context.getBean(YandexMarketClient.class).toString())
              .contains(YandexMarketClient.PRODUCTION_URL);
        });
  }

  @Test
  void theApplicationsOwnClientWins() {
    runner.withUserConfiguration(OwnClients.class)
        .withPropertyValues("marketplace.yandex.api-key=" + SECRET, "marketplace.teez.access-token=" + SECRET)
        .run(context -> {
          assertThat(context).hasSingleBean(YandexMarketClient.class).hasSingleBean(TeezClient.class);
          assertThat(context.getBean(YandexMarketClient.class).toString()).contains("own.example");
          assertThat(context.getBean(TeezClient.class).toString()).contains("own.example");
        });
  }

  @Test
  void customizersRunAfterThePropertiesInOrder() {
    runner.withUserConfiguration(Customizers.class)
        .withPropertyValues("marketplace.yandex.api-key=" + SECRET, "marketplace.yandex.base-url=http://props.example/",
            "marketplace.teez.access-token=" + SECRET)
        .run(context -> {
          assertThat(context.getBean(YandexMarketClient.class).toString()).contains("http://second.example/");
          assertThat(context.getBean(TeezClient.class).toString()).contains("http://teez.example/");
        });
  }

  @Test
  void aCustomizerMaySupplyTheCredential() {
    runner.withUserConfiguration(CredentialFromCustomizer.class)
        .withPropertyValues("marketplace.yandex.base-url=" + server.url())
        .run(context -> assertThat(context).hasSingleBean(YandexMarketClient.class));
  }

  @Test
  void aMissingYandexCredentialNamesTheProperty() {
    runner.withPropertyValues("marketplace.yandex.tier=medium").run(context -> {
      InvalidMarketplacePropertyException e = failure(context);
      assertThat(e.property()).isEqualTo("marketplace.yandex.api-key");
      assertThat(e).hasMessageContaining("marketplace.yandex.oauth-token");
      FailureAnalysis analysis = new MarketplacePropertyFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis.getDescription()).contains("marketplace.yandex.api-key");
      assertThat(analysis.getAction()).contains("marketplace.yandex.enabled=false");
    });
  }

  @Test
  void aTeezClientIdWithoutItsSecretNamesTheSecret() {
    runner.withPropertyValues("marketplace.teez.client-id=seller-1").run(context ->
        assertThat(failure(context).property()).isEqualTo("marketplace.teez.client-secret"));
  }

  @Test
  void aMissingTeezCredentialNamesTheProperty() {
    runner.withPropertyValues("marketplace.teez.base-url=" + server.url()).run(context ->
        assertThat(failure(context)).hasMessageStartingWith("marketplace.teez.access-token: must be set"));
  }

  @Test
  void twoYandexCredentialsAreRefused() {
    runner.withPropertyValues("marketplace.yandex.api-key=a", "marketplace.yandex.oauth-token=b").run(context ->
        assertThat(failure(context)).hasMessageContaining("set only one of"));
  }

  @Test
  void aCredentialBreakingTheRuleIsNamedWithoutItsValue() {
    runner.withPropertyValues("marketplace.yandex.api-key=" + SECRET + " tail").run(context -> {
      InvalidMarketplacePropertyException e = failure(context);
      assertThat(e.property()).isEqualTo("marketplace.yandex.api-key");
      assertThat(e).hasMessageContaining("printable ASCII").hasNoCause();
      assertThat(chain(context.getStartupFailure())).doesNotContain(SECRET);
    });
  }

  @Test
  void aBaseUrlThatIsNotOneIsNamed() {
    for (String url : List.of("not a url", "ftp://x/")) {
      runner.withPropertyValues("marketplace.yandex.api-key=k", "marketplace.yandex.base-url=" + url).run(context -> {
        assertThat(failure(context).property()).isEqualTo("marketplace.yandex.base-url");
        assertThat(failure(context).getMessage()).contains("must be an http:// or https:// URL");
      });
    }
  }

  @Test
  void aUserAgentTheClientRefusesIsNamed() {
    runner.withPropertyValues("marketplace.yandex.api-key=k", "marketplace.yandex.user-agent=erp\u00e9/2")
        .run(context -> {
          assertThat(failure(context).property()).isEqualTo("marketplace.yandex.user-agent");
          assertThat(failure(context).getMessage()).contains("printable ASCII");
        });
    runner.withPropertyValues("marketplace.teez.access-token=t", "marketplace.teez.user-agent=erp\u00e9/2")
        .run(context -> assertThat(failure(context).property()).isEqualTo("marketplace.teez.user-agent"));
  }

  @Test
  void aBadTimeoutOrSampleIsNamed() {
    runner.withPropertyValues("marketplace.yandex.api-key=k", "marketplace.yandex.read-timeout=0s").run(context ->
        assertThat(failure(context).property()).isEqualTo("marketplace.yandex.read-timeout"));
    runner.withPropertyValues("marketplace.yandex.api-key=k", "marketplace.yandex.contract-guard.enabled=true",
        "marketplace.yandex.contract-guard.sample=0").run(context ->
        assertThat(failure(context).property()).isEqualTo("marketplace.yandex.contract-guard.sample"));
  }

  @Test
  void anUnusableLimitsStoreIsNamedWithoutItsPassword() {
    runner.withPropertyValues("marketplace.yandex.api-key=k",
        "marketplace.yandex.limits-store=memcached://:" + SECRET + "@127.0.0.1:1").run(context -> {
          assertThat(failure(context).property()).isEqualTo("marketplace.yandex.limits-store");
          assertThat(chain(context.getStartupFailure())).doesNotContain(SECRET);
        });
  }

  @Test
  void disabledOrWithoutItsJarNoClient() {
    runner.withPropertyValues("marketplace.yandex.api-key=k", "marketplace.yandex.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(YandexMarketClient.class));
    runner.withClassLoader(new FilteredClassLoader(YandexMarketClient.class))
        .withPropertyValues("marketplace.yandex.tier=medium", "marketplace.teez.access-token=t")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("yandexMarketClient")
            .hasSingleBean(TeezClient.class));
  }

  @Test
  void everyClientEventsBeanReceivesTheEvents() {
    server.answer(503, "{}").answer(200, TOKEN_INFO);
    runner.withUserConfiguration(TwoListeners.class)
        .withPropertyValues("marketplace.yandex.api-key=k", "marketplace.yandex.base-url=" + server.url())
        .run(context -> {
          context.getBean(YandexMarketClient.class).api(AuthApi.class).getAuthTokenInfo().execute();
          TwoListeners listeners = context.getBean(TwoListeners.class);
          assertThat(listeners.first).containsExactly("getAuthTokenInfo");
          assertThat(listeners.second).containsExactly("getAuthTokenInfo");
        });
  }

  @Test
  void withAMeterRegistryBeanEveryCallIsMeasured() {
    server.answer(200, TOKEN_INFO);
    runner.withBean(io.micrometer.core.instrument.MeterRegistry.class,
            io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
        .withPropertyValues("marketplace.yandex.api-key=k", "marketplace.yandex.base-url=" + server.url())
        .run(context -> {
          context.getBean(YandexMarketClient.class).api(AuthApi.class).getAuthTokenInfo().execute();
          io.micrometer.core.instrument.Timer calls = context.getBean(io.micrometer.core.instrument.MeterRegistry.class)
              .find(com.marketplacecontracts.metrics.micrometer.MicrometerEvents.CALLS)
              .tag("operation", "getAuthTokenInfo").timer();
          assertThat(calls).isNotNull();
          assertThat(calls.count()).isEqualTo(1);
        });
  }

  @Test
  void withoutAMeterRegistryTheClientsWorkUnmeasured() {
    server.answer(200, TOKEN_INFO);
    runner.withPropertyValues("marketplace.yandex.api-key=k", "marketplace.yandex.base-url=" + server.url())
        .run(context -> {
          assertThat(context.getBean("marketplaceMetricsEvents")).isSameAs(ClientEvents.NONE);
          context.getBean(YandexMarketClient.class).api(AuthApi.class).getAuthTokenInfo().execute();
        });
  }

  @Test
  void theContractGuardReportsMismatchesToTheEvents() {
    server.answer(200, "{\"status\":\"OK\",\"result\":{\"apiKey\":{\"authScopes\":[\"ALL_METHODS\"]},"
        + "\"undeclared\":1}}");
    runner.withUserConfiguration(MismatchListener.class)
        .withPropertyValues("marketplace.yandex.api-key=k", "marketplace.yandex.base-url=" + server.url(),
            "marketplace.yandex.contract-guard.enabled=true")
        .run(context -> {
          context.getBean(YandexMarketClient.class).api(AuthApi.class).getAuthTokenInfo().execute();
          assertThat(context.getBean(MismatchListener.class).mismatches)
              .anySatisfy(m -> assertThat(m.operationId()).isEqualTo("getAuthTokenInfo"));
        });
  }

  @Test
  void theContractGuardNeedsItsModule() {
    runner.withClassLoader(new FilteredClassLoader("com.marketplacecontracts.guard"))
        .withPropertyValues("marketplace.teez.access-token=t", "marketplace.teez.contract-guard.enabled=true")
        .run(context -> assertThat(failure(context)).hasMessage(
            "marketplace.teez.contract-guard.enabled: true needs the contract-guard module on the class path"));
  }

  @Test
  void noSecretInAnyToString() {
    runner.withPropertyValues("marketplace.yandex.api-key=" + SECRET, "marketplace.teez.client-id=id-" + SECRET,
        "marketplace.teez.client-secret=" + SECRET,
        "marketplace.yandex.limits-store=redis://:" + SECRET + "@127.0.0.1:6390").run(context -> {
          assertThat(context).hasNotFailed();
          for (Object bean : List.of(context.getBean(YandexMarketProperties.class),
              context.getBean(TeezProperties.class), context.getBean(YandexMarketClient.class),
              context.getBean(TeezClient.class), context.getBean(YandexMarketClient.class).newBuilder(),
              context.getBean(TeezClient.class).newBuilder())) {
            assertThat(bean.toString()).doesNotContain(SECRET);
          }
          assertThat(context.getBean(YandexMarketProperties.class).toString()).contains("apiKey=***");
        });
  }

  static InvalidMarketplacePropertyException failure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
      if (t instanceof InvalidMarketplacePropertyException e) {
        return e;
      }
    }
    throw new AssertionError("no InvalidMarketplacePropertyException in", context.getStartupFailure());
  }

  static String chain(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t).append('\n');
      for (Throwable s : t.getSuppressed()) {
        all.append(s).append('\n');
      }
    }
    return all.toString();
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClients {
    @Bean
    YandexMarketClient ownYandex() {
      return YandexMarketClient.builder().baseUrl("http://own.example/").apiKey("own").build();
    }

    @Bean
    TeezClient ownTeez() {
      return TeezClient.builder().baseUrl("http://own.example/").accessToken("own").build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    @Bean
    @Order(2)
    YandexClientCustomizer second() {
      return builder -> builder.baseUrl("http://second.example/");
    }

    @Bean
    @Order(1)
    YandexClientCustomizer first() {
      return builder -> builder.baseUrl("http://first.example/");
    }

    @Bean
    TeezClientCustomizer teez() {
      return builder -> builder.baseUrl("http://teez.example/");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class CredentialFromCustomizer {
    @Bean
    YandexClientCustomizer fromVault() {
      return builder -> builder.apiKey("from-a-secret-store");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoListeners {
    final List<String> first = new CopyOnWriteArrayList<>();
    final List<String> second = new CopyOnWriteArrayList<>();

    @Bean
    ClientEvents firstListener() {
      return new ClientEvents() {
        @Override
        public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
          first.add(operationId);
        }
      };
    }

    @Bean
    ClientEvents secondListener() {
      return new ClientEvents() {
        @Override
        public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
          second.add(operationId);
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class MismatchListener {
    final List<ContractMismatch> mismatches = new CopyOnWriteArrayList<>();

    @Bean
    ClientEvents mismatchEvents() {
      return new ClientEvents() {
        @Override
        public void contractMismatch(ContractMismatch mismatch) {
          mismatches.add(mismatch);
        }
      };
    }
  }
}
