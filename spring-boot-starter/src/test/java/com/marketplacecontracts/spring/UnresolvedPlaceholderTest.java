package com.marketplacecontracts.spring;

import static com.marketplacecontracts.spring.MarketplaceAutoConfigurationTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.yandex.YandexMarketClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A credential written as a placeholder whose variable is unset is refused, not sent as the key. */
class UnresolvedPlaceholderTest {

  /** A variable no test environment sets. */
  private static final String UNSET = "MARKETPLACE_CONTRACTS_TEST_UNSET_VARIABLE";

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MarketplaceAutoConfiguration.class));

  @Test
  void anUnresolvedApiKeyStopsTheStartupNamingThePropertyAndThePlaceholder() {
    assertThat(System.getenv(UNSET)).isNull();
    runner.withPropertyValues("marketplace.yandex.api-key=${" + UNSET + "}").run(context -> {
      InvalidMarketplacePropertyException e = failure(context);
      assertThat(e.property()).isEqualTo("marketplace.yandex.api-key");
      assertThat(e).hasMessageContaining("placeholder").hasMessageContaining("not resolved");
      FailureAnalysis analysis = new MarketplacePropertyFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis.getDescription()).contains("marketplace.yandex.api-key")
          .contains("placeholder").contains("not resolved");
      assertThat(analysis.getAction()).contains("marketplace.yandex.api-key");
    });
  }

  @Test
  void everyCredentialAndTheStoreUriAreCheckedSo() {
    String unresolved = "${" + UNSET + "}";
    runner.withPropertyValues("marketplace.yandex.oauth-token=y0_" + unresolved).run(context ->
        assertThat(failure(context).property()).isEqualTo("marketplace.yandex.oauth-token"));
    runner.withPropertyValues("marketplace.teez.access-token=" + unresolved).run(context ->
        assertThat(failure(context).property()).isEqualTo("marketplace.teez.access-token"));
    runner.withPropertyValues("marketplace.teez.client-id=seller-1", "marketplace.teez.client-secret=" + unresolved)
        .run(context -> assertThat(failure(context).property()).isEqualTo("marketplace.teez.client-secret"));
    runner.withPropertyValues("marketplace.teez.client-id=" + unresolved, "marketplace.teez.client-secret=s")
        .run(context -> assertThat(failure(context).property()).isEqualTo("marketplace.teez.client-id"));
    runner.withPropertyValues("marketplace.yandex.api-key=k",
        "marketplace.yandex.limits-store=redis://:" + unresolved + "@127.0.0.1:6390").run(context -> {
          InvalidMarketplacePropertyException e = failure(context);
          assertThat(e.property()).isEqualTo("marketplace.yandex.limits-store");
          assertThat(e).hasMessageContaining("not resolved");
        });
  }

  @Test
  void aResolvedPlaceholderIsTheValue() {
    runner.withPropertyValues("the.key=abc-123", "marketplace.yandex.api-key=${the.key}").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(YandexMarketClient.class);
      assertThat(context.getBean(YandexMarketProperties.class).getApiKey()).isEqualTo("abc-123");
    });
  }

  @Test
  void anOptionalCredentialWithAnEmptyDefaultMakesNoClientWhenItsVariableIsUnset() {
    runner.withPropertyValues("marketplace.yandex.api-key=${" + UNSET + ":}",
        "marketplace.teez.access-token=${" + UNSET + ":}").run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(YandexMarketClient.class).doesNotHaveBean(TeezClient.class);
        });
  }

  @Test
  void anEmptyCredentialBesideOtherPropertiesStillNamesTheMissingCredential() {
    runner.withPropertyValues("marketplace.yandex.api-key=${" + UNSET + ":}", "marketplace.yandex.tier=medium")
        .run(context -> assertThat(failure(context).property()).isEqualTo("marketplace.yandex.api-key"));
  }
}
