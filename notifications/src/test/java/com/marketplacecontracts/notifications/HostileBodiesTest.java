package com.marketplacecontracts.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.notifications.ReceiverListener.Kind;
import com.marketplacecontracts.notifications.ReceiverListener.Outcome;
import com.marketplacecontracts.notifications.yandex.model.NotificationType;
import com.marketplacecontracts.notifications.yandex.model.OrderCreatedNotificationDTO;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The receiver's core against bodies no marketplace sends: each is refused by a rule, at once, in bounded memory. */
class HostileBodiesTest {

  static final String ORDER_CREATED = "{\"notificationType\":\"ORDER_CREATED\",\"campaignId\":2,\"orderId\":5,"
      + "\"createdAt\":\"2026-04-20T10:05:00+03:00\",\"items\":[{\"offerId\":\"a\",\"count\":1}]}";

  /** What {@code work} returns, run on a thread of its own that must end within {@code limit}. */
  record Measured<T>(T value, long allocatedBytes) {
  }

  static <T> Measured<T> measure(Supplier<T> work, Duration limit) throws InterruptedException {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    AtomicReference<Measured<T>> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      long before = threads.getCurrentThreadAllocatedBytes();
      try {
        T value = work.get();
        result.set(new Measured<>(value, threads.getCurrentThreadAllocatedBytes() - before));
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "measured");
    thread.setDaemon(true);
    thread.start();
    thread.join(limit.toMillis());
    assertThat(thread.isAlive()).as("finished within " + limit).isFalse();
    assertThat(failure.get()).as("nothing thrown").isNull();
    return result.get();
  }

  static Answer post(NotificationReceiver receiver, String body) {
    return NotificationReceiverTest.post(receiver, body);
  }

  @Test
  void malformedJsonIsSaidWhereWithoutTheDecodersAdvice() {
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> { }).build()) {
      for (String body : List.of("{\"notificationType\":\"X_NEW\"} trailing", "{\"notificationType\":x}")) {
        Answer answer = post(receiver, body);
        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.body()).as(body).contains("WRONG_EVENT_FORMAT", "malformed JSON at path $")
            .doesNotContain("setLenient", "JsonReader");
      }
    }
  }

  @Test
  void numbersWithHugeExponentsAreRefusedAtOnceInBoundedMemory() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> { }).build()) {
      for (String number : List.of("1e200000000", "1e9999999999", "1e-200000000", "-1.5E+99999", "1e2147483648")) {
        String body = "{\"notificationType\":\"X_NEW\",\"a\":" + number + "}";
        Measured<Answer> answer = measure(() -> post(receiver, body), Duration.ofSeconds(2));
        assertThat(answer.value().status()).as(number).isEqualTo(400);
        assertThat(answer.value().body()).as(number).contains("WRONG_EVENT_FORMAT").contains("exponent")
            .contains("$.a");
        assertThat(answer.allocatedBytes()).as(number).isLessThan(4 << 20);
      }
      // A known type reads its numbers through the typed model too: refused by the same rule first.
      Answer known = post(receiver, ORDER_CREATED.replace("\"orderId\":5", "\"orderId\":1e200000000"));
      assertThat(known.status()).isEqualTo(400);
      assertThat(known.body()).contains("exponent");
    }
  }

  @Test
  void ordinaryNumbersStillReadAndKeepTheirKeys() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> { }).build()) {
      assertThat(post(receiver, "{\"notificationType\":\"X_NEW\",\"a\":1e300,\"b\":-2.5e-300}").status())
          .isEqualTo(200);
    }
    // The key text of a number is its plain form, as before: keys already stored (Redis) stay valid.
    Map<String, Object> fields = JsonBody.object(
        "{\"notificationType\":\"X_NEW\",\"a\":1.50,\"b\":1e2,\"c\":-0.0010,\"d\":0.000}"
            .getBytes(StandardCharsets.UTF_8), 16);
    assertThat(EventKeys.key("X_NEW", fields)).isEqualTo("X_NEW:97c7b921d00490e16ab22d921566d006");
    // A large exponent is keyed by digits and exponent, never written out; equal numbers still share a key.
    Measured<String> big = measure(() -> EventKeys.key("X_NEW", Map.of("a", new BigDecimal("1e999"))),
        Duration.ofSeconds(1));
    assertThat(big.allocatedBytes()).isLessThan(64 << 10);
    assertThat(big.value()).isEqualTo(EventKeys.key("X_NEW", Map.of("a", new BigDecimal("10.0e998"))))
        .isNotEqualTo(EventKeys.key("X_NEW", Map.of("a", new BigDecimal("1e998"))));
    assertThat(EventKeys.key("X_NEW", Map.of("a", new BigDecimal("1e200000000"))))
        .isNotEqualTo(EventKeys.key("X_NEW", Map.of("a", new BigDecimal("1e200000001"))));
  }

  @Test
  void typeNamesMatchExactlyAndUnknownOnesStayRawWithoutGrowingTheCache() throws Exception {
    List<Notification> seen = new CopyOnWriteArrayList<>();
    try (NotificationReceiver receiver = NotificationReceiver.builder()
        .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER).handler(seen::add).build()) {
      int known = receiver.cachedAdapters();
      assertThat(known).isEqualTo(NotificationType.values().length - 1);
      assertThat(post(receiver, ORDER_CREATED).status()).isEqualTo(200);
      for (String near : List.of("ORDER__CREATED_", "_ORDER_CREATED", "ORDER_CREATED_", "ORDERCREATED")) {
        assertThat(post(receiver, ORDER_CREATED.replace("ORDER_CREATED", near)).status()).as(near).isEqualTo(200);
      }
      for (int i = 0; i < 2000; i++) {
        post(receiver, "{\"notificationType\":\"ORDER_" + "_".repeat(i % 50) + "CREATED" + i + "\",\"orderId\":" + i
            + "}");
      }
      assertThat(receiver.cachedAdapters()).isEqualTo(known);
    }
    assertThat(seen.get(0).knownType()).isEqualTo(NotificationType.ORDER_CREATED);
    assertThat(seen.get(0).payload(OrderCreatedNotificationDTO.class)).isPresent();
    assertThat(seen.subList(1, 5)).allSatisfy(n -> {
      assertThat(n.knownType()).isEqualTo(NotificationType.UNRECOGNIZED);
      assertThat(n.payload()).isEmpty();
      assertThat(n.fields()).containsEntry("notificationType", n.type());
    });
    assertThat(seen.get(1).type()).isEqualTo("ORDER__CREATED_");
    assertThat(seen.get(1).key()).isNotEqualTo(seen.get(0).key());
  }

  @Test
  void longNamesRepeatedNamesAndLongPathsAreRefusedWithShortMessages() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.builder().maxBodyBytes(1 << 20).maxDepth(64)
        .handler(n -> { }).build()) {
      Answer longName = post(receiver, "{\"notificationType\":\"X_NEW\",\"" + "n".repeat(5000) + "\":1}");
      assertThat(longName.status()).isEqualTo(400);
      assertThat(longName.body()).contains("a name longer than").hasSizeLessThan(400);

      // the type's field read twice could be read one way here and the other way by the typed model
      Answer twice = post(receiver, "{\"notificationType\":\"PING\",\"notificationType\":\"ORDER_CREATED\"}");
      assertThat(twice.status()).isEqualTo(400);
      assertThat(twice.body()).contains("notificationType").contains("more than once");

      String name = "m".repeat(JsonBody.MAX_NAME_LENGTH);
      String deep = "{\"notificationType\":\"X_NEW\"" + (",\"" + name + "\":{").repeat(1) + ("\"" + name + "\":{")
          .repeat(70) + "}".repeat(71) + "}";
      Answer nested = post(receiver, deep);
      assertThat(nested.status()).isEqualTo(400);
      assertThat(nested.body()).contains("nested deeper than 64").hasSizeLessThan(400);
    }
  }

  @Test
  void aFaultInsideTheReceiverIs500WithAShortMessageAndNoSecret() throws Exception {
    AtomicBoolean broken = new AtomicBoolean();
    Clock clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        if (broken.get()) {
          throw new IllegalStateException("token=secret-123");
        }
        return Instant.now();
      }
    };
    List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    try (NotificationReceiver receiver = NotificationReceiver.builder().clock(clock).handler(n -> { })
        .listener(new ReceiverListener() {
          @Override
          public void answered(Outcome outcome) {
            outcomes.add(outcome);
          }
        }).build()) {
      broken.set(true);
      Answer answer = post(receiver, HostileNotificationsTest.PING);
      assertThat(answer.status()).isEqualTo(500);
      assertThat(answer.body()).contains("UNKNOWN").doesNotContain("secret").hasSizeLessThan(200);
      assertThat(outcomes).singleElement().satisfies(o -> {
        assertThat(o.kind()).isEqualTo(Kind.FAILED);
        assertThat(o.message()).contains("IllegalStateException").doesNotContain("secret");
      });
    }
  }

  @Test
  void aThrowingStoreListenerDoesNotChangeTheAnswer() throws Exception {
    DeduplicationStore failing = new DeduplicationStore() {
      @Override
      public boolean claim(String key, Duration window) {
        throw new IllegalStateException("redis://user:secret@host down");
      }

      @Override
      public void release(String key) {
        throw new IllegalStateException("redis://user:secret@host down");
      }
    };
    List<Notification> seen = new CopyOnWriteArrayList<>();
    try (NotificationReceiver receiver = NotificationReceiver.builder()
        .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER).handler(seen::add)
        .deduplication(failing, Duration.ofDays(1)).listener(new ReceiverListener() {
          @Override
          public void storeFailed(RuntimeException failure) {
            throw new IllegalStateException("listener broke");
          }
        }).build()) {
      Answer answer = post(receiver, NotificationReceiverTest.STATUS);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(seen).hasSize(1);
    }
  }
}
