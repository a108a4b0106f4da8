package com.marketplacecontracts.limits.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marketplacecontracts.core.http.CheckpointRefusedException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis checkpoint against a real redis-server of its own on a free loopback port. */
class RedisCheckpointStoreTest {

  private static RedisServer redis;

  @BeforeAll
  static void start() {
    assumeTrue(RedisServer.binary() != null, "redis-server is not installed");
    redis = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  private static RedisCheckpointStore store(String job, Duration lease) {
    return new RedisCheckpointStore(redis.uri(), job, lease);
  }

  @Test
  void recordsAppendedAreReturnedToTheNextOpenOfTheSameJob() {
    try (RedisCheckpointStore first = store("again", Duration.ofSeconds(5))) {
      assertThat(first.open("H1")).isEmpty();
      first.append(List.of("r1", "r2"));
      first.append(List.of("r3"));
    }
    try (RedisCheckpointStore second = store("again", Duration.ofSeconds(5))) {
      assertThat(second.open("H1")).containsExactly("r1", "r2", "r3");
      assertThat(second.describe()).startsWith("redis://127.0.0.1:").contains("mc:checkpoint:again:");
    }
  }

  @Test
  void aJobHeldByARunningProcessIsRefusedAndTakenOverOnceItsLeaseLapses() throws InterruptedException {
    RedisCheckpointStore crashed = store("takeover", Duration.ofSeconds(1));
    try (RedisCheckpointStore other = store("takeover", Duration.ofSeconds(1))) {
      crashed.open("H");
      crashed.append(List.of("done-1"));
      Thread.sleep(1500); // renewed while it runs: still held after more than one lease
      assertThatThrownBy(() -> other.open("H")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("held by another running job");

      crashed.abandon(); // the process dies: no more renewals, the lease is not given back
      Thread.sleep(1300);
      assertThat(other.open("H")).containsExactly("done-1");
      other.append(List.of("done-2"));
      // the first holder, back from the dead, may not write into the job it lost
      crashed.held(true);
      assertThatThrownBy(() -> crashed.append(List.of("stale"))).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another process");
    } finally {
      crashed.close();
    }
    try (RedisCheckpointStore after = store("takeover", Duration.ofSeconds(1))) {
      assertThat(after.open("H")).containsExactly("done-1", "done-2");
    }
  }

  @Test
  void aCheckpointOfAnotherInputIsRefusedAndLetGo() {
    try (RedisCheckpointStore first = store("input", Duration.ofSeconds(5))) {
      first.open("{\"items\":10}");
    }
    try (RedisCheckpointStore second = store("input", Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> second.open("{\"items\":11}")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another input");
    }
    try (RedisCheckpointStore third = store("input", Duration.ofSeconds(5))) {
      assertThat(third.open("{\"items\":10}")).isEmpty(); // the refused open gave its lease back
    }
  }

  @Test
  void aLongHeaderOfAnotherInputIsShownCutBeforeAnEmojiNeverInsideIt() {
    String emoji = "\uD83D\uDE00";
    // the preview keeps 200 characters: the emoji's high half is the 200th
    String found = "h".repeat(199) + emoji + "tail";
    try (RedisCheckpointStore first = store("long-header", Duration.ofSeconds(5))) {
      first.open(found);
    }
    try (RedisCheckpointStore second = store("long-header", Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> second.open("{\"items\":11}"))
          .isInstanceOfSatisfying(CheckpointRefusedException.class, e -> assertThat(e.found())
              .isEqualTo("h".repeat(199) + "..."))
          .hasMessageContaining("another input (" + "h".repeat(199) + "...)");
    }
  }

  @Test
  void hostileContentIsTypedOrLeftOut() {
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> raw = client.connect()) {
      raw.sync().set("mc:checkpoint:wrongkind:header", "H");
      raw.sync().set("mc:checkpoint:wrongkind:records", "not a list");
      raw.sync().set("mc:checkpoint:garbage:header", "H");
      raw.sync().rpush("mc:checkpoint:garbage:records", "ok-1", "torn\nline", "x".repeat(5000), "", "ok-2");
    } finally {
      client.shutdown();
    }
    try (RedisCheckpointStore store = store("wrongkind", Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> store.open("H")).isInstanceOf(RedisStoreException.class)
          .hasMessageContaining("WRONGTYPE");
    }
    try (RedisCheckpointStore store = store("garbage", Duration.ofSeconds(5))) {
      assertThat(store.open("H")).containsExactly("ok-1", "ok-2");
      assertThatThrownBy(() -> store.append(List.of("two\nlines"))).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void badSettingsAreRefusedWithoutQuotingThePassword() {
    assertThatThrownBy(() -> new RedisCheckpointStore("redis://:s3cret@127.0.0.1:1", "bad name", Duration
        .ofSeconds(5))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job name");
    assertThatThrownBy(() -> new RedisCheckpointStore(redis.uri(), "job", Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
    assertThatThrownBy(() -> new RedisCheckpointStore("http://:s3cret@host", "job", Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cret");
  }
}
