package com.marketplacecontracts.limits.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.ratelimit.LimiterStore;
import com.marketplacecontracts.core.ratelimit.QuotaBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every answer of the limits script is checked before it is believed: one it cannot give for the step asked (a
 * negative or endless wait, more tokens than the bucket holds, a status it has no reason for, the wrong shape) is a
 * {@link RedisStoreException} — never a raw exception, a wait taken on trust, or a permit that was not granted. And a
 * Redis that keeps saying it has no such script gets the script once per step, not in a loop.
 */
class HostileScriptRepliesTest {

  private static final QuotaBucket.Shape FIVE_A_MINUTE =
      QuotaBucket.Shape.aligned(5, Duration.ofMinutes(1), Instant.EPOCH);
  private static final long NOW = Instant.parse("2026-01-01T00:00:30Z").toEpochMilli() * 1_000_000L;

  /** A fake answering the handshake and SCRIPT LOAD as Redis does, and {@code reply} to every script run. */
  private static FakeRedis answeringScripts(String reply) throws Exception {
    return new FakeRedis((command, arguments, out) -> out.write(command.startsWith("EVAL") ? reply
        : FakeRedis.canned(command, arguments)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "*4\r\n:1\r\n:-5\r\n:0\r\n$-1\r\n", // done, fewer than no tokens left
      "*4\r\n:1\r\n:6\r\n:0\r\n$-1\r\n", // done, more left than the bucket holds
      "*4\r\n:0\r\n:0\r\n:-1\r\n$-1\r\n", // refused, a negative wait
      "*4\r\n:0\r\n:0\r\n:999999999999\r\n$-1\r\n", // refused, a wait of 11 days for a bucket that fills each minute
      "*4\r\n:0\r\n:5\r\n:1000\r\n$-1\r\n", // refused with enough tokens there
      "*4\r\n:2\r\n:0\r\n:0\r\n$-1\r\n", // permits busy when none were asked for
      "*4\r\n:7\r\n:0\r\n:0\r\n$-1\r\n", // no such status
      "*3\r\n:1\r\n:0\r\n:0\r\n", // too short
      "*5\r\n:1\r\n:0\r\n:0\r\n$-1\r\n:1\r\n", // too long
      "*4\r\n$1\r\n1\r\n:0\r\n:0\r\n$-1\r\n", // a string for the status
      "*4\r\n:1\r\n:0\r\n:0\r\n*0\r\n", // a list for the value
      "$-1\r\n", ":1\r\n", "+OK\r\n", "*0\r\n", "-ERR nope\r\n"})
  void anAnswerTheScriptCannotGiveIsAStoreFailure(String reply) throws Exception {
    try (FakeRedis fake = answeringScripts(reply);
        RedisLimiterStore store = new RedisLimiterStore(fake.uri(), Duration.ofSeconds(30))) {
      QuotaBucket bucket = store.bucket("quota:x", FIVE_A_MINUTE, () -> NOW);

      assertThatThrownBy(() -> bucket.tryConsume(1)).isInstanceOf(RedisStoreException.class);
    }
    try (FakeRedis fake = answeringScripts(reply);
        RedisLimiterStore store = new RedisLimiterStore(fake.uri(), Duration.ofSeconds(30))) {
      QuotaBucket bucket = store.bucket("quota:x", FIVE_A_MINUTE, () -> NOW);

      assertThatThrownBy(() -> store.admit(bucket, 1, List.of(), "unseen:x")).isInstanceOf(RedisStoreException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"*4\r\n:2\r\n:0\r\n:0\r\n$-1\r\n", "*4\r\n:0\r\n:0\r\n:60000000\r\n$-1\r\n"})
  void aRefusalTheScriptCanGiveIsBelieved(String reply) throws Exception {
    try (FakeRedis fake = answeringScripts(reply);
        RedisLimiterStore store = new RedisLimiterStore(fake.uri(), Duration.ofSeconds(30))) {
      QuotaBucket bucket = store.bucket("quota:y", FIVE_A_MINUTE, () -> NOW);

      LimiterStore.Admission admission = store.admit(bucket, 1, List.of(new LimiterStore.PermitRequest("permits:y",
          4)), null);

      assertThat(admission.admitted()).isFalse();
      assertThat(admission.permits()).isEmpty();
    }
  }

  @Test
  void aQuotaRefusalsWaitUpToTheBoundIsBelieved() throws Exception {
    try (FakeRedis fake = answeringScripts("*4\r\n:0\r\n:0\r\n:60000000\r\n$-1\r\n");
        RedisLimiterStore store = new RedisLimiterStore(fake.uri(), Duration.ofSeconds(30))) {
      QuotaBucket bucket = store.bucket("quota:y", FIVE_A_MINUTE, () -> NOW);

      QuotaBucket.Probe refused = bucket.tryConsume(1);

      assertThat(refused.consumed()).isFalse();
      assertThat(Duration.ofNanos(refused.nanosToWait())).isEqualTo(Duration.ofMinutes(1));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aRedisThatNeverHasTheScriptGetsItOncePerStep(boolean thenAnswers) throws Exception {
    AtomicInteger whole = new AtomicInteger();
    try (FakeRedis fake = new FakeRedis((command, arguments, out) -> {
      if (command.equals("EVALSHA")) {
        out.write("-NOSCRIPT No matching script. Please use EVAL.\r\n");
      } else if (command.equals("EVAL")) {
        whole.incrementAndGet();
        out.write(thenAnswers ? "*4\r\n:1\r\n:4\r\n:0\r\n$-1\r\n" : "-NOSCRIPT No matching script.\r\n");
      } else {
        out.write(FakeRedis.canned(command, arguments));
      }
    });
        RedisLimiterStore store = new RedisLimiterStore(fake.uri(), Duration.ofSeconds(30))) {
      QuotaBucket bucket = store.bucket("quota:z", FIVE_A_MINUTE, () -> NOW);

      if (thenAnswers) {
        assertThat(bucket.tryConsume(1).remaining()).isEqualTo(4);
      } else {
        assertThatThrownBy(() -> bucket.tryConsume(1)).isInstanceOf(RedisStoreException.class);
      }
      assertThat(whole.get()).isEqualTo(1);
    }
  }
}
