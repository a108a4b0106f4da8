package com.marketplacecontracts.core.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsSeconds() {
    assertThat(RetryAfter.from(Headers.of("Retry-After", "12"), clock)).contains(Duration.ofSeconds(12));
  }

  @Test
  void clampsAbsurdValuesToADay() {
    assertThat(RetryAfter.from(Headers.of("Retry-After", "99999999999999999999"), clock)).contains(RetryAfter.MAX);
    assertThat(RetryAfter.from(Headers.of("Retry-After", "31536000"), clock)).contains(RetryAfter.MAX);
    assertThat(RetryAfter.from(Headers.of("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"), clock))
        .contains(RetryAfter.MAX);
  }

  @Test
  void readsAnHttpDate() {
    assertThat(RetryAfter.from(Headers.of("Retry-After", "Mon, 23 Nov 2026 10:00:30 GMT"), clock))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void readsYandexResetTimeWhenTheQuotaIsSpent() {
    Headers headers = Headers.of("X-RateLimit-Resource-Remaining", "0",
        "X-RateLimit-Resource-Until", "Mon, 23 Nov 2026 10:01:00 GMT");

    assertThat(RetryAfter.from(headers, clock)).contains(Duration.ofMinutes(1));
  }

  @Test
  void ignoresYandexResetTimeWhileQuotaRemains() {
    Headers headers = Headers.of("X-RateLimit-Resource-Remaining", "10",
        "X-RateLimit-Resource-Until", "Mon, 23 Nov 2026 10:01:00 GMT");

    assertThat(RetryAfter.from(headers, clock)).isEmpty();
  }

  @Test
  void aDateInThePastMeansNoWaitAndGarbageMeansNone() {
    assertThat(RetryAfter.from(Headers.of("Retry-After", "Mon, 23 Nov 2026 09:00:00 GMT"), clock))
        .contains(Duration.ZERO);
    assertThat(RetryAfter.from(Headers.of("Retry-After", "soon"), clock)).isEmpty();
  }
}
