package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.internal.http.ClientRuntime;
import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.error.ApiError;
import com.marketplacecontracts.core.operation.Marketplace;
import java.util.List;
import java.util.Map;

/** Test helper: a minimal facade over {@link ClientRuntime}, as the real clients build theirs. */
public final class TestClient implements AutoCloseable {

  public final ClientRuntime runtime;
  public final TestApi api;

  private TestClient(Builder builder, Credential credential) {
    this.runtime = ClientRuntime.create(Marketplace.YANDEX_MARKET, builder.settings(), credential, moshi -> {
      var adapter = moshi.adapter(Map.class);
      return body -> {
        try {
          Map<?, ?> map = adapter.fromJson(body);
          Object code = map == null ? null : map.get("code");
          return code == null ? null : List.of(new ApiError(code.toString(), (String) map.get("message"), null));
        } catch (Exception e) {
          return null;
        }
      };
    });
    this.api = runtime.api(TestApi.class);
  }

  @Override
  public void close() {
    runtime.close();
  }

  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /** Builder with an optional credential. */
  public static final class Builder extends ClientBuilder<Builder> {
    private Credential credential;

    Builder(String baseUrl) {
      super(baseUrl);
    }

    public Builder credential(Credential credential) {
      this.credential = credential;
      return this;
    }

    /** The account's subscription tier, as a facade would expose it. */
    public Builder tier(String tier) {
      return quotaTier(tier);
    }

    public TestClient build() {
      return new TestClient(this, credential);
    }
  }
}
