package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplacecontracts.notifications.Notification;
import com.marketplacecontracts.notifications.NotificationReceiver;
import com.marketplacecontracts.notifications.NotificationServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code marketplace yandex notifications listen|send} in-process: listen answers real HTTP posts from a thread of the
 * test and prints them; send plays the marketplace against receivers started here (one that keeps the contract, one
 * that does not).
 */
class NotificationsCommandTest {

  private static final String ORDER_CREATED = "{\"notificationType\":\"ORDER_CREATED\",\"campaignId\":21000001,"
      + "\"orderId\":51000001,\"createdAt\":\"2026-04-20T10:01:00.000+03:00\",\"items\":[{\"offerId\":\"SKU-1\","
      + "\"count\":2}]}";
  private static final Pattern LISTENING = Pattern.compile("Listening on (http://127\\.0\\.0\\.1:(\\d+)/notification)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<AutoCloseable> closeAfter = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : closeAfter) {
      closeable.close();
    }
  }

  private int run(String... args) {
    CommandLine line = MarketplaceCli.commandLine(Map.of("COLUMNS", "400"));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line.execute(args);
  }

  /** Runs {@code args} in a thread; returns it once the command prints where it listens. */
  private Listening listen(String... args) throws InterruptedException {
    AtomicInteger code = new AtomicInteger(-1);
    Thread thread = new Thread(() -> code.set(run(args)), "listen-under-test");
    thread.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(err.toString());
      if (m.find()) {
        return new Listening(thread, code, URI.create(m.group(1)), Integer.parseInt(m.group(2)));
      }
      if (!thread.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("listen did not start: " + err);
  }

  private record Listening(Thread thread, AtomicInteger code, URI url, int port) {
    int exitCode() throws InterruptedException {
      thread.join(Duration.ofSeconds(10).toMillis());
      assertThat(thread.isAlive()).as("listen stopped").isFalse();
      return code.get();
    }
  }

  private HttpResponse<String> post(URI url, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  // --- listen -------------------------------------------------------------------------------------------------------

  @Test
  void listenAnswersPingAnEventAndAMalformedBodyAndPrintsEachThenStopsAfterCount() throws Exception {
    Listening listening = listen("yandex", "notifications", "listen", "--port", "0", "--count", "3");

    HttpResponse<String> ping = post(listening.url(), "{\"notificationType\":\"PING\",\"time\":\"2026-04-20T10:00:00Z\"}");
    HttpResponse<String> event = post(listening.url(), ORDER_CREATED);
    HttpResponse<String> malformed = post(listening.url(), "{\"notificationType\":\"ORDER_CREATED\",\"orderId\":1}");

    assertThat(ping.statusCode()).isEqualTo(200);
    JsonNode pong = JSON.readTree(ping.body());
    assertThat(pong.path("name").asText()).isEqualTo("marketplace-cli");
    assertThat(pong.path("version").asText()).isNotEmpty();
    assertThat(pong.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(event.statusCode()).isEqualTo(200);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).path("error").path("type").asText()).isEqualTo("WRONG_EVENT_FORMAT");

    assertThat(listening.exitCode()).isZero();
    String printed = out.toString();
    assertThat(printed).contains("TIME", "OUTCOME", "EVENT TIME");
    assertThat(printed).containsPattern("200  PING +PING");
    assertThat(printed).containsPattern("200  ACCEPTED +ORDER_CREATED +2026-04-20T10:01\\+03:00 +campaignId=21000001"
        + " orderId=51000001 createdAt=2026-04-20T10:01:00.000\\+03:00");
    assertThat(printed).containsPattern("400  MALFORMED +ORDER_CREATED +\\S");
    assertThat(err.toString()).contains("Stopped: 3 requests answered (1 ping, 1 accepted, 1 malformed)");
  }

  @Test
  void listenJsonPrintsOneJsonLineARequestWithTheEventsFieldsAndRecognisesARepeat() throws Exception {
    Listening listening = listen("yandex", "notifications", "listen", "--port", "0", "--count", "2", "--json");

    assertThat(post(listening.url(), ORDER_CREATED).statusCode()).isEqualTo(200);
    assertThat(post(listening.url(), ORDER_CREATED).statusCode()).as("a repeat is answered 200").isEqualTo(200);

    assertThat(listening.exitCode()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode accepted = JSON.readTree(lines.get(0));
    assertThat(accepted.path("outcome").asText()).isEqualTo("ACCEPTED");
    assertThat(accepted.path("status").asInt()).isEqualTo(200);
    assertThat(accepted.path("type").asText()).isEqualTo("ORDER_CREATED");
    assertThat(accepted.path("eventTime").asText()).isEqualTo("2026-04-20T10:01+03:00");
    assertThat(accepted.path("notification").path("orderId").asLong()).isEqualTo(51000001L);
    assertThat(accepted.path("notification").path("items").get(0).path("offerId").asText()).isEqualTo("SKU-1");
    JsonNode repeat = JSON.readTree(lines.get(1));
    assertThat(repeat.path("outcome").asText()).isEqualTo("DUPLICATE");
    assertThat(repeat.path("key").asText()).isEqualTo(accepted.path("key").asText());
  }

  @Test
  void listenStopsCleanlyWhenInterruptedAndFreesThePort() throws Exception {
    Listening listening = listen("yandex", "notifications", "listen", "--port", "0");
    assertThat(post(listening.url(), "{\"notificationType\":\"PING\",\"time\":\"2026-04-20T10:00:00Z\"}")
        .statusCode()).isEqualTo(200);

    listening.thread().interrupt();

    assertThat(listening.exitCode()).isZero();
    assertThat(err.toString()).contains("Stopped: 1 request answered (1 ping)");
    try (ServerSocket again = new ServerSocket(listening.port(), 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(listening.port());
    }
  }

  @Test
  void listenOnATakenPortFailsNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int code = run("yandex", "notifications", "listen", "--port", Integer.toString(taken.getLocalPort()));

      assertThat(code).isEqualTo(ExitCodes.FAILURE);
      assertThat(err.toString()).contains("error: cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void listenRefusesAHostThatIsNoAddressAndAPortOutOfRange() {
    assertThat(run("yandex", "notifications", "listen", "--port", "0", "--host", "example.org")).isEqualTo(2);
    assertThat(err.toString()).contains("--host: must be an IP address");
    assertThat(run("yandex", "notifications", "listen", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("--port: must be 0 to 65535, was 70000");
    assertThat(run("yandex", "notifications", "listen", "--port", "0", "--trusted-proxy", "10.0.0.0/8"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--trusted-proxy needs --marketplace-only");
  }

  // --- send ---------------------------------------------------------------------------------------------------------

  /** The library's receiver, keeping the contract; the events it handed over are collected. */
  private String conformingReceiver(List<Notification> handled) {
    NotificationReceiver receiver = NotificationReceiver.builder().integration("test-shop", "1")
        .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER).handler(handled::add).build();
    NotificationServer server = NotificationServer.builder(receiver).start();
    closeAfter.add(receiver);
    closeAfter.add(server);
    return server.url();
  }

  /** A receiver that answers every request 200 with a body that is not the contract's. */
  private String careless() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    closeAfter.add(() -> server.stop(0));
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/notification";
  }

  @Test
  void sendATypeWithItsRepeatAndMalformedVariantsToAConformingReceiverExitsZero() throws Exception {
    List<Notification> handled = new CopyOnWriteArrayList<>();
    String url = conformingReceiver(handled);

    int code = run("yandex", "notifications", "send", "order_created", "--to", url, "--duplicate", "--malformed");

    assertThat(code).as(err.toString()).isZero();
    String printed = out.toString();
    assertThat(printed).containsPattern("ORDER_CREATED example +200 +\\d+ ms  ok");
    assertThat(printed).containsPattern("ORDER_CREATED repeated +200 +\\d+ ms  ok");
    assertThat(printed).containsPattern("ORDER_CREATED without orderId +400 +\\d+ ms  ok");
    assertThat(printed).containsPattern("ORDER_CREATED createdAt not a date-time +400 +\\d+ ms  ok");
    assertThat(handled).as("the repeat is not handed over again").hasSize(1);
    assertThat(handled.get(0).id("orderId")).contains(51000001L);
    assertThat(err.toString()).contains("answers, all fit the notification contract");
  }

  @Test
  void sendAllToAConformingReceiverCoversEveryTypeAsJsonLines() throws Exception {
    String url = conformingReceiver(new CopyOnWriteArrayList<>());

    int code = run("--json", "yandex", "notifications", "send", "--all", "--to", url);

    assertThat(code).as(err.toString()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().lines().toList()) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).hasSizeGreaterThan(18 * 3);
    assertThat(lines).allSatisfy(line -> assertThat(line.path("conforms").asBoolean()).isTrue());
    assertThat(lines).anySatisfy(line -> assertThat(line.path("sent").asText()).isEqualTo("PING example"));
    assertThat(lines).anySatisfy(line -> assertThat(line.path("sent").asText())
        .isEqualTo("ORDER_LINE_SERVICE_STATUS_UPDATED example"));
  }

  @Test
  void sendToAReceiverThatBreaksTheContractExitsOneNamingEachBreak() throws Exception {
    String url = careless();

    int code = run("yandex", "notifications", "send", "PING", "--to", url, "--malformed");

    assertThat(code).isEqualTo(NotificationsCommand.BREAKS_CONTRACT);
    String printed = out.toString();
    assertThat(printed).containsPattern("PING example +200 +\\d+ ms  BREAKS: answer: .*");
    assertThat(printed).containsPattern("PING time not a date-time +200 +\\d+ ms  BREAKS: status 200, expected 400");
    assertThat(err.toString()).containsPattern("\\d+ of \\d+ answers do not fit the notification contract");
  }

  @Test
  void sendRefusesAnUnknownTypeAndAUrlThatIsNone() {
    assertThat(run("yandex", "notifications", "send", "ORDER_EXPLODED", "--to", "http://127.0.0.1:1/n"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("TYPE: not a type of the contract: ORDER_EXPLODED", "ORDER_CREATED");
    assertThat(run("yandex", "notifications", "send", "PING", "--to", "ftp://x/")).isEqualTo(2);
    assertThat(err.toString()).contains("--to: must be an http(s) URL");
    assertThat(run("yandex", "notifications", "send", "--all", "PING", "--to", "http://127.0.0.1:1/n"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--all sends every type and variant");
  }

  @Test
  void sendToNothingListeningExitsFiveWithoutShowingTheUrlsPassword() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }

    int code = run("yandex", "notifications", "send", "PING", "--to", "http://user:s3cret-pass@127.0.0.1:" + port
        + "/notification");

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("error: no answer from http://");
    assertThat(out.toString() + err.toString()).doesNotContain("s3cret-pass");
  }

  @Test
  void theNotificationCommandsTakeNoMarketplaceCredentialsOrBaseUrl() {
    assertThat(run("yandex", "notifications", "send", "PING", "--to", "http://127.0.0.1:1/n", "--yandex-api-key",
        "k")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown option '--yandex-api-key'");
    assertThat(run("yandex", "notifications", "listen", "--help")).isZero();
    assertThat(out.toString()).contains("--port").doesNotContain("--base-url", "--limits-store", "--yandex-");
  }
}
