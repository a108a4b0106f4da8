package com.marketplacecontracts.core.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.operation.Marketplace;
import java.time.Clock;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class ErrorDecoderTest {

  private static Headers unchecked(String name, String value) {
    // The builder's checked add refuses control characters; an answer's headers are read without that check.
    return new Headers.Builder().addUnsafeNonAscii(name, value).build();
  }

  @Test
  void aHugeRequestIdIsCutAtTheSource() {
    String huge = "id-" + "x".repeat(100_000);

    String id = ErrorDecoder.requestId(unchecked("X-Request-Id", huge));

    assertThat(id).hasSize(ErrorDecoder.MAX_REQUEST_ID).isEqualTo(huge.substring(0, ErrorDecoder.MAX_REQUEST_ID));
  }

  @Test
  void controlCharactersAreStrippedFromTheRequestId() {
    String id = ErrorDecoder.requestId(unchecked("X-Request-Id", "req-1\r\nX-Forged: yes\u001b[31m\u0000\u007f\u0085"));

    assertThat(id).isEqualTo("req-1X-Forged: yes[31m");
  }

  @Test
  void aRequestIdOfControlCharactersOnlyIsNoneAndTheNextHeaderIsRead() {
    Headers headers = new Headers.Builder().addUnsafeNonAscii("X-Request-Id", "\r\n\u001b")
        .add("X-Market-Req-Id", "market-7").build();

    assertThat(ErrorDecoder.requestId(headers)).isEqualTo("market-7");
    assertThat(ErrorDecoder.requestId(unchecked("X-Request-Id", "\u001b\u001b"))).isNull();
  }

  @Test
  void aCutNeverSplitsACharacterInTwo() {
    String id = ErrorDecoder.requestId(unchecked("X-Request-Id", "a".repeat(127) + "\uD83D\uDE00tail"));

    assertThat(id).isEqualTo("a".repeat(127));
  }

  @Test
  void theExceptionOfAFailureCarriesTheCleanedRequestId() {
    ErrorDecoder decoder = new ErrorDecoder(Marketplace.YANDEX_MARKET, text -> null, Clock.systemUTC(),
        Redactor.NONE);

    MarketplaceException failure = decoder.decode("read", 500,
        unchecked("X-Request-Id", "req\u001b[2J-" + "y".repeat(100_000)), null, null);

    assertThat(failure.requestId()).hasValueSatisfying(id -> assertThat(id)
        .hasSize(ErrorDecoder.MAX_REQUEST_ID).startsWith("req[2J-y").doesNotContain("\u001b"));
    assertThat(failure.getMessage()).doesNotContain("\u001b").hasSizeLessThan(1_000);
  }
}
