package com.marketplacecontracts.mock.junit;

import com.marketplacecontracts.mock.MarketplaceSpec;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a Prism mock of a marketplace's spec (the one its client jar carries) for a JUnit 5 test class: started
 * before the first test, stopped after the last. Tests get its URL as a {@code @MockBaseUrl String} (or
 * {@code URI}) parameter, or the whole {@link MockedMarketplace}. A test during which Prism saw a request that
 * breaks the spec fails with the violations listed, unless {@link #failOnViolations()} is false or the test is
 * annotated {@link AllowRequestViolations}.
 *
 * <pre>{@code
 * @MarketplaceMock(MarketplaceSpec.YANDEX_MARKET)
 * class OrderSyncTest {
 *   @Test
 *   void readsUinStatuses(@MockBaseUrl String baseUrl) {
 *     YandexMarketClient market = YandexMarketClient.builder().baseUrl(baseUrl).apiKey("test").build();
 *     ...
 *   }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MarketplaceMockExtension.class)
public @interface MarketplaceMock {

  /** Which marketplace's spec to serve. */
  MarketplaceSpec value();

  /**
   * Random schema-valid answers ({@code prism mock -d}) instead of the spec's examples. Either way one request can
   * ask for the other with {@code Prefer: dynamic=true|false}, a status with {@code Prefer: code=404}.
   */
  boolean dynamic() default false;

  /** Fail a test during which Prism reported request violations. */
  boolean failOnViolations() default true;
}
