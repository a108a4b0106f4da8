package com.marketplacecontracts.teez;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.auth.RefreshingTokenCredential;
import com.marketplacecontracts.core.auth.RefreshingTokenCredential.AccessToken;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.http.ClientBuilder;
import com.marketplacecontracts.core.internal.http.ClientRuntime;
import com.marketplacecontracts.core.http.ClientSettings;
import com.marketplacecontracts.core.http.MarketplaceCall;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.operation.Operations;
import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.core.polling.Poller;
import com.marketplacecontracts.core.polling.Poller.PollResult;
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
import java.util.function.Predicate;

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

  private final ClientSettings settings;
  private final Credentials credentials;
  private final ClientRuntime runtime;
  private final ClientRuntime tokenRuntime;
  private final ProductsApi products;
  private final AuthApi auth;
  private final Poller poller;

  private TeezClient(ClientSettings settings, Credentials credentials) {
    this.settings = settings;
    this.credentials = credentials;
    // The token endpoint is called through its own runtime, without the bearer credential it is there to provide.
    ClientRuntime tokenRuntime = ClientRuntime.create(Marketplace.TEEZ, settings, null, TeezErrorParser::create);
    this.tokenRuntime = tokenRuntime;
    this.auth = tokenRuntime.api(AuthApi.class);
    this.runtime = ClientRuntime.create(Marketplace.TEEZ, settings,
        credentials.credential(tokenRuntime, auth, settings), TeezErrorParser::create);
    this.products = runtime.api(ProductsApi.class);
    this.poller = new Poller(settings.time(), settings.events());
  }

  private static AccessToken fetchToken(ClientRuntime tokenRuntime, AuthApi auth, String id, String secret)
      throws IOException {
    try {
      TokenResponse token = auth.authGetToken(new TokenRequest().clientId(id).clientSecret(secret)).execute();
      String problem = token.getAccessToken() == null || token.getAccessToken().isBlank() ? "has no accessToken"
          : !Credential.isHeaderSafe(token.getAccessToken()) ? "has an accessToken that " + Credential.VALUE_RULE
          : null;
      if (problem != null) {
        // A decided answer, not a network failure: typed, and not retried.
        throw new UnreadableResponseException(tokenRuntime.failures().details("Auth_GetToken", 200, null, null, null,
            "the token response " + problem), null);
      }
      long seconds = token.getExpiresIn() == null ? 0 : token.getExpiresIn();
      return new AccessToken(token.getAccessToken(), Duration.ofSeconds(seconds));
    } catch (MarketplaceException e) {
      // The call that needed the token fails with the exchange's own typed error, and it is never retried.
      throw e.inTransit();
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this client's settings and credentials, to build a client that differs in some of them. */
  public Builder newBuilder() {
    return new Builder(settings, credentials);
  }

  /**
   * Generated API: products (import status). Calls are validated before they are sent; {@code execute()} returns
   * the body or throws a {@code MarketplaceException} subtype.
   */
  public ProductsApi products() {
    return products;
  }

  /** Generated API: the token endpoint, called without a bearer token (the client uses it by itself). */
  public AuthApi auth() {
    return auth;
  }

  /** The status of a product create/update job. */
  public GetExternalImportStatusApiResponse importStatus(long jobId) {
    return products.productsGetImportStatusAsync(jobId).execute();
  }

  /**
   * Polls a job until the job reports at least one product and no product or SKU is
   * {@linkplain TeezStatuses#isPending pending}, or the options' timeout passes. The result holds each product's
   * and SKU's final status; each poll is reported to the client's {@code ClientEvents}.
   */
  public PollResult<GetExternalImportStatusApiResponse> awaitImport(long jobId, AwaitOptions options) {
    MarketplaceCall<GetExternalImportStatusApiResponse> call = products.productsGetImportStatusAsync(jobId);
    return poller.await(options, Operations.id(call.request()), call::executeWithin,
        status -> settled(status, TeezStatuses::isPending));
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

  /**
   * How the client authenticates: exactly one of a ready token, client credentials for the token endpoint, or a
   * credential of the caller's.
   */
  private record Credentials(String accessToken, String clientId, String clientSecret, Credential custom,
      Duration refreshMargin) {

    static final Credentials NONE = new Credentials(null, null, null, null, Duration.ofSeconds(60));

    Credential credential(ClientRuntime tokenRuntime, AuthApi auth, ClientSettings settings) {
      if (custom != null) {
        return custom;
      }
      if (accessToken != null) {
        return Credential.bearer(accessToken);
      }
      if (clientId != null) {
        return new RefreshingTokenCredential(() -> fetchToken(tokenRuntime, auth, clientId, clientSecret),
            settings.time(), refreshMargin);
      }
      throw new RequestValidationException(Marketplace.TEEZ, "client settings", java.util.List.of(
          new RequestValidationException.Violation("accessToken", null, "must be set (or clientCredentials)")));
    }

    @Override
    public String toString() {
      return custom != null ? custom.toString() : accessToken != null ? "access token ***"
          : clientId != null ? "client credentials ***" : "none";
    }
  }

  /** Settings; credentials are a ready {@link #accessToken} or {@link #clientCredentials} for the token endpoint. */
  public static final class Builder extends ClientBuilder<Builder> {
    private Credentials credentials = Credentials.NONE;

    private Builder() {
      super(PRODUCTION_URL);
    }

    private Builder(ClientSettings settings, Credentials credentials) {
      super(settings);
      this.credentials = credentials;
    }

    /** A ready bearer token (JWT), used as is. Checked at once: printable ASCII only. */
    public Builder accessToken(String token) {
      credentials = new Credentials(Credential.checked(Marketplace.TEEZ, "accessToken", token), null, null, null,
          credentials.refreshMargin());
      return this;
    }

    /**
     * Client credentials exchanged at {@code POST /api/v1/auth/token}; the token is cached and refreshed. Checked at
     * once (printable ASCII only); the secret is masked wherever a server echoes it.
     */
    public Builder clientCredentials(String clientId, String clientSecret) {
      credentials = new Credentials(null, Credential.checked(Marketplace.TEEZ, "clientId", clientId),
          Credential.checked(Marketplace.TEEZ, "clientSecret", clientSecret), null, credentials.refreshMargin());
      secret(clientSecret);
      return this;
    }

    /** Any other way to authenticate, e.g. a token kept fresh by another system. */
    public Builder credential(Credential credential) {
      credentials = new Credentials(null, null, null, Objects.requireNonNull(credential, "credential"),
          credentials.refreshMargin());
      return this;
    }

    /** How long before expiry a token is replaced (60 s by default). */
    public Builder tokenRefreshMargin(Duration margin) {
      credentials = new Credentials(credentials.accessToken(), credentials.clientId(), credentials.clientSecret(),
          credentials.custom(), Objects.requireNonNull(margin, "tokenRefreshMargin"));
      return this;
    }

    public TeezClient build() {
      return new TeezClient(settings(), credentials);
    }

    @Override
    public String toString() {
      return "TeezClient.Builder(" + settings().baseUrl() + ", credentials=" + credentials + ")";
    }
  }
}
