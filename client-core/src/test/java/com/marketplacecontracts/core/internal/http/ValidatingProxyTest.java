package com.marketplacecontracts.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.RequestValidationException.Violation;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.operation.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

class ValidatingProxyTest {

  /** A body whose secrecy comes from the spec's {@code x-secret}, not from what its fields are called. */
  static final class Login {
    @Secret
    @Size(min = 8)
    String password;

    @Size(min = 8)
    String tokenName;

    Login(String password, String tokenName) {
      this.password = password;
      this.tokenName = tokenName;
    }
  }

  interface LoginApi {
    @ApiOperation(id = "login")
    String login(@Valid Login body, @Secret @Size(min = 8) String key);
  }

  private final LoginApi api = ValidatingProxy.wrap(LoginApi.class, (body, key) -> "sent",
      Validators::shared, Marketplace.TEEZ);

  @Test
  void onlyValuesTheSpecMarksSecretAreHidden() {
    assertThatThrownBy(() -> api.login(new Login("hunter2", "short"), "k3y"))
        .isInstanceOfSatisfying(RequestValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field, Violation::value)
            .containsExactly(tuple("body.password", "***"), tuple("body.tokenName", "\"short\""),
                tuple("key", "***")))
        .hasMessageNotContaining("hunter2").hasMessageNotContaining("k3y");
  }
}
