package com.marketplacecontracts.core.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.ratelimit.LimiterStore;
import com.marketplacecontracts.core.ratelimit.LimiterStore.Admission;
import com.marketplacecontracts.core.ratelimit.LimiterStore.PermitRequest;
import com.marketplacecontracts.core.ratelimit.QuotaBucket;
import com.marketplacecontracts.core.time.FakeTimeSource;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The local store admits a call as a shared one does ({@link LimiterStore#admit}): all or nothing across the bucket
 * and the permits, without waiting, the value read with it; its buckets run on the caller's clock.
 */
class LocalAdmissionTest {

  private final FakeTimeSource time = new FakeTimeSource();
  private final TimeMeter meter = RateLimitInterceptor.wallClockMeter(time.clock(), time);
  private final LocalLimiterStore store = new LocalLimiterStore(meter);

  @Test
  void aBusyPermitTakesNoTokensAndSpentTokensTakeNoPermit() throws Exception {
    long period = Duration.ofMinutes(1).toMillis();
    Instant reset = Instant.ofEpochMilli((meter.currentTimeNanos() / 1_000_000 / period + 1) * period);
    QuotaBucket bucket = store.bucket("quota:a", QuotaBucket.Shape.aligned(5, Duration.ofMinutes(1), reset),
        meter::currentTimeNanos);
    List<PermitRequest> permits = List.of(new PermitRequest("permits:a:op", 3), new PermitRequest("permits:a", 1));
    LimiterStore.Permit held = store.acquire("permits:a", 1, Duration.ZERO);

    assertThat(store.admit(bucket, 1, permits, null).admitted()).as("refused: a permit is busy").isFalse();
    assertThat(bucket.available()).as("no token taken").isEqualTo(5);
    for (int i = 0; i < 3; i++) {
      assertThat(store.acquire("permits:a:op", 3, Duration.ZERO)).as("the first set's permit given back").isNotNull();
    }

    held.release();
    LimiterStore localOther = new LocalLimiterStore(meter);
    assertThat(bucket.tryConsume(5).consumed()).isTrue();
    Admission spent = localOther.admit(bucket, 1, List.of(new PermitRequest("permits:b", 1)), null);
    assertThat(spent.admitted()).as("refused: the quota is spent").isFalse();
    assertThat(spent.permits()).isEmpty();
    assertThat(localOther.acquire("permits:b", 1, Duration.ZERO)).as("no permit kept").isNotNull();
    assertThat(bucket.tryConsume(1).nanosToWait()).as("the wait, as the call taking its turn finds it")
        .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1).toNanos());

    time.advance(Duration.ofMinutes(1)); // past the reset, on the caller's clock
    store.put("unseen:a", "7", Duration.ofMinutes(1));
    Admission admitted = store.admit(bucket, 2, List.of(new PermitRequest("permits:a", 1)), "unseen:a");
    assertThat(admitted.admitted()).isTrue();
    assertThat(admitted.remaining()).isEqualTo(3);
    assertThat(admitted.value()).isEqualTo("7");
    assertThat(store.acquire("permits:a", 1, Duration.ZERO)).as("the permit is the admission's").isNull();
    admitted.permits().forEach(LimiterStore.Permit::release);
    assertThat(store.acquire("permits:a", 1, Duration.ZERO)).isNotNull();
  }
}
