package com.marketplacecontracts.mock.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.marketplacecontracts.mock.MarketplaceSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

class MarketplaceMockExtensionTest {

  static HttpResponse<String> uinStatus(String baseUrl, long campaignId, String apiKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create(baseUrl + "campaigns/" + campaignId + "/orders/2/identifiers/status"))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (apiKey != null) {
      request.header("Api-Key", apiKey);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Runs as a nested engine so the outer test can see what JUnit reports for it. */
  @MarketplaceMock(MarketplaceSpec.YANDEX_MARKET)
  static class MockedYandex {

    @Test
    void validRequest(@MockBaseUrl String baseUrl, MockedMarketplace mock) throws Exception {
      assertThat(uinStatus(baseUrl, 1, "key").statusCode()).isEqualTo(200);
      assertThat(mock.violations()).isEmpty();
    }

    @Test
    void requestBreakingTheSpec(@MockBaseUrl URI baseUrl) throws Exception {
      uinStatus(baseUrl.toString(), 0, "key");
    }

    @Test
    @AllowRequestViolations
    void allowedViolations(MockedMarketplace mock) throws Exception {
      assertThat(uinStatus(mock.baseUrl(), 1, null).statusCode()).isEqualTo(401);
      assertThat(mock.violations()).containsExactly("request Invalid security scheme used");
    }
  }

  @MarketplaceMock(value = MarketplaceSpec.YANDEX_MARKET, dynamic = true, failOnViolations = false)
  static class DynamicYandex {

    @Test
    void violationsDoNotFail(@MockBaseUrl String baseUrl) throws Exception {
      uinStatus(baseUrl, 0, "key");
    }
  }

  @Test
  void servesTheClasspathSpecAndFailsATestOnRequestViolations() {
    var events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(MockedYandex.class)).execute()
        .testEvents();

    events.assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
    events.assertThatEvents().haveExactly(1, event(test("requestBreakingTheSpec"), finishedWithFailure(message(
        "Prism saw 1 request(s) breaking yandex/partner-api.yaml:\n"
            + "  request.path.campaignid Request path parameter campaignid must be >= 1"))));
  }

  @Test
  void violationsCanBeReportedOnly() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(DynamicYandex.class)).execute().testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }
}
