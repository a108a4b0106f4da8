package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.auth.Credential;
import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.UnauthorizedException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UnauthorizedRetryInterceptorTest {

  @RegisterExtension
  final MockServer server = new MockServer();
  /** A refreshable token: each invalidation yields the next one. */
  private final AtomicInteger generation = new AtomicInteger(1);
  private TestClient client;

  @BeforeEach
  void start() {
    Credential refreshable = new Credential() {
      @Override
      public String headerName() {
        return "Authorization";
      }

      @Override
      public String headerValue() {
        return "Bearer token-" + generation.get();
      }

      @Override
      public boolean invalidate(String rejectedValue) {
        generation.incrementAndGet();
        return true;
      }
    };
    client = TestClient.builder(server.url("/").toString()).credential(refreshable)
        .rateLimit(RateLimitConfig.disabled()).timeSource(new FakeTimeSource()).build();
  }

  @Test
  void aReadIsRepeatedOnceWithTheNewToken() throws Exception {
    server.enqueue(json(401, "{}"));
    server.enqueue(json(200, "{}"));

    client.api.read(1L).execute();

    assertThat(server.getRequestCount()).isEqualTo(2);
    server.takeRequest();
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer token-2");
  }

  @Test
  void aWriteTheSpecDoesNotMarkIdempotentIsNotSentAgain() {
    server.enqueue(json(401, "{}"));
    server.enqueue(json(200, "{}"));

    assertThatThrownBy(() -> client.api.write(Map.of("a", 1)).execute())
        .isInstanceOf(UnauthorizedException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(generation.get()).as("the rejected token is still dropped").isEqualTo(2);
  }
}
