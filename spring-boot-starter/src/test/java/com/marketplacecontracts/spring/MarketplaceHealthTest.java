package com.marketplacecontracts.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.limits.redis.RedisServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MarketplaceHealthTest {

  static final String SECRET = MarketplaceAutoConfigurationTest.SECRET;
  static final String TOKEN_INFO = MarketplaceAutoConfigurationTest.TOKEN_INFO;

  final Loopback server = new Loopback();
  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MarketplaceAutoConfiguration.class,
          MarketplaceHealthAutoConfiguration.class));

  @AfterEach
  void stop() {
    server.close();
  }

  ApplicationContextRunner yandex(String... more) {
    return runner.withPropertyValues("marketplace.yandex.api-key=" + SECRET,
        "marketplace.yandex.base-url=" + server.url()).withPropertyValues(more);
  }

  static Health health(org.springframework.context.ApplicationContext context, String bean) {
    return context.getBean(bean, HealthIndicator.class).health();
  }

  @Test
  void upWhenTheMarketplaceAcceptsTheCredentials() {
    server.always(200, TOKEN_INFO);
    yandex().run(context -> {
      Health health = health(context, "yandexMarketHealthIndicator");
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).isEqualTo(Map.of("credentials", "accepted", "limitsStore", "local"));
      assertThat(server.received()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/v2/auth/token"));
    });
  }

  @Test
  void downWhenTheCredentialsAreRejected() {
    server.always(401, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad key "
        + SECRET + "\"}]}");
    yandex().run(context -> {
      Health health = health(context, "yandexMarketHealthIndicator");
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("credentials", "rejected (HTTP 401)");
      assertThat(health.toString()).doesNotContain(SECRET);
    });
  }

  @Test
  void downWhenTheMarketplaceDoesNotAnswer() {
    int closed = RedisServer.freePort();
    runner.withPropertyValues("marketplace.yandex.api-key=k", "marketplace.yandex.base-url=http://127.0.0.1:" + closed,
        "marketplace.yandex.health.timeout=2s").run(context -> {
          Health health = health(context, "yandexMarketHealthIndicator");
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat((String) health.getDetails().get("credentials")).startsWith("not confirmed (TransportException");
        });
  }

  @Test
  void theCredentialsCheckIsHeldForItsInterval() {
    server.always(200, TOKEN_INFO);
    yandex("marketplace.yandex.health.credentials-check-interval=1h").run(context -> {
      for (int i = 0; i < 5; i++) {
        assertThat(health(context, "yandexMarketHealthIndicator").getStatus()).isEqualTo(Status.UP);
      }
      assertThat(server.received()).hasSize(1);
    });
    yandex("marketplace.yandex.health.credentials-check-interval=0s").run(context -> {
      health(context, "yandexMarketHealthIndicator");
      health(context, "yandexMarketHealthIndicator");
      assertThat(server.received()).hasSize(3);   // one from above, two now
    });
  }

  /** Longer than the Redis store's fail-fast time (1 s after a failed command, every command fails at once). */
  private static final Duration FAIL_FAST_PAUSE = Duration.ofMillis(1_200);

  @Test
  void theLimitsStoreIsProbedAndShownWithoutItsPassword() throws Exception {
    server.always(200, TOKEN_INFO);
    try (RedisServer redis = RedisServer.start()) {
      yandex("marketplace.yandex.limits-store=" + redis.uri()).run(context -> {
        // The store bounds connecting (1 s) and each command (500 ms) tightly; on a cold, busy machine a probe may
        // overrun that and say unreachable, as it should. After a failed command the store fails every command at
        // once for 1 s, so probes closer together than that only repeat the failure: each next probe comes after
        // that pause, until a deadline far beyond what a store that is up needs.
        String reachable = redis.uri() + " reachable";
        Health health = health(context, "yandexMarketHealthIndicator");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!reachable.equals(health.getDetails().get("limitsStore")) && System.nanoTime() < deadline) {
          assertThat((String) health.getDetails().get("limitsStore")).as("a probe that fails says so")
              .isNotNull().startsWith(redis.uri() + " unreachable (");
          Thread.sleep(FAIL_FAST_PAUSE.toMillis());
          health = health(context, "yandexMarketHealthIndicator");
        }
        assertThat(health.getDetails()).containsEntry("limitsStore", reachable);
        assertThat(health.getStatus()).as(health.toString()).isEqualTo(Status.UP);
      });
    }
    int closed = RedisServer.freePort();
    yandex("marketplace.yandex.limits-store=redis://:" + SECRET + "@127.0.0.1:" + closed).run(context -> {
      Health health = health(context, "yandexMarketHealthIndicator");
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat((String) health.getDetails().get("limitsStore")).contains("unreachable (")
          .contains("127.0.0.1:" + closed);
      assertThat(health.toString()).doesNotContain(SECRET);
    });
  }

  @Test
  void teezClientCredentialsAreCheckedWithATokenRequest() {
    server.always(200, "{\"accessToken\":\"tok-1\",\"expiresIn\":3600,\"tokenType\":\"Bearer\"}");
    runner.withPropertyValues("marketplace.teez.client-id=seller-1", "marketplace.teez.client-secret=" + SECRET,
        "marketplace.teez.base-url=" + server.url()).run(context -> {
          Health health = health(context, "teezHealthIndicator");
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("credentials", "accepted");
          assertThat(server.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/v1/auth/token");
            assertThat(r.body()).contains("seller-1");
          });
          assertThat(health.toString()).doesNotContain(SECRET);
        });
  }

  @Test
  void aTeezAccessTokenIsReportedAsNotChecked() {
    runner.withPropertyValues("marketplace.teez.access-token=" + SECRET, "marketplace.teez.base-url=" + server.url())
        .run(context -> {
          Health health = health(context, "teezHealthIndicator");
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat((String) health.getDetails().get("credentials")).startsWith("not checked");
          assertThat(server.received()).isEmpty();
        });
  }

  @Test
  void onlyWithTheActuatorAndWhenEnabled() {
    yandex().withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean("yandexMarketHealthIndicator"));
    yandex("management.health.marketplace.enabled=false").run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean("yandexMarketHealthIndicator"));
    runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(HealthIndicator.class));
  }
}
