package com.marketplacecontracts.limits.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.http.CheckpointRecordException;
import com.marketplacecontracts.core.http.CheckpointRefusedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Redis checkpoint against a "Redis" ({@link FakeRedis}) that answers its commands with the wrong kind of reply. */
class RedisCheckpointStoreHostileTest {

  private static final String HEADER = "{\"job\":\"bulk-write\"}";

  /** A server that holds {@link #HEADER} and answers LLEN and LRANGE as given; the lease commands as Redis would. */
  private static FakeRedis.Reply holding(String llen, String lrange) {
    return (command, arguments, out) -> {
      switch (command) {
        case "SET" -> out.write("+OK\r\n");
        case "SETNX" -> out.write(":0\r\n");
        case "GET" -> out.write("$" + HEADER.length() + "\r\n" + HEADER + "\r\n");
        case "LLEN" -> out.write(llen);
        case "LRANGE" -> out.write(lrange);
        default -> out.write(FakeRedis.canned(command, arguments));
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"$-1\r\n", "+OK\r\n", "$2\r\nab\r\n", "*1\r\n:1\r\n", ":-5\r\n"})
  void aLengthThatIsNoCountIsTheStoresTypedFailure(String llen) throws Exception {
    try (FakeRedis fake = new FakeRedis(holding(llen, "*0\r\n"));
        RedisCheckpointStore store = new RedisCheckpointStore(fake.uri(), "job", Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> store.open(HEADER)).isInstanceOf(RedisStoreException.class)
          .hasMessageContaining(fake.uri().substring("redis://".length()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"*-1\r\n", "+OK\r\n", ":7\r\n", "$-1\r\n"})
  void aPageThatIsNoListIsTheStoresTypedFailure(String lrange) throws Exception {
    try (FakeRedis fake = new FakeRedis(holding(":3\r\n", lrange));
        RedisCheckpointStore store = new RedisCheckpointStore(fake.uri(), "job", Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> store.open(HEADER)).isInstanceOf(RedisStoreException.class);
    }
  }

  @Test
  void recordsBeyondTheFileStoresSizeAreRefusedOnResume() throws Exception {
    String record = "r".repeat(4000);
    StringBuilder page = new StringBuilder("*" + RedisCheckpointStore.PAGE + "\r\n");
    for (int i = 0; i < RedisCheckpointStore.PAGE; i++) {
      page.append("$").append(record.length()).append("\r\n").append(record).append("\r\n");
    }
    byte[] reply = page.toString().getBytes(StandardCharsets.ISO_8859_1);
    // 20,000 records of 4,000 characters: 80 MB, within the count the store takes, beyond the 64 MiB it reads
    FakeRedis.Reply hostile = holding(":20000\r\n", "");
    try (FakeRedis fake = new FakeRedis((command, arguments, out) -> {
      if (command.equals("LRANGE")) {
        out.write(reply);
      } else {
        hostile.answer(command, arguments, out);
      }
    }); RedisCheckpointStore store = new RedisCheckpointStore(fake.uri(), "job", Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> store.open(HEADER)).isInstanceOf(CheckpointRefusedException.class)
          .hasMessageContaining("more than " + RedisCheckpointStore.MAX_CHARS + " characters");
      assertThat(fake.written()).isLessThan(RedisCheckpointStore.MAX_CHARS + 2L * reply.length);
    }
  }

  @Test
  void anOverlongRecordIsRefusedTypedAndNothingOfItsAppendIsWritten() throws Exception {
    List<String> pushed = new java.util.concurrent.CopyOnWriteArrayList<>();
    FakeRedis.Reply base = holding(":0\r\n", "*0\r\n");
    try (FakeRedis fake = new FakeRedis((command, arguments, out) -> {
      if (command.equals("EVAL") && arguments.size() > 4) {
        pushed.addAll(arguments.subList(5, arguments.size()));
      }
      base.answer(command, arguments, out);
    }); RedisCheckpointStore store = new RedisCheckpointStore(fake.uri(), "job", Duration.ofSeconds(5))) {
      store.open(HEADER);
      assertThatThrownBy(() -> store.append(List.of("fine", "x".repeat(5000))))
          .isInstanceOf(CheckpointRecordException.class).hasMessageContaining("4096");
      assertThat(pushed).isEmpty();
    }
  }
}
