package com.marketplacecontracts.yandex.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.http.Download;
import com.marketplacecontracts.core.http.MarketplaceCall;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.OperationIndex;
import com.marketplacecontracts.core.http.SampleArguments;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.yandex.YandexMarketClient;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every generated method of every API, called through the client as a user would: Retrofit parses it, its
 * converters exist, validation passes with valid input, its limits resolve (on a simulated clock, so a quota of one
 * call in ten minutes costs no real time), the request goes to the method and path the spec names, and the answer
 * decodes. A method that cannot be called fails this test by name.
 */
class EveryOperationIsCallableTest {

  @RegisterExtension
  final MockServer server = new MockServer();

  @Test
  void everyCoveredOperationCanBeCalled() throws Exception {
    FakeTimeSource time = new FakeTimeSource();
    List<String> failures = new ArrayList<>();
    int called = 0;
    try (YandexMarketClient market = YandexMarketClient.builder().baseUrl(server.url("/").toString())
        .apiKey("test-key").timeSource(time).tier(YandexMarketClient.Tier.MEDIUM).build()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          return MockServer.json(200, "{}");
        }
      });
      for (OperationIndex.Operation op : YandexMarketClient.operationIndex().all()) {
        int sent = server.getRequestCount();
        try {
          MarketplaceCall<?> call = OperationIndex.invoke(market.api(op.api()), op, SampleArguments.of(op.method()));
          Object answer = call.execute();
          RecordedRequest request = server.takeRequest();
          String[] route = route(op);
          if (!request.getMethod().equals(route[0])) {
            failures.add(op.id() + ": sent " + request.getMethod() + ", the spec says " + route[0]);
          }
          String pattern = "/" + route[1].replaceAll("\\{[^}]+}", "[^/]+") + "(\\?.*)?";
          if (!request.getPath().matches(pattern)) {
            failures.add(op.id() + ": sent " + request.getPath() + ", the spec says " + route[1]);
          }
          boolean binary = op.answerType() == Download.class;
          if (binary && !(answer instanceof Download)) {
            failures.add(op.id() + ": a binary answer was not a Download but " + answer);
          }
          if (answer instanceof Download download) {
            download.delete();
          }
          called++;
        } catch (Exception | AssertionError e) {
          failures.add(op.id() + ": " + e);
          if (server.getRequestCount() > sent) {
            server.takeRequest();   // the request of the failed call, so the next operation reads its own
          }
        }
      }
    }

    assertThat(failures).as("operations that cannot be called").isEmpty();
    assertThat(called).isEqualTo(YandexMarketClient.operationIndex().all().size()).isGreaterThanOrEqualTo(160);
  }

  /** The HTTP method and path of the generated method's Retrofit annotation. */
  private static String[] route(OperationIndex.Operation op) throws Exception {
    for (Annotation annotation : op.method().getAnnotations()) {
      String name = annotation.annotationType().getSimpleName();
      if (List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(name)) {
        String path = (String) annotation.annotationType().getMethod("value").invoke(annotation);
        return new String[] {name.toUpperCase(Locale.ROOT), path};
      }
    }
    throw new AssertionError(op.id() + " has no HTTP method annotation");
  }
}
