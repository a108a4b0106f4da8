package com.marketplacecontracts.core.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.error.RequestValidationException;
import org.junit.jupiter.api.Test;

class CredentialCheckTest {

  @Test
  void aCredentialNeverGivenIsSaidToBeNotSet() {
    assertThatThrownBy(() -> Credential.checked(Marketplace.YANDEX_MARKET, "apiKey", null))
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("apiKey = (not set): must be set (no value was given: is its environment variable set?)");
  }

  @Test
  void aBlankOrMalformedCredentialIsNamedButNeverShown() {
    assertThatThrownBy(() -> Credential.checked(Marketplace.YANDEX_MARKET, "apiKey", "  "))
        .hasMessageContaining("apiKey = ***: must not be blank");
    assertThatThrownBy(() -> Credential.checked(Marketplace.YANDEX_MARKET, "apiKey", "key-\n-secret"))
        .hasMessageContaining("apiKey = ***: must be printable ASCII").hasMessageNotContaining("secret");
  }
}
