package com.marketplacecontracts.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.auth.RefreshingTokenCredential.AccessToken;
import com.marketplacecontracts.core.time.FakeTimeSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class RefreshingTokenCredentialTest {

  private final FakeTimeSource time = new FakeTimeSource();
  private final AtomicInteger fetches = new AtomicInteger();

  private RefreshingTokenCredential credential(CountDownLatch fetchGate) {
    return new RefreshingTokenCredential(() -> {
      int n = fetches.incrementAndGet();
      if (fetchGate != null) {
        try {
          fetchGate.await();
        } catch (InterruptedException e) {
          throw new InterruptedIOException();
        }
      }
      return new AccessToken("token-" + n, Duration.ofMinutes(10));
    }, time, Duration.ofMinutes(1));
  }

  @Test
  void eightConcurrentCallersShareOneFetch() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    RefreshingTokenCredential credential = credential(gate);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch ready = new CountDownLatch(8);
      List<Future<String>> values = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        values.add(pool.submit(() -> {
          ready.countDown();
          return credential.headerValue();
        }));
      }
      ready.await();
      Thread.sleep(50); // let all eight reach the credential while the first fetch is held at the gate
      gate.countDown();
      for (Future<String> value : values) {
        assertThat(value.get()).isEqualTo("Bearer token-1");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fetches.get()).isEqualTo(1);
  }

  @Test
  void tokenIsCachedThenRefreshedBeforeItExpires() throws Exception {
    RefreshingTokenCredential credential = credential(null);

    assertThat(credential.headerValue()).isEqualTo("Bearer token-1");
    time.advance(Duration.ofMinutes(8));
    assertThat(credential.headerValue()).isEqualTo("Bearer token-1");
    time.advance(Duration.ofMinutes(1)); // 9 of 10 minutes: inside the 1 minute margin
    assertThat(credential.headerValue()).isEqualTo("Bearer token-2");
    assertThat(fetches.get()).isEqualTo(2);
  }

  @Test
  void aRejectedTokenIsReplacedOnceButARefreshedOneIsKept() throws Exception {
    RefreshingTokenCredential credential = credential(null);
    String first = credential.headerValue();

    assertThat(credential.invalidate(first)).isTrue();
    String second = credential.headerValue();
    assertThat(second).isEqualTo("Bearer token-2");
    // a late 401 for the old token must not throw away the new one
    credential.invalidate(first);
    assertThat(credential.headerValue()).isEqualTo("Bearer token-2");
    assertThat(fetches.get()).isEqualTo(2);
  }

  @Test
  void theRefreshMarginShrinksForShortLifetimes() {
    RefreshingTokenCredential credential = credential(null);
    assertThat(credential.usableFor(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(9));
    assertThat(credential.usableFor(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(15));
    assertThat(credential.usableFor(Duration.ZERO)).isEqualTo(RefreshingTokenCredential.UNKNOWN_LIFETIME_REUSE);
    assertThat(credential.usableFor(Duration.ofSeconds(-5))).isEqualTo(RefreshingTokenCredential.UNKNOWN_LIFETIME_REUSE);
  }

  @Test
  void aFailedFetchIsRememberedThenRetriedAfterTheBackoff() {
    RefreshingTokenCredential credential = new RefreshingTokenCredential(() -> {
      fetches.incrementAndGet();
      throw new IOException("down", new IllegalStateException("typed"));
    }, time, Duration.ofMinutes(1));

    for (int i = 0; i < 5; i++) {
      Assertions.assertThatThrownBy(credential::headerValue)
          .hasCauseInstanceOf(IllegalStateException.class);
    }
    assertThat(fetches.get()).isEqualTo(1);
    time.advance(RefreshingTokenCredential.FIRST_BACKOFF);
    Assertions.assertThatThrownBy(credential::headerValue);
    assertThat(fetches.get()).isEqualTo(2);
  }

  @Test
  void aWaiterGivesUpAtItsOwnDeadline() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    RefreshingTokenCredential credential = credential(never);
    try {
      Assertions.assertThatThrownBy(() -> credential.headerValue(Duration.ofMillis(50)))
          .isInstanceOf(InterruptedIOException.class).hasMessageContaining("waiting for an access token");
    } finally {
      never.countDown();
    }
  }

  @Test
  void toStringHidesTheToken() throws Exception {
    RefreshingTokenCredential credential = credential(null);
    credential.headerValue();

    assertThat(credential.toString()).doesNotContain("token-1");
    assertThat(new AccessToken("abc.def", Duration.ofMinutes(1)).toString()).doesNotContain("abc.def");
  }
}
