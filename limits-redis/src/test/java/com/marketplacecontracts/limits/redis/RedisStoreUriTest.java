package com.marketplacecontracts.limits.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.ratelimit.InvalidLimitsStoreException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Limits store URIs the Redis store could not use are refused when the client is built, never half-used later. */
class RedisStoreUriTest {

  private static TestClient.Builder builder() {
    return TestClient.builder("http://127.0.0.1:9/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lease=0", "lease=-1", "lease=-30", "lease=", "lease", "lease=abc", "lease=1.5",
      "lease=1e3", "lease=86401", "lease=99999999999999999999", "lease=%31", "lease=30&lease=0", "lease=+5",
      "lease=%20"})
  void aLeaseThatWouldSwitchOffOrBreakTheParallelCapIsRefusedNamingTheParameter(String query) {
    assertThatThrownBy(() -> builder().limitsStore("redis://:pw-secret@127.0.0.1:6379?" + query))
        .isInstanceOfSatisfying(InvalidLimitsStoreException.class, e -> {
          assertThat(e.part()).isEqualTo("lease");
          assertThat(e.rule()).containsAnyOf("must be whole seconds from 1 to 86400", "more than once");
          assertThat(e.getMessage()).startsWith("limits store URI: lease: ").doesNotContain("pw-secret");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"lease=1", "lease=30", "lease=86400", "lease=30&timeout=2s", "database=2&lease=5"})
  void aLeaseOfOneSecondToADayIsAccepted(String query) {
    builder().limitsStore("redis://127.0.0.1:6379?" + query); // checked, not connected
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "redis://:pw-secret@my_host:6379|host",
      "redis://:pw-secret@-host:6379|host",
      "redis://:pw-secret@host:abc|host",
      "redis://:pw-secret@host:99999|port",
      "redis://:pw-secret@host:0|port",
      "redis://:pw-secret@|host",
      "redis:///2|host",
      "redis://:pw-secret@127.0.0.1:6379/abc|URI"})
  void aHostOrPortLettuceWouldMisreadIsRefusedWithoutShowingThePassword(String uri, String part) {
    assertThatThrownBy(() -> builder().limitsStore(uri))
        .isInstanceOfSatisfying(InvalidLimitsStoreException.class, e -> {
          assertThat(e.part()).isEqualTo(part);
          assertThat(e.getMessage()).doesNotContain("pw-secret");
          assertThat(e.getCause()).isNull();
        });
  }

  @Test
  void theStoreItselfRefusesALeaseBelowASecond() {
    assertThatThrownBy(() -> new RedisLimiterStore("redis://127.0.0.1:9", Duration.ZERO))
        .isInstanceOfSatisfying(InvalidLimitsStoreException.class, e -> assertThat(e.part()).isEqualTo("lease"));
    assertThatThrownBy(() -> new RedisLimiterStore("redis://127.0.0.1:9", Duration.ofMillis(999)))
        .isInstanceOf(InvalidLimitsStoreException.class);
    assertThatThrownBy(() -> new RedisLimiterStore("redis://127.0.0.1:9", Duration.ofSeconds(-5)))
        .isInstanceOf(InvalidLimitsStoreException.class);
  }

  @Test
  void aUriLettuceCannotParseIsRefusedWithoutItsMessage() {
    assertThatThrownBy(() -> new RedisLimiterStore("-redis://:pw-secret@h:1", Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(InvalidLimitsStoreException.class, e -> {
          assertThat(e.getMessage()).doesNotContain("pw-secret");
          assertThat(e.getCause()).isNull();
        });
  }
}
