package com.marketplacecontracts.mock.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.marketplacecontracts.mock.MarketplaceSpec;
import com.marketplacecontracts.mock.PrismServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
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

  /** A region: Prism's static answer nests parents until it stops at an empty one, breaking its own schema. */
  static HttpResponse<String> region(String baseUrl) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "v2/regions/213"))
        .header("Api-Key", "key").GET().build(), HttpResponse.BodyHandlers.ofString());
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
    void answerBreakingTheSpec(@MockBaseUrl String baseUrl, MockedMarketplace mock) throws Exception {
      assertThat(region(baseUrl).statusCode()).isEqualTo(200);
      assertThat(mock.violations()).isEmpty();
      assertThat(mock.answerViolations()).isNotEmpty()
          .allSatisfy(violation -> assertThat(violation).startsWith("response.body.")
              .contains("must have required property"));
    }

    @Test
    void requestBreakingTheSpecBesideAnAnswerBreakingIt(@MockBaseUrl String baseUrl) throws Exception {
      region(baseUrl);
      uinStatus(baseUrl, 0, "key");
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

    events.assertStatistics(stats -> stats.started(5).succeeded(3).failed(2));
    events.assertThatEvents().haveExactly(1, event(test("requestBreakingTheSpec"), finishedWithFailure(message(
        "Prism saw 1 violation(s) of yandex/partner-api.yaml in the test's requests:\n"
            + "  request.path.campaignid Request path parameter campaignid must be >= 1"))));
    // the answer's faults are mentioned, never listed as the test's
    events.assertThatEvents().haveExactly(1, event(test("requestBreakingTheSpecBesideAnAnswerBreakingIt"),
        finishedWithFailure(message(text -> text.startsWith(
            "Prism saw 1 violation(s) of yandex/partner-api.yaml in the test's requests:\n"
                + "  request.path.campaignid Request path parameter campaignid must be >= 1\n(and ")
            && text.contains(" in its own answers, which are not the test's doing")
            && !text.contains("response.body")))));
  }

  @Test
  void requestAndAnswerViolationsAreToldApartByLocation() {
    List<String> log = List.of(
        "[3:39:24 PM] ›     [VALIDATOR] ✖  error     Violation: request Invalid security scheme used",
        "[3:39:24 PM] ›     [VALIDATOR] ✖  error     Violation: request.path.campaignid Request path parameter"
            + " campaignid must be >= 1",
        "[3:39:24 PM] ›     [VALIDATOR] ✖  error     Violation: response.body.region.parent.parent Response body"
            + " property region.parent.parent must have required property 'id'",
        "[3:39:24 PM] ›     [HTTP SERVER] get /v2/regions/213 ℹ  info      Request received");

    assertThat(PrismServer.violations(log)).containsExactly("request Invalid security scheme used",
        "request.path.campaignid Request path parameter campaignid must be >= 1");
    assertThat(PrismServer.answerViolations(log)).containsExactly("response.body.region.parent.parent Response body"
        + " property region.parent.parent must have required property 'id'");
  }

  @Test
  void violationsCanBeReportedOnly() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(DynamicYandex.class)).execute().testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }
}
