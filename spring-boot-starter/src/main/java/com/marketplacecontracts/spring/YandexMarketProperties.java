package com.marketplacecontracts.spring;

import com.marketplacecontracts.yandex.YandexMarketClient;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code marketplace.yandex.*}: the {@link YandexMarketClient} bean. Exactly one of the two credentials is set. */
@ConfigurationProperties("marketplace.yandex")
public class YandexMarketProperties extends MarketplaceClientProperties {

  /** An API-Key token (sent in the Api-Key header). */
  private String apiKey;
  /** An OAuth token with scope market:partner-api (sent as a bearer token). */
  private String oauthToken;
  /** The business's subscription tier, for the quotas the spec declares per tier (none or medium). */
  private YandexMarketClient.Tier tier;

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getOauthToken() {
    return oauthToken;
  }

  public void setOauthToken(String oauthToken) {
    this.oauthToken = oauthToken;
  }

  public YandexMarketClient.Tier getTier() {
    return tier;
  }

  public void setTier(YandexMarketClient.Tier tier) {
    this.tier = tier;
  }

  @Override
  public String toString() {
    return "YandexMarketProperties(apiKey=" + masked(apiKey) + ", oauthToken=" + masked(oauthToken) + ", tier="
        + tier + ", " + commonToString() + ")";
  }
}
