package com.marketplacecontracts.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.notifications.ReceiverListener.Kind;
import com.marketplacecontracts.notifications.yandex.model.NotificationType;
import com.marketplacecontracts.notifications.yandex.model.OrderStatusType;
import com.marketplacecontracts.notifications.yandex.model.OrderStatusUpdatedNotificationDTO;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NotificationReceiverTest {

  static final Map<String, List<String>> JSON = Map.of("content-type", List.of("application/json"));
  static final String STATUS = "{\"notificationType\":\"ORDER_STATUS_UPDATED\",\"campaignId\":2,\"orderId\":5,"
      + "\"status\":\"PROCESSING\",\"substatus\":\"STARTED\",\"updatedAt\":\"2026-04-20T10:05:00+03:00\"}";

  static Answer post(NotificationReceiver receiver, String body) {
    return receiver.receive(body.getBytes(StandardCharsets.UTF_8), JSON, InetAddress.getLoopbackAddress());
  }

  @Test
  void aRepeatReachesTheHandlerOnceEvenWrittenWithAnotherOffsetAndFieldOrder() throws Exception {
    List<Notification> seen = new CopyOnWriteArrayList<>();
    try (NotificationReceiver receiver = NotificationReceiver.builder()
        .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER).handler(seen::add).build()) {
      assertThat(post(receiver, STATUS).status()).isEqualTo(200);
      String same = "{\"updatedAt\":\"2026-04-20T07:05:00Z\",\"orderId\":5,\"campaignId\":2,\"status\":\"PROCESSING\","
          + "\"substatus\":\"STARTED\",\"notificationType\":\"ORDER_STATUS_UPDATED\"}";
      assertThat(post(receiver, same).status()).isEqualTo(200);
      assertThat(post(receiver, STATUS.replace("STARTED", "READY_TO_SHIP")).status()).isEqualTo(200);
      assertThat(seen).hasSize(2);
      OrderStatusUpdatedNotificationDTO first = seen.get(0).payload(OrderStatusUpdatedNotificationDTO.class).get();
      assertThat(first.getStatus()).isEqualTo(OrderStatusType.PROCESSING);
      assertThat(seen.get(0).eventTime().toInstant()).hasToString("2026-04-20T07:05:00Z");
      assertThat(seen.get(0).key()).isNotEqualTo(seen.get(1).key());
    }
  }

  @Test
  void unknownTypesAndUnknownEnumValuesAreHandedOverRaw() {
    List<Notification> seen = new CopyOnWriteArrayList<>();
    try (NotificationReceiver receiver = NotificationReceiver.builder()
        .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER).handler(seen::add).build()) {
      assertThat(post(receiver, "{\"notificationType\":\"WAREHOUSE_ON_FIRE\",\"warehouseId\":7,"
          + "\"startedAt\":\"2026-05-01T00:00:00Z\",\"extra\":{\"a\":[1,2]}}").status()).isEqualTo(200);
      assertThat(post(receiver, STATUS.replace("PROCESSING", "TELEPORTED")).status()).isEqualTo(200);
      assertThat(seen.get(0).knownType()).isEqualTo(NotificationType.UNRECOGNIZED);
      assertThat(seen.get(0).payload()).isEmpty();
      assertThat(seen.get(0).id("warehouseId")).contains(7L);
      assertThat(seen.get(0).eventTime()).isNotNull();
      OrderStatusUpdatedNotificationDTO status = seen.get(1).payload(OrderStatusUpdatedNotificationDTO.class).get();
      assertThat(status.getStatus()).isEqualTo(OrderStatusType.UNRECOGNIZED);
      assertThat(status.getStatusAsString()).isEqualTo("TELEPORTED");
    }
  }

  @Test
  void malformedBodiesAre400WrongEventFormatNamingTheRule() {
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> { }).build()) {
      Answer missing = post(receiver, STATUS.replace("\"orderId\":5,", ""));
      assertThat(missing.status()).isEqualTo(400);
      assertThat(missing.body()).contains("WRONG_EVENT_FORMAT").contains("orderId");
      Answer zeroCampaign = post(receiver, STATUS.replace("\"campaignId\":2", "\"campaignId\":0"));
      assertThat(zeroCampaign.body()).contains("campaignId");
      Answer text = receiver.receive("{}".getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Type", List.of("text/plain")), null);
      assertThat(text.status()).isEqualTo(400);
      assertThat(text.body()).contains("Content-Type");
      assertThat(receiver.receive(STATUS.getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Type", List.of("application/json; charset=windows-1251")), null).status()).isEqualTo(400);
    }
  }

  @Test
  void aThrowingHandlerIs500InHandleThenAnswerAndTheResendIsHandedOverAgain() {
    int[] calls = {0};
    try (NotificationReceiver receiver = NotificationReceiver.builder()
        .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER).handler(n -> {
          if (calls[0]++ == 0) {
            throw new IllegalStateException("database down");
          }
        }).build()) {
      Answer first = post(receiver, STATUS);
      assertThat(first.status()).isEqualTo(500);
      assertThat(first.body()).contains("UNKNOWN").doesNotContain("database down");
      assertThat(post(receiver, STATUS).status()).isEqualTo(200);
      assertThat(calls[0]).isEqualTo(2);
    }
  }

  @Test
  void aHandlerPastItsDeadlineIs500WithinTheDeadline() {
    CountDownLatch release = new CountDownLatch(1);
    try (NotificationReceiver receiver = NotificationReceiver.builder()
        .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER).handlerDeadline(Duration.ofMillis(200))
        .handler(n -> release.await(5, TimeUnit.SECONDS)).build()) {
      long start = System.nanoTime();
      assertThat(post(receiver, STATUS).status()).isEqualTo(500);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      release.countDown();
    }
  }

  @Test
  void aFullQueueIs500AndTheEventIsHandedOverWhenResent() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Notification> seen = new CopyOnWriteArrayList<>();
    List<Kind> kinds = new CopyOnWriteArrayList<>();
    try (NotificationReceiver receiver = NotificationReceiver.builder().pool(1, 1).handler(n -> {
      gate.await(5, TimeUnit.SECONDS);
      seen.add(n);
    }).listener(new ReceiverListener() {
      @Override
      public void answered(Outcome outcome) {
        kinds.add(outcome.kind());
      }
    }).build()) {
      assertThat(post(receiver, STATUS.replace("\"orderId\":5", "\"orderId\":1")).status()).isEqualTo(200);
      waitFor(() -> receiver.running() == 1);
      assertThat(post(receiver, STATUS.replace("\"orderId\":5", "\"orderId\":2")).status()).isEqualTo(200);
      assertThat(post(receiver, STATUS).status()).isEqualTo(500);
      assertThat(post(receiver, "{\"notificationType\":\"PING\"}").status()).isEqualTo(200);
      gate.countDown();
      waitFor(() -> seen.size() == 2);
      assertThat(post(receiver, STATUS).status()).isEqualTo(200);
      waitFor(() -> seen.size() == 3);
      assertThat(kinds).containsSubsequence(Kind.ACCEPTED, Kind.ACCEPTED, Kind.QUEUE_FULL, Kind.PING,
          Kind.ACCEPTED);
    }
  }

  @Test
  void inAcknowledgeThenHandleAFailureIsReportedAndItsKeyReleased() throws Exception {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    int[] calls = {0};
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> {
      calls[0]++;
      throw new IllegalStateException("boom");
    }).listener(new ReceiverListener() {
      @Override
      public void handlerFailed(Notification notification, Throwable failure) {
        failures.add(failure);
      }
    }).build()) {
      assertThat(post(receiver, STATUS).status()).isEqualTo(200);
      waitFor(() -> failures.size() == 1);
      assertThat(post(receiver, STATUS).status()).isEqualTo(200);
      waitFor(() -> failures.size() == 2);
      assertThat(calls[0]).isEqualTo(2);
    }
  }

  @Test
  void sourceFilterAllowsTheMarketplaceNetworksAndReadsForwardedForOnlyFromTrustedProxies() throws Exception {
    SourceFilter marketplace = SourceFilter.marketplace();
    assertThat(marketplace.allows(InetAddress.getByName("5.45.207.10"), null)).isTrue();
    assertThat(marketplace.allows(InetAddress.getByName("5.45.207.200"), null)).isFalse();
    assertThat(marketplace.allows(InetAddress.getByName("10.0.0.1"), List.of("5.45.207.10"))).isFalse();
    SourceFilter proxied = marketplace.behindProxies(List.of("10.0.0.0/8"));
    assertThat(proxied.allows(InetAddress.getByName("10.0.0.1"), List.of("1.2.3.4, 141.8.142.5"))).isTrue();
    assertThat(proxied.allows(InetAddress.getByName("10.0.0.1"), List.of("141.8.142.5, 1.2.3.4"))).isFalse();
    assertThat(proxied.allows(InetAddress.getByName("192.168.1.1"), List.of("141.8.142.5"))).isFalse();
    assertThat(proxied.allows(InetAddress.getByName("10.0.0.1"), List.of("evil.example"))).isFalse();
    try (NotificationReceiver receiver = NotificationReceiver.builder().sources(marketplace).handler(n -> { })
        .build()) {
      assertThat(post(receiver, STATUS).status()).isEqualTo(403);
    }
  }

  @Test
  void theReceiverReadsTheEventTimeFieldTheSpecNamesForEveryType() throws Exception {
    String spec = java.nio.file.Files.readString(java.nio.file.Path.of("..", "specs", "yandex",
        "notification-api.yaml"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\n    (\\w+NotificationDTO):\\n(?:      .*\\n|"
        + "        .*\\n|          .*\\n|            .*\\n)*?      x-event-time: \"(\\w+)\"").matcher(spec);
    int found = 0;
    while (m.find()) {
      found++;
      String field = m.group(2);
      assertThat(EventKeys.EVENT_TIME_FIELDS).as(m.group(1)).contains(field);
      // No type carries an earlier-listed time field than its own (so the first one present is its own).
      Class<?> model = Class.forName("com.marketplacecontracts.notifications.yandex.model." + m.group(1));
      for (String earlier : EventKeys.EVENT_TIME_FIELDS.subList(0, EventKeys.EVENT_TIME_FIELDS.indexOf(field))) {
        assertThat(java.util.Arrays.stream(model.getDeclaredFields()).map(java.lang.reflect.Field::getName))
            .as(m.group(1)).doesNotContain(earlier);
      }
    }
    assertThat(found).isEqualTo(18);
  }

  @Test
  void everyDiscriminatorEntryOfTheSpecMapsToItsGeneratedModel() throws Exception {
    String spec = java.nio.file.Files.readString(java.nio.file.Path.of("..", "specs", "yandex",
        "notification-api.yaml"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "          (\\w+): \"#/components/schemas/(\\w+)\"").matcher(spec);
    int found = 0;
    while (m.find()) {
      found++;
      Class<?> model = NotificationReceiver.modelOf(NotificationType.fromValue(m.group(1)));
      assertThat(model).as(m.group(1)).isNotNull();
      assertThat(model.getSimpleName()).as(m.group(1)).isEqualTo(m.group(2));
    }
    assertThat(found).isEqualTo(18);
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in 10 s");
      }
      Thread.sleep(5);
    }
  }
}
