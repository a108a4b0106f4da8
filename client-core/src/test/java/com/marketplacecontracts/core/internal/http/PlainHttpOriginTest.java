package com.marketplacecontracts.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.TransportException;
import com.marketplacecontracts.core.http.RedirectPolicy;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionSpec;
import org.junit.jupiter.api.Test;

/** A runtime for a plain-http origin sets up no TLS, and still fetches an https file over TLS. */
class PlainHttpOriginTest {

  private static TestClient.Builder client(String baseUrl) {
    return TestClient.builder(baseUrl).retry(RetryConfig.none()).rateLimit(RateLimitConfig.disabled());
  }

  @Test
  void aPlainHttpOriginGetsACleartextOnlyClient() {
    try (ClientRuntime runtime = client("http://127.0.0.1:9/api/").build().runtime) {
      assertThat(runtime.http().connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
      assertThat(runtime.http().x509TrustManager()).isNull();
      assertThatThrownBy(() -> runtime.http().sslSocketFactory()).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void anHttpsOriginOrRedirectsThatMayLeaveTheOriginKeepTls() {
    for (TestClient.Builder builder : new TestClient.Builder[] {client("https://127.0.0.1:9/api/"),
        client("http://127.0.0.1:9/api/").redirects(RedirectPolicy.crossOrigin(2))}) {
      try (ClientRuntime runtime = builder.build().runtime) {
        assertThat(runtime.http().connectionSpecs()).contains(ConnectionSpec.MODERN_TLS);
        assertThat(runtime.http().sslSocketFactory()).isNotNull();
      }
    }
  }

  /** The file's host sees a TLS ClientHello (record type 22), not a refusal before any byte is sent. */
  @Test
  void anHttpsFileIsFetchedOverTlsFromAPlainHttpOrigin() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ClientRuntime runtime = client("http://127.0.0.1:9/api/").callTimeout(Duration.ofSeconds(5)).build()
            .runtime) {
      CompletableFuture<Integer> firstByte = CompletableFuture.supplyAsync(() -> {
        try (Socket socket = listener.accept(); InputStream in = socket.getInputStream()) {
          return in.read();
        } catch (Exception e) {
          return -2;
        }
      });
      assertThatThrownBy(() -> runtime.download("https://127.0.0.1:" + listener.getLocalPort() + "/f.csv",
          "getFile")).isInstanceOf(TransportException.class);
      assertThat(firstByte.get(5, TimeUnit.SECONDS)).isEqualTo(22);
      assertThat(runtime.http().connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
    }
  }
}
