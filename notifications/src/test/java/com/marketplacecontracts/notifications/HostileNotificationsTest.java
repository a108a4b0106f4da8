package com.marketplacecontracts.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.limits.redis.RedisServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The embedded server against what no marketplace would send: it stays up, bounded, and answers in time. */
class HostileNotificationsTest {

  static final String PING = "{\"notificationType\":\"PING\"}";
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  HttpResponse<String> post(NotificationServer server, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url())).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  Duration pingTime(NotificationServer server) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> answer = post(server, PING.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"version\"").contains("\"name\"").contains("\"time\"");
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  void aHugeBodyIs400WithoutBeingRead() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> { }).build();
        NotificationServer server = NotificationServer.builder(receiver).readTimeout(Duration.ofMillis(500))
            .start()) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(("POST /notification HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
            + "\r\nContent-Length: 8000000000\r\n\r\n{\"notificationType\":").getBytes(StandardCharsets.US_ASCII));
        String answer = new String(socket.getInputStream().readNBytes(400), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 400").contains("WRONG_EVENT_FORMAT").contains("larger than");
      }
      byte[] chunkedHuge = new byte[4 << 20];
      java.util.Arrays.fill(chunkedHuge, (byte) ' ');
      try {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.url()))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(chunkedHuge))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(400);
      } catch (IOException e) {
        // The server stopped reading at its bound and closed: the sender may see the reset before the answer.
      }
      assertThat(pingTime(server)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void aSlowBodyIsCutOffAtTheReadTimeoutAndPingStillAnswers() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> { }).build();
        NotificationServer server = NotificationServer.builder(receiver).readTimeout(Duration.ofMillis(500))
            .start()) {
      List<Socket> slow = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /notification HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000\r\n\r\n{\"notif").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(socket);
      }
      assertThat(pingTime(server)).isLessThan(Duration.ofSeconds(1));
      long start = System.nanoTime();
      for (Socket socket : slow) {
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        assertThat(in.read()).as("the server closes a slow body's connection").isEqualTo(-1);
        socket.close();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(pingTime(server)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void invalidUtf8AndDeepNestingAre400() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> { }).build();
        NotificationServer server = NotificationServer.builder(receiver).start()) {
      byte[] bad = "{\"notificationType\":\"PING\",\"x\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
      HttpResponse<String> utf8 = post(server, bad);
      assertThat(utf8.statusCode()).isEqualTo(400);
      assertThat(utf8.body()).contains("not UTF-8");
      String deep = "{\"notificationType\":\"PING\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
      HttpResponse<String> nested = post(server, deep.getBytes(StandardCharsets.UTF_8));
      assertThat(nested.statusCode()).isEqualTo(400);
      assertThat(nested.body()).contains("nested deeper than 16");
      String longNumber = "{\"notificationType\":\"X\",\"orderId\":" + "9".repeat(10_000) + "}";
      assertThat(post(server, longNumber.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void aNumberThatCannotBeReadIs400NeverADroppedConnection() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> { }).build();
        NotificationServer server = NotificationServer.builder(receiver).start()) {
      for (String number : List.of("1e9999999999", "1e200000000")) {
        long start = System.nanoTime();
        HttpResponse<String> answer = post(server, ("{\"notificationType\":\"X_NEW\",\"a\":" + number + "}")
            .getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(number).isEqualTo(400);
        assertThat(answer.body()).as(number).contains("WRONG_EVENT_FORMAT").doesNotContain("Exception");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      }
    }
  }

  @Test
  void aFaultBeyondTheReceiverIs500WithAShortBodyAndTheServerStaysUp() throws Exception {
    DeduplicationStore broken = new DeduplicationStore() {
      @Override
      public boolean claim(String key, Duration window) {
        throw new AssertionError("token=secret-123");
      }

      @Override
      public void release(String key) {
      }
    };
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> { })
        .deduplication(broken, Duration.ofDays(1)).build();
        NotificationServer server = NotificationServer.builder(receiver).start()) {
      for (int i = 0; i < 40; i++) {
        HttpResponse<String> answer = post(server, NotificationReceiverTest.STATUS.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("UNKNOWN").doesNotContain("secret").doesNotContain("Error")
            .hasSizeLessThan(200);
      }
      assertThat(pingTime(server)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void slowHeadersHoldAThreadOnlyUntilTheRequestTimeLimit() throws Exception {
    // The JDK reads the request line and headers on a request thread; its maxReqTime (set by NotificationServer
    // unless the user set it: 5 s) closes a request that has not arrived whole in time, freeing the thread.
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> { }).build();
        NotificationServer server = NotificationServer.builder(receiver).threads(2, 64).start()) {
      long limit = Long.parseLong(System.getProperty(NotificationServer.MAX_REQ_TIME, "-1"));
      assertThat(limit).as("the request time limit of this JVM's servers").isBetween(1L, 5L);
      List<Socket> slow = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.getOutputStream().write("POST / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        slow.add(socket);
      }
      Thread.sleep(500);
      Duration ping = pingTime(server);
      assertThat(ping).isLessThan(Duration.ofSeconds(limit + 3));
      for (Socket socket : slow) {
        socket.setSoTimeout(2000);
        try {
          assertThat(socket.getInputStream().read()).as("the server closed a slow request").isEqualTo(-1);
        } catch (java.net.SocketException reset) {
          // closed by the server: a reset is as good as an end
        }
        socket.close();
      }
    }
  }

  @Test
  void aFloodOfConnectionsPastThePoolLeaksNoSocket() throws Exception {
    java.io.File fds = new java.io.File("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(fds.isDirectory(), "no /proc/self/fd here");
    CountDownLatch hang = new CountDownLatch(1);
    List<Socket> queued = new ArrayList<>();
    try (NotificationReceiver receiver = NotificationReceiver.builder()
        .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER).handler(n -> hang.await()).build();
        NotificationServer server = NotificationServer.builder(receiver).threads(2, 256).start()) {
      // both request threads wait for the handler, 256 requests whose headers never end fill the queue
      List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String body = NotificationReceiverTest.STATUS.replace("\"orderId\":5", "\"orderId\":" + (i + 1));
        held.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.url())).timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      NotificationReceiverTest.waitFor(() -> receiver.running() == 2);
      for (int i = 0; i < 256; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.getOutputStream().write("POST / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        queued.add(socket);
      }
      Thread.sleep(200);
      int before = fds.list().length;
      byte[] request = ("POST /notification HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + PING.length() + "\r\n\r\n" + PING).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 200; i++) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
          socket.getOutputStream().write(request);
        }
      }
      int after = Integer.MAX_VALUE;
      for (long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500); after > before + 16
          && System.nanoTime() < deadline; Thread.sleep(50)) {
        after = fds.list().length;
      }
      assertThat(after).as("open descriptors after 200 connections the pool had no room for, from " + before)
          .isLessThanOrEqualTo(before + 16);
      hang.countDown();
      assertThat(held).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
    } finally {
      hang.countDown();
      for (Socket socket : queued) {
        socket.close();
      }
    }
  }

  @Test
  void theAlarmsOfAnsweredRequestsDoNotPileUp() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> { }).build();
        NotificationServer server = NotificationServer.builder(receiver).start()) {
      for (int i = 0; i < 200; i++) {
        assertThat(post(server, PING.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
      }
      // two alarms a request (reading, writing), each cancelled once its step ends: none is left waiting 5 s
      assertThat(server.pendingAlarms()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void theJdkLimitsAreSetWhenUnsetAndTheUsersValueWins() {
    java.util.Properties unset = new java.util.Properties();
    NotificationServer.defaults(unset);
    assertThat(unset).containsEntry(NotificationServer.NO_DELAY, "true")
        .containsEntry(NotificationServer.MAX_REQ_TIME, "5").containsEntry(NotificationServer.MAX_RSP_TIME, "10")
        .containsEntry(NotificationServer.MAX_CONNECTIONS, "1000").containsEntry(NotificationServer.TIMER_MILLIS, "100");
    java.util.Properties set = new java.util.Properties();
    set.setProperty(NotificationServer.MAX_REQ_TIME, "30");
    set.setProperty(NotificationServer.NO_DELAY, "false");
    NotificationServer.defaults(set);
    assertThat(set).containsEntry(NotificationServer.MAX_REQ_TIME, "30").containsEntry(NotificationServer.NO_DELAY,
        "false").containsEntry(NotificationServer.MAX_RSP_TIME, "10");
    // this JVM's own: the class set them before its first server started
    assertThat(System.getProperty(NotificationServer.MAX_REQ_TIME)).isNotNull();
  }

  @Test
  void aFloodOfDuplicatesReachesTheHandlerOnceAndKeepsMemoryBounded() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(1000);
    try (NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> handled.incrementAndGet())
        .deduplication(store, Duration.ofDays(1)).build()) {
      byte[] one = NotificationReceiverTest.STATUS.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 20_000; i++) {
        assertThat(receiver.receive(one, NotificationReceiverTest.JSON, null).status()).isEqualTo(200);
      }
      for (int i = 0; i < 5_000; i++) {
        String other = NotificationReceiverTest.STATUS.replace("\"orderId\":5", "\"orderId\":" + (1000 + i));
        receiver.receive(other.getBytes(StandardCharsets.UTF_8), NotificationReceiverTest.JSON, null);
      }
      NotificationReceiverTest.waitFor(() -> handled.get() == 5_001);
      assertThat(store.size()).isEqualTo(1000);
    }
  }

  @Test
  void aHangingHandlerFillsOnlyItsQueueThreadsStayBoundedAndPingAnswersInTime() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    int before = Thread.activeCount();
    try (NotificationReceiver receiver = NotificationReceiver.builder().pool(2, 10)
        .handler(n -> never.await(30, TimeUnit.SECONDS)).build();
        NotificationServer server = NotificationServer.builder(receiver).threads(8, 64).start()) {
      int ok = 0;
      int resend = 0;
      for (int i = 0; i < 100; i++) {
        String body = NotificationReceiverTest.STATUS.replace("\"orderId\":5", "\"orderId\":" + (i + 1));
        long start = System.nanoTime();
        int status = post(server, body.getBytes(StandardCharsets.UTF_8)).statusCode();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        if (status == 200) {
          ok++;
        } else if (status == 500) {
          resend++;
        }
      }
      assertThat(ok).isEqualTo(12);
      assertThat(resend).isEqualTo(88);
      assertThat(pingTime(server)).isLessThan(Duration.ofSeconds(1));
      // bounded by the pools (2 workers, 8 request threads, the server's own), far from one a request (100); the
      // slack is the test's HTTP client threads and those of an earlier test still ending
      assertThat(Thread.activeCount() - before).isLessThanOrEqualTo(2 + 8 + 2 + 4 + 8);
      never.countDown();
    }
  }

  @Test
  void aThrowingHandlerLeavesTheServerUp() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.builder()
        .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER).handler(n -> {
          throw new OutOfMemoryError("pretend");
        }).build();
        NotificationServer server = NotificationServer.builder(receiver).start()) {
      for (int i = 0; i < 20; i++) {
        String body = NotificationReceiverTest.STATUS.replace("\"orderId\":5", "\"orderId\":" + (i + 1));
        assertThat(post(server, body.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(500);
      }
      assertThat(pingTime(server)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void theRedisStoreSharesKeysBetweenReceivers() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(RedisServer.binary() != null, "redis-server is not installed");
    AtomicInteger handled = new AtomicInteger();
    try (RedisServer redis = RedisServer.start();
        NotificationReceiver one = NotificationReceiver.builder().mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER)
            .handler(n -> handled.incrementAndGet())
            .deduplication(RedisDeduplicationStore.connect(redis.uri(), "t:", Duration.ofSeconds(1)),
                Duration.ofMinutes(5)).build();
        NotificationReceiver two = NotificationReceiver.builder().mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER)
            .handler(n -> handled.incrementAndGet())
            .deduplication(RedisDeduplicationStore.connect(redis.uri(), "t:", Duration.ofSeconds(1)),
                Duration.ofMinutes(5)).build()) {
      byte[] body = NotificationReceiverTest.STATUS.getBytes(StandardCharsets.UTF_8);
      assertThat(one.receive(body, NotificationReceiverTest.JSON, null).status()).isEqualTo(200);
      assertThat(two.receive(body, NotificationReceiverTest.JSON, null).status()).isEqualTo(200);
      assertThat(handled).hasValue(1);
    }
  }

  @Test
  void aRedisThatCannotBeReachedIsATypedFailureNamingOnlyHostAndPort() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    String uri = "redis://:s3cret-pass@127.0.0.1:" + port;
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RedisDeduplicationStore.connect(uri, "t:", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("redis at 127.0.0.1:" + port + ": cannot connect (RedisConnectionException)")
        .hasNoCause();
  }

  @Test
  void aRedisThatIsGoneCostsAnAnswerLittleAndTheEventIsHandedOver() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(RedisServer.binary() != null, "redis-server is not installed");
    AtomicInteger handled = new AtomicInteger();
    AtomicInteger storeFailures = new AtomicInteger();
    RedisServer redis = RedisServer.start();
    RedisDeduplicationStore store = RedisDeduplicationStore.connect(redis.uri(), "t:", Duration.ofSeconds(1));
    redis.close();
    try (NotificationReceiver receiver = NotificationReceiver.builder()
        .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER).handler(n -> handled.incrementAndGet())
        .deduplication(store, Duration.ofMinutes(5)).listener(new ReceiverListener() {
          @Override
          public void storeFailed(RuntimeException failure) {
            storeFailures.incrementAndGet();
          }
        }).build()) {
      long start = System.nanoTime();
      assertThat(receiver.receive(NotificationReceiverTest.STATUS.getBytes(StandardCharsets.UTF_8),
          NotificationReceiverTest.JSON, null).status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
      assertThat(handled).hasValue(1);
      assertThat(storeFailures.get()).isPositive();
    }
  }

  @Test
  void aHangingHandlerInHandleThenAnswerNeverHoldsEveryRequestThread() throws Exception {
    CountDownLatch hang = new CountDownLatch(1);
    try (NotificationReceiver receiver = NotificationReceiver.builder()
        .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER).handlerDeadline(Duration.ofSeconds(9))
        .handler(n -> hang.await()).build();
        NotificationServer server = NotificationServer.builder(receiver).start()) {
      // 40 events at once, more than the server's 32 request threads: 16 wait for the handler, the rest get 500.
      List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> events = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String body = NotificationReceiverTest.STATUS.replace("\"orderId\":5", "\"orderId\":" + (i + 1));
        events.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.url())).timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      long busy = 0;
      for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); busy < 24
          && System.nanoTime() < deadline; Thread.sleep(20)) {
        busy = events.stream().filter(e -> e.isDone() && e.join().statusCode() == 500).count();
      }
      assertThat(busy).as("events answered 500 at once while 16 wait").isEqualTo(24);

      assertThat(pingTime(server)).isLessThan(Duration.ofSeconds(1));
      assertThat(events.stream().filter(java.util.concurrent.CompletableFuture::isDone).count()).isEqualTo(24);

      hang.countDown();
      assertThat(events.stream().map(java.util.concurrent.CompletableFuture::join)
          .filter(answer -> answer.statusCode() == 200).count()).as("the 16 that waited are handled").isEqualTo(16);
    }
  }
}
