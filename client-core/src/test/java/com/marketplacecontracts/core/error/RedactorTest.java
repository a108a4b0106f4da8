package com.marketplacecontracts.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private final Redactor redactor = Redactor.of(() -> List.of("s3cr/et\"key", "ti"));

  @Test
  void masksEverySecretAndItsJsonEscapedForm() {
    assertThat(redactor.text("echo s3cr/et\"key and {\"k\":\"s3cr\\/et\\\"key\"}"))
        .isEqualTo("echo *** and {\"k\":\"***\"}");
  }

  @Test
  void masksASecretCutOffAtTheEndOfAPrefix() {
    assertThat(redactor.rawBody("body ends in s3cr/e")).isEqualTo("body ends in ***");
  }

  @Test
  void leavesTooShortSecretsAloneAndCutsLongText() {
    assertThat(redactor.text("ti ti")).isEqualTo("ti ti");
    assertThat(redactor.text("x".repeat(10_000))).hasSizeLessThan(Redactor.MAX_TEXT + 40)
        .endsWith("(10000 chars, truncated)");
  }

  @Test
  void cleansEveryPartOfAnErrorEntry() {
    assertThat(redactor.error(new ApiError("s3cr/et\"key", "bad s3cr/et\"key", "f")))
        .isEqualTo(new ApiError("***", "bad ***", "f"));
  }
}
