package com.marketplacecontracts.mock.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.notifications.Notification;
import com.marketplacecontracts.notifications.NotificationReceiver;
import com.marketplacecontracts.notifications.NotificationServer;
import com.marketplacecontracts.notifications.yandex.model.NotificationType;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The contract tests of the receiver: the sender plays the marketplace, the contract judges every answer. */
class NotificationSenderTest {

  @Test
  void everyTypesExampleGeneratedRepeatedAndMalformedBodyIsAnsweredAsTheContractSays() {
    List<Notification> handled = new CopyOnWriteArrayList<>();
    try (NotificationReceiver receiver = NotificationReceiver.builder()
        .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER).handler(handled::add).build();
        NotificationServer server = NotificationServer.builder(receiver).start()) {
      NotificationSender sender = NotificationSender.to(URI.create(server.url())).build();
      NotificationSender.Report report = sender.sendAll();
      report.assertConforms();
      assertThat(sender.types()).hasSize(18).contains("ORDER_LINE_SERVICE_STATUS_UPDATED");
      // Every type but PING handed over twice (example and generated), the repeat never.
      Map<String, Integer> perType = new ConcurrentHashMap<>();
      handled.forEach(n -> perType.merge(n.type(), 1, Integer::sum));
      assertThat(perType).hasSize(17).doesNotContainKey("PING").allSatisfy((type, count) ->
          assertThat(count).as(type).isEqualTo(2));
      assertThat(handled).allSatisfy(n -> {
        assertThat(n.knownType()).isNotEqualTo(NotificationType.UNRECOGNIZED);
        assertThat(n.payload()).isPresent();
        assertThat(n.eventTime()).isNotNull();
      });
      long malformed = report.exchanges().stream().filter(e -> e.status() == 400).count();
      assertThat(malformed).isGreaterThan(50);
    }
  }

  @Test
  void aReceiverThatAcceptsEverythingAndAnswersOffContractFails() throws Exception {
    HttpServer lax = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    lax.createContext("/notification", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    lax.start();
    try {
      NotificationSender sender = NotificationSender.to(URI.create("http://127.0.0.1:" + lax.getAddress().getPort()
          + "/notification")).build();
      NotificationSender.Report report = sender.sendAll();
      assertThat(report.failures()).isNotEmpty();
      assertThat(report.failures()).anySatisfy(f -> assertThat(f.problems().toString())
          .contains("status 200, expected 400"));
      assertThat(report.failures()).anySatisfy(f -> assertThat(f.problems().toString())
          .contains("MISSING_REQUIRED"));
      assertThatThrownBy(report::assertConforms).isInstanceOf(AssertionError.class)
          .hasMessageContaining("do not fit the notification contract");
    } finally {
      lax.stop(0);
    }
  }

  @Test
  void anEndlessAnswerIsReadNoFurtherThanTheBoundAndBreaksTheContract() throws Exception {
    HttpServer endless = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    endless.createContext("/notification", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
      try {
        for (int i = 0; i < 16 * 1024; i++) { // 1 GiB unless the reader stops
          exchange.getResponseBody().write(spaces);
        }
      } catch (java.io.IOException gone) {
        // The sender stopped reading and closed the connection.
      }
      exchange.close();
    });
    endless.start();
    try {
      NotificationSender sender = NotificationSender.to(URI.create("http://127.0.0.1:" + endless.getAddress().getPort()
          + "/notification")).build();
      NotificationSender.Exchange exchange = sender.send("PING");
      assertThat(exchange.problems()).contains("answer larger than " + NotificationSender.MAX_ANSWER_BYTES + " bytes");
      assertThat(exchange.body()).hasSize(NotificationSender.MAX_ANSWER_BYTES);
    } finally {
      endless.stop(0);
    }
  }
}
