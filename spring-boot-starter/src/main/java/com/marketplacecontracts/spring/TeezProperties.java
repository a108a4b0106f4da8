package com.marketplacecontracts.spring;

import com.marketplacecontracts.teez.TeezClient;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code marketplace.teez.*}: the {@link TeezClient} bean. Credentials are a ready access token or a client id with
 * its secret (exchanged for tokens, refreshed before they expire).
 */
@ConfigurationProperties("marketplace.teez")
public class TeezProperties extends MarketplaceClientProperties {

  /** A ready bearer token (JWT), used as is. */
  private String accessToken;
  /** Client id for the token endpoint; set with client-secret. */
  private String clientId;
  /** Client secret for the token endpoint; set with client-id. */
  private String clientSecret;
  /** How long before expiry a token is replaced (client default 60 s). */
  private Duration tokenRefreshMargin;

  public String getAccessToken() {
    return accessToken;
  }

  public void setAccessToken(String accessToken) {
    this.accessToken = accessToken;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public String getClientSecret() {
    return clientSecret;
  }

  public void setClientSecret(String clientSecret) {
    this.clientSecret = clientSecret;
  }

  public Duration getTokenRefreshMargin() {
    return tokenRefreshMargin;
  }

  public void setTokenRefreshMargin(Duration tokenRefreshMargin) {
    this.tokenRefreshMargin = tokenRefreshMargin;
  }

  @Override
  public String toString() {
    // the client id is not a secret by itself, but it is half of one: masked too
    return "TeezProperties(accessToken=" + masked(accessToken) + ", clientId=" + masked(clientId) + ", clientSecret="
        + masked(clientSecret) + ", tokenRefreshMargin=" + tokenRefreshMargin + ", " + commonToString() + ")";
  }
}
