package com.marketplacecontracts.contract.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.yandex.YandexMarketClient;
import java.io.IOException;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Defects found in review; each test fails on the reviewed main. */
class ReviewFindingsTest {

  private static final String API_KEY = "hostile-api-key-0001";
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private YandexMarketClient client() {
    return YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey(API_KEY)
        .rateLimit(RateLimitConfig.disabled()).timeSource(new FakeTimeSource()).build();
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  /** A 200 without {@code result} is taken for "every check settled": a broken answer reads as done. */
  @Test
  void aUinAnswerWithoutResultIsNotReportedAsSettled() {
    server.enqueue(json("{\"status\":\"OK\"}"));

    Throwable failure = catchThrowable(() -> {
      var polled = client().awaitUinChecks(1L, 2L, Duration.ofSeconds(1));
      assertThat(polled.settled()).as("settled on an answer without result").isFalse();
    });

    assertThat(failure).isNull();
  }
}
