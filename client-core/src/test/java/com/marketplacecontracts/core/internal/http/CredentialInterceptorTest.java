package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.auth.Credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.RedirectRefusedException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.RedirectPolicy;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CredentialInterceptorTest {

  @RegisterExtension
  final MockServer home = new MockServer();

  @RegisterExtension
  final MockServer elsewhere = new MockServer();

  private TestClient client(Credential credential) {
    return TestClient.builder(home.url("/").toString()).credential(credential)
        .retry(RetryConfig.none()).rateLimit(RateLimitConfig.disabled()).build();
  }

  /** A client that follows cross-origin redirects (not the default): the credential must still stay home. */
  private TestClient followingAnywhere(Credential credential) {
    return TestClient.builder(home.url("/").toString()).credential(credential)
        .redirects(RedirectPolicy.crossOrigin(5))
        .retry(RetryConfig.none()).rateLimit(RateLimitConfig.disabled()).build();
  }

  @Test
  void aCrossOriginRedirectIsRefusedByDefaultAndNothingReachesTheOtherHost() {
    home.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", elsewhere.url("/items/1")));

    TestClient client = client(Credential.header("Api-Key", "secret-key-1"));
    assertThatThrownBy(() -> client.api.read(1L).execute())
        .isInstanceOf(RedirectRefusedException.class).hasMessageContaining("another origin")
        .hasMessageNotContaining("secret-key-1");
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void aSameOriginRedirectIsFollowedWithTheCredential() throws Exception {
    home.enqueue(new MockResponse().setResponseCode(301).setHeader("Location", "/items/2"));
    home.enqueue(new MockResponse().setBody("{}"));

    TestClient client = client(Credential.header("Api-Key", "secret-key-1"));
    client.api.read(1L).execute();

    home.takeRequest();
    RecordedRequest followed = home.takeRequest();
    assertThat(followed.getPath()).isEqualTo("/items/2");
    assertThat(followed.getHeader("Api-Key")).isEqualTo("secret-key-1");
  }

  @Test
  void apiKeyIsSentToTheConfiguredHost() throws Exception {
    home.enqueue(new MockResponse().setBody("{}"));

    TestClient client = client(Credential.header("Api-Key", "secret-key-1"));
    client.api.read(1L).execute();

    assertThat(home.takeRequest().getHeader("Api-Key")).isEqualTo("secret-key-1");
  }

  @Test
  void apiKeyIsStrippedWhenARedirectLeavesTheHost() throws Exception {
    home.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", elsewhere.url("/items/1")));
    elsewhere.enqueue(new MockResponse().setBody("{}"));

    TestClient client = followingAnywhere(Credential.header("Api-Key", "secret-key-1"));
    client.api.read(1L).execute();

    assertThat(home.takeRequest().getHeader("Api-Key")).isEqualTo("secret-key-1");
    RecordedRequest redirected = elsewhere.takeRequest();
    assertThat(redirected.getPath()).isEqualTo("/items/1");
    assertThat(redirected.getHeader("Api-Key")).isNull();
    assertThat(redirected.getHeaders().toString()).doesNotContain("secret-key-1");
  }

  @Test
  void bearerTokenIsStrippedWhenARedirectLeavesTheHost() throws Exception {
    home.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", elsewhere.url("/items/1")));
    elsewhere.enqueue(new MockResponse().setBody("{}"));

    TestClient client = followingAnywhere(Credential.bearer("tok-123"));
    client.api.read(1L).execute();

    assertThat(home.takeRequest().getHeader("Authorization")).isEqualTo("Bearer tok-123");
    assertThat(elsewhere.takeRequest().getHeader("Authorization")).isNull();
  }

  @Test
  void credentialsNeverShowInToString() {
    assertThat(Credential.header("Api-Key", "secret-key-1").toString()).doesNotContain("secret-key-1");
    assertThat(Credential.bearer("tok-123").toString()).doesNotContain("tok-123");
  }
}
