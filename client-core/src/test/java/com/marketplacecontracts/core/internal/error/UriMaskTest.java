package com.marketplacecontracts.core.internal.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.ratelimit.InvalidLimitsStoreException;
import com.marketplacecontracts.core.ratelimit.LimiterStores;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;

/** URIs as they may be shown: never a password, never a query value, whether or not java.net.URI can parse them. */
class UriMaskTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "redis://:pw-secret@my_host:6379|redis://***@my_host:6379",
      "redis://:pw-secret@host:99999|redis://***@host:99999",
      "redis://:pw-secret@-host:6379|redis://***@-host:6379",
      "redis://:pw-secret@host:abc/2|redis://***@host:abc/2",
      "redis://user:pw-secret@127.0.0.1:6379/2?timeout=3s|redis://***@127.0.0.1:6379/2?timeout=***",
      "redis://:pw@secret@host|redis://***@host",
      "redis://:pw/secret@host:1|redis://***@host:1",
      "redis://:pw#secret@host:1|redis://***@host:1",
      "redis://:pw?secret@host:1|redis://***@host:1",
      "rediss://127.0.0.1:6379|rediss://127.0.0.1:6379",
      "https://example.com/spec.yaml?token=tok-secret&x=1|https://example.com/spec.yaml?token=***&x=***",
      "https://example.com/spec.yaml?tok-secret|https://example.com/spec.yaml?***",
      "https://example.com/spec.yaml#tok-secret|https://example.com/spec.yaml#***",
      "https://example.com/spec.yaml?a=&b|https://example.com/spec.yaml?a=&***",
      "user:pw-secret@host:6379|***@host:6379",
      "store redis://:pw-secret@h:1 unreachable (x)|store redis://***@h:1 unreachable (x)",
      "(redis://:pw-secret@h:1) and redis://:pw-secret2@h2:2,|(redis://***@h:1) and redis://***@h2:2,",
      "why? because|why? because",
      "a/b@c|***@c"})
  void masksUserInformationAndQueryValues(String text, String shown) {
    assertThat(UriMask.mask(text)).isEqualTo(shown);
  }

  @Test
  void nullStaysNull() {
    assertThat(UriMask.mask(null)).isNull();
    assertThat(UriMask.mask(null, "redis://:pw@h")).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"redis://:pw%20secret@h:1|pw secret", "redis://:pw secret@h:1|pw secret",
      "redis://user:pw-secret@h:1|pw-secret", "redis://user:pw-secret@h:1|user:pw-secret"})
  void theGivenUrisPasswordIsMaskedWhereverAMessageQuotesIt(String uri, String quoted) {
    String message = "Unable to connect: " + uri + " (auth '" + quoted + "' refused)";

    assertThat(UriMask.mask(message, uri)).doesNotContain("secret").doesNotContain(" pw ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis://:pw-secret@my_host:6379", "redis://:pw-secret@host:abc",
      "redis://:pw-secret@-host:6379", "redis://u:pw-secret@host:99999"})
  void aStoreUriJavaCannotParseIsShownWithoutItsPassword(String uri) {
    assertThat(LimiterStores.redacted(URI.create(uri))).doesNotContain("pw-secret").contains("***@");
  }

  @Test
  void aStoreUriWithoutAModuleIsATypedFailureNamingTheScheme() {
    assertThatThrownBy(() -> TestClient.builder("http://127.0.0.1/").limitsStore("memcached://:pw-secret@h:1"))
        .isInstanceOfSatisfying(InvalidLimitsStoreException.class, e -> {
          assertThat(e.part()).isEqualTo("scheme");
          assertThat(e.getMessage()).contains("no limits store for 'memcached://'").doesNotContain("pw-secret");
        });
    assertThatThrownBy(() -> TestClient.builder("http://127.0.0.1/").limitsStore("redis://:pw-secret@h:1/ x"))
        .isInstanceOfSatisfying(InvalidLimitsStoreException.class, e -> {
          assertThat(e.part()).isEqualTo("URI");
          assertThat(e.getMessage()).doesNotContain("pw-secret");
        });
  }
}
