package com.marketplacecontracts.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.http.ClientSettings;
import com.marketplacecontracts.core.http.RedirectPolicy;
import com.marketplacecontracts.core.http.RequestOptions;
import com.marketplacecontracts.core.http.ResponseLimits;
import com.marketplacecontracts.core.paging.PageLimits;
import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The settings types grow by a factory or wither, never by a new constructor argument: none is a record (whose
 * canonical constructor is always public) and none has a public constructor.
 */
class ConfigTypesTest {

  private static final List<Class<?>> CONFIG = List.of(RetryConfig.class, RateLimitConfig.class,
      RateLimitConfig.Quota.class, AwaitOptions.class, PageLimits.class, ResponseLimits.class, RedirectPolicy.class,
      ClientSettings.class, RequestOptions.class);

  @Test
  void configTypesAreFinalClassesWithoutPublicConstructors() {
    for (Class<?> type : CONFIG) {
      assertThat(type.isRecord()).as(type.getName() + " is a record").isFalse();
      assertThat(Modifier.isFinal(type.getModifiers())).as(type.getName() + " is final").isTrue();
      assertThat(type.getConstructors()).as(type.getName() + " public constructors").isEmpty();
    }
  }

  @Test
  void withersMakeValuesThatCompareByContent() {
    assertThat(RetryConfig.defaults().withMaxAttempts(2)).isEqualTo(RetryConfig.defaults().withMaxAttempts(2))
        .hasSameHashCodeAs(RetryConfig.defaults().withMaxAttempts(2)).isNotEqualTo(RetryConfig.defaults());
    assertThat(RetryConfig.defaults().withMaxAttempts(2).maxAttempts()).isEqualTo(2);
    assertThat(RateLimitConfig.fromSpec().withTier("medium"))
        .isEqualTo(RateLimitConfig.fromSpec().withTier("medium")).isNotEqualTo(RateLimitConfig.fromSpec());
    assertThat(RateLimitConfig.Quota.requests(5, Duration.ofSeconds(1)))
        .isEqualTo(RateLimitConfig.Quota.of(5, Duration.ofSeconds(1), RateLimitConfig.Quota.REQUESTS));
    assertThat(PageLimits.defaults().withMaxPages(3).maxPages()).isEqualTo(3);
    assertThat(ResponseLimits.defaults().withMaxBodyBytes(10)).isEqualTo(ResponseLimits.defaults()
        .withMaxBodyBytes(10)).isNotEqualTo(ResponseLimits.defaults());
    assertThat(AwaitOptions.timeout(Duration.ofSeconds(3)).timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(RedirectPolicy.crossOrigin(2)).isEqualTo(RedirectPolicy.crossOrigin(2))
        .isNotEqualTo(RedirectPolicy.sameOrigin());
    assertThat(RedirectPolicy.crossOrigin(2).toString()).contains("maxHops=2", "crossOrigin=true");
  }
}
