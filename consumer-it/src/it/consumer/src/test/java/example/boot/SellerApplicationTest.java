package example.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.marketplacecontracts.mock.MarketplaceSpec;
import com.marketplacecontracts.mock.junit.MarketplaceMock;
import com.marketplacecontracts.mock.junit.MockBaseUrl;
import com.marketplacecontracts.mock.junit.MockedMarketplace;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** The Boot application against Prism serving the spec inside yandex-client, as the service would run. */
@MarketplaceMock(MarketplaceSpec.YANDEX_MARKET)
class SellerApplicationTest {

  @Test
  void startsCallsTheMockAndIsHealthy(@MockBaseUrl String baseUrl, MockedMarketplace mock) {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SellerApplication.class)
        .web(WebApplicationType.NONE)
        .run("--marketplace.yandex.base-url=" + baseUrl, "--marketplace.yandex.api-key=test-key",
            "--marketplace.yandex.tier=medium", "--marketplace.yandex.contract-guard.enabled=true")) {

      assertFalse(app.getBean(SellerApplication.UinChecks.class).of(1234567, 123456789)
          .getResult().getItems().isEmpty());

      Health health = app.getBean("yandexMarketHealthIndicator", HealthIndicator.class).health();
      assertEquals(Status.UP, health.getStatus(), health.toString());
      assertEquals("accepted", health.getDetails().get("credentials"));

      assertEquals(List.of(), app.getBean(SellerApplication.Drift.class).found);
      assertEquals(List.of(), mock.violations());

      // The meters the application has, as /actuator/metrics lists them: with metrics-micrometer on the class
      // path the starter measures every call of the clients.
      MeterRegistry registry = app.getBean(MeterRegistry.class);
      assertEquals(1, registry.get("marketplace.client.calls").tag("operation", "getOrderIdentifiersStatus")
          .tag("outcome", "success").timer().count());
      System.out.println("Boot application metrics: " + registry.getMeters().size() + " meters, marketplace ones: "
          + registry.getMeters().stream().map(m -> m.getId().getName()).filter(n -> n.startsWith("marketplace"))
              .distinct().sorted().toList());
    }
  }
}
