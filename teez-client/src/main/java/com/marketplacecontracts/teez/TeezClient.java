package com.marketplacecontracts.teez;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.auth.RefreshingTokenCredential;
import com.marketplacecontracts.core.auth.RefreshingTokenCredential.AccessToken;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.http.ClientBuilder;
import com.marketplacecontracts.core.http.ClientRuntime;
import com.marketplacecontracts.core.polling.Poller;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.core.time.TimeSource;
import com.marketplacecontracts.teez.api.AuthApi;
import com.marketplacecontracts.teez.api.ProductsApi;
import com.marketplacecontracts.teez.model.GetExternalImportStatusApiResponse;
import com.marketplacecontracts.teez.model.ImportProductDto2;
import com.marketplacecontracts.teez.model.SkuImportStatus;
import com.marketplacecontracts.teez.model.TokenRequest;
import com.marketplacecontracts.teez.model.TokenResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import retrofit2.Call;

/**
 * The Teez Seller API client: the generated APIs plus an import-status poller, over one shared runtime
 * (bearer-token authentication with refresh, typed errors, retries, validation). Thread-safe; one per application.
 *
 * <pre>{@code
 * TeezClient teez = TeezClient.builder().clientCredentials(id, secret).build();
 * GetExternalImportStatusApiResponse status = teez.importStatus(jobId);
 * }</pre>
 */
public final class TeezClient implements AutoCloseable {

  /** Production API root. */
  public static final String PRODUCTION_URL = "https://seller-api.teez.kz/";

  private final ClientRuntime runtime;
  private final ClientRuntime tokenRuntime;
  private final ProductsApi products;
  private final AuthApi auth;
  private final TimeSource time;

  private TeezClient(Builder builder) {
    // The token endpoint is called through its own runtime, without the bearer credential it is there to provide.
    ClientRuntime tokenRuntime = ClientRuntime.create("teez", builder, null, TeezErrorParser::create);
    this.tokenRuntime = tokenRuntime;
    this.auth = tokenRuntime.api(AuthApi.class);
    Credential credential;
    if (builder.credential != null) {
      credential = builder.credential;
    } else if (builder.accessToken != null) {
      credential = Credential.bearer(builder.accessToken);
    } else if (builder.clientId != null) {
      String clientId = builder.clientId;
      String clientSecret = builder.clientSecret;
      credential = new RefreshingTokenCredential(
          () -> fetchToken(tokenRuntime, auth, clientId, clientSecret), builder.configuredTimeSource(), builder.refreshMargin);
    } else {
      throw new IllegalStateException("credentials: call accessToken(...) or clientCredentials(...)");
    }
    this.runtime = ClientRuntime.create("teez", builder, credential, TeezErrorParser::create);
    this.products = runtime.api(ProductsApi.class);
    this.time = builder.configuredTimeSource();
  }

  private static AccessToken fetchToken(ClientRuntime tokenRuntime, AuthApi auth, String id, String secret)
      throws IOException {
    try {
      TokenResponse token = tokenRuntime.execute(auth.authGetToken(new TokenRequest().clientId(id).clientSecret(secret)));
      String problem = token.getAccessToken() == null || token.getAccessToken().isBlank() ? "has no accessToken"
          : !Credential.isHeaderSafe(token.getAccessToken()) ? "has an accessToken that " + Credential.VALUE_RULE
          : null;
      if (problem != null) {
        // A decided answer, not a network failure: typed, and not retried.
        throw new UnreadableResponseException(tokenRuntime.failures().details("authGetToken", 200, null, null, null,
            "the token response " + problem), null);
      }
      long seconds = token.getExpiresIn() == null ? 0 : token.getExpiresIn();
      return new AccessToken(token.getAccessToken(), Duration.ofSeconds(seconds));
    } catch (MarketplaceException e) {
      // Carried through OkHttp; the runtime rethrows the typed failure to the caller, and it is never retried.
      throw e.inTransit();
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Generated API: products (import status). Calls are validated before they are sent. */
  public ProductsApi products() {
    return products;
  }

  /** Generated API: the token endpoint, called without a bearer token (the client uses it by itself). */
  public AuthApi auth() {
    return auth;
  }

  /** Runs a call of a generated API: its body, or a {@code MarketplaceException} subtype. */
  public <T> T execute(Call<T> call) {
    return runtime.execute(call);
  }

  /** The status of a product create/update job. */
  public GetExternalImportStatusApiResponse importStatus(long jobId) {
    return execute(products.productsGetImportStatusAsync(jobId));
  }

  /**
   * Polls a job until the job reports at least one product and no product or SKU is
   * {@linkplain TeezStatuses#isPending pending}, or {@code timeout} passes. The result holds each product's and
   * SKU's final status.
   */
  public PollResult<GetExternalImportStatusApiResponse> awaitImport(long jobId, Duration timeout) {
    return awaitImport(jobId, timeout, TeezStatuses::isPending);
  }

  /** As {@link #awaitImport(long, Duration)}, with the caller's idea of which status strings are still pending. */
  public PollResult<GetExternalImportStatusApiResponse> awaitImport(long jobId, Duration timeout,
      Predicate<String> pending) {
    return awaitImport(jobId, timeout, pending, each -> { });
  }

  /** As {@link #awaitImport(long, Duration, Predicate)}, showing each poll to {@code onPoll}. */
  public PollResult<GetExternalImportStatusApiResponse> awaitImport(long jobId, Duration timeout,
      Predicate<String> pending, Consumer<GetExternalImportStatusApiResponse> onPoll) {
    return Poller.withTimeout(timeout, time).await(() -> {
      GetExternalImportStatusApiResponse status = importStatus(jobId);
      onPoll.accept(status);
      return status;
    }, status -> settled(status, pending));
  }

  static boolean settled(GetExternalImportStatusApiResponse status, Predicate<String> pending) {
    if (status.getProducts() == null || status.getProducts().isEmpty()) {
      return false;
    }
    for (ImportProductDto2 product : status.getProducts()) {
      if (product.getStatus() == null || pending.test(product.getStatus())) {
        return false;
      }
      if (product.getSkus() != null) {
        for (SkuImportStatus sku : product.getSkus()) {
          if (sku.getStatus() == null || pending.test(sku.getStatus())) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Ends the HTTP threads and pooled connections; the client is not used after this. */
  @Override
  public void close() {
    runtime.close();
    tokenRuntime.close();
  }

  @Override
  public String toString() {
    return "TeezClient(" + runtime.baseUrl() + ")";
  }

  /** Settings; credentials are a ready {@link #accessToken} or {@link #clientCredentials} for the token endpoint. */
  public static final class Builder extends ClientBuilder<Builder> {
    private String accessToken;
    private String clientId;
    private String clientSecret;
    private Duration refreshMargin = Duration.ofSeconds(60);
    private Credential credential;

    private Builder() {
      super(PRODUCTION_URL);
    }

    /** A ready bearer token (JWT), used as is. Checked at once: printable ASCII only. */
    public Builder accessToken(String token) {
      this.accessToken = Credential.checked("teez", "accessToken", token);
      this.credential = null;
      this.clientId = null;
      this.clientSecret = null;
      return this;
    }

    /**
     * Client credentials exchanged at {@code POST /api/v1/auth/token}; the token is cached and refreshed. Checked at
     * once (printable ASCII only); the secret is masked wherever a server echoes it.
     */
    public Builder clientCredentials(String clientId, String clientSecret) {
      this.clientId = Credential.checked("teez", "clientId", clientId);
      this.clientSecret = Credential.checked("teez", "clientSecret", clientSecret);
      secret(clientSecret);
      this.accessToken = null;
      this.credential = null;
      return this;
    }

    /** Any other way to authenticate, e.g. a token kept fresh by another system. */
    public Builder credential(Credential credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      this.accessToken = null;
      this.clientId = null;
      this.clientSecret = null;
      return this;
    }

    /** How long before expiry a token is replaced (60 s by default). */
    public Builder tokenRefreshMargin(Duration margin) {
      this.refreshMargin = Objects.requireNonNull(margin);
      return this;
    }

    public TeezClient build() {
      return new TeezClient(this);
    }

    @Override
    public String toString() {
      return "TeezClient.Builder(" + configuredBaseUrl() + ", credentials="
          + (credential != null ? credential : accessToken != null ? "access token ***"
          : clientId != null ? "client credentials ***" : "none") + ")";
    }
  }
}
