package com.marketplacecontracts.core.internal.error;

import com.marketplacecontracts.core.error.ApiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ProtocolException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
  void masksAnyRunOfAKeyLongEnoughToMatterButNotAShortHint() {
    Redactor key = Redactor.of(() -> List.of("ACMA:SecretKey1234567890abcdef:deadbeef"));

    assertThat(key.text("key part SecretKey1234567890abcdef is not valid")).isEqualTo("key part *** is not valid");
    assertThat(key.text("ends in 1234567890abcdef:dead, starts ACMA:SecretKe")).isEqualTo("ends in ***, starts ***");
    assertThat(key.text("key ending in cdef:deadbeef")).isEqualTo("key ending in ***"); // 13 characters
    assertThat(key.text("key ending in ef:deadbeef")).isEqualTo("key ending in ef:deadbeef"); // 11: a hint
    assertThat(key.text("hint: ...:deadbeef, order 12345678901")).isEqualTo("hint: ...:deadbeef, order 12345678901");
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

  private final Redactor keys = Redactor.of(() -> List.of("ACMA:long-enough-key"));

  @Test
  void masksASecretPercentEncodedInEitherCase() {
    String key = "ACMA:long-enough-key";
    String query = URLEncoder.encode(key, StandardCharsets.UTF_8);
    StringBuilder every = new StringBuilder();
    key.chars().forEach(c -> every.append(String.format("%%%02X", c)));

    assertThat(keys.text("q=" + query + "&x=" + query.replace("%3A", "%3a") + "&y=" + every + "&z="
        + every.toString().toLowerCase(java.util.Locale.ROOT))).isEqualTo("q=***&x=***&y=***&z=***");
  }

  @Test
  void masksASecretInBase64WhereverItStartsInTheEncodedText() {
    for (String before : new String[] {"", "k=", "key="}) {
      for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
        String encoded = encoder.encodeToString((before + "ACMA:long-enough-key!?").getBytes(StandardCharsets.UTF_8));
        // The key's 20 bytes are 26 or 27 characters of base64, of which at most two at each end also carry the
        // bits of what surrounds it: the rest is masked.
        assertThat(keys.text("token " + encoded)).as(before).contains("***")
            .hasSizeLessThan(("token " + encoded).length() - 18);
      }
    }
  }

  @Test
  void aCauseIsCopiedWithItsClassStackAndChainButNotTheSecret() {
    ProtocolException original = new ProtocolException("Unexpected status line: HTTP/1.1 2x0 s3cr/et\"key");
    original.initCause(new IllegalStateException("inner s3cr/et\"key"));
    original.addSuppressed(new RuntimeException("suppressed s3cr/et\"key"));

    Throwable copy = redactor.cause(original);

    assertThat(copy).isInstanceOf(ProtocolException.class).isNotSameAs(original)
        .hasMessage("Unexpected status line: HTTP/1.1 2x0 ***")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(copy.getCause()).hasMessage("inner ***");
    assertThat(copy.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasMessage("suppressed ***"));
    assertThat(copy.getStackTrace()).isEqualTo(original.getStackTrace());
  }

  @Test
  void aCauseWithoutAMessageConstructorIsAStandInNamedAfterIt() {
    Throwable copy = redactor.cause(new Unbuildable("s3cr/et\"key leaked"));

    assertThat(copy).isNotInstanceOf(Unbuildable.class)
        .hasToString(Unbuildable.class.getName() + ": *** leaked");
  }

  /** An exception that cannot be rebuilt from a message: the stand-in takes its place. */
  public static final class Unbuildable extends RuntimeException {
    public Unbuildable(String message, int code) {
      super(message);
    }

    Unbuildable(String message) {
      this(message, 0);
    }
  }
}
