package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.http.MockServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeprecationNoticeTest {

  @RegisterExtension
  final MockServer server = new MockServer();
  private final List<String> notices = new CopyOnWriteArrayList<>();

  private TestClient client() {
    return TestClient.builder(server.url("/").toString()).retry(RetryConfig.none())
        .rateLimit(RateLimitConfig.disabled())
        .events(new ClientEvents() {
          @Override
          public void deprecatedOperation(String operationId, String replacementOperationId, String shutdownDate) {
            notices.add(operationId + " -> " + replacementOperationId + " @ " + shutdownDate);
          }
        }).build();
  }

  private void enqueue(int n) {
    for (int i = 0; i < n; i++) {
      server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("{}"));
    }
  }

  @SuppressWarnings("deprecation")
  @Test
  void aDeprecatedOperationIsReportedOncePerClientNamingItsSuccessor() {
    enqueue(5);
    TestClient first = client();
    TestClient second = client();

    first.api.old().execute();
    first.api.old().execute();
    first.api.read(1L).execute();
    second.api.old().execute();
    second.api.old().execute();

    assertThat(notices).containsExactly("old -> read @ 2026-03-12", "old -> read @ 2026-03-12");
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void currentOperationsAreNotReported() {
    enqueue(1);
    TestClient client = client();

    client.api.read(1L).execute();

    assertThat(notices).isEmpty();
  }
}
