package com.marketplacecontracts.yandex.day;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.day.OrderActions.BoxItem;
import com.marketplacecontracts.yandex.day.OrderActions.Result;
import com.marketplacecontracts.yandex.day.OrderActions.StatusOutcome;
import com.marketplacecontracts.yandex.model.BusinessOrderDTO;
import com.marketplacecontracts.yandex.model.OrderCancellationReasonType;
import com.marketplacecontracts.yandex.model.OrderStateDTO;
import com.marketplacecontracts.yandex.model.OrderStatusType;
import com.marketplacecontracts.yandex.model.OrderSubstatusType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class OrderActionsTest {

  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  @RegisterExtension
  final MockServer server = new MockServer();
  @TempDir
  Path dir;
  private YandexMarketClient client;
  private OrderActions actions;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    // Retries on: the state transitions must still go once, as the spec declares them not idempotent.
    client = YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey("ACMA:key")
        .timeSource(new FakeTimeSource()).retry(RetryConfig.defaults()).build();
    actions = OrderActions.of(client);
  }

  @AfterEach
  void stop() {
    client.close();
  }

  private static List<Long> ids(String body) {
    List<Long> out = new ArrayList<>();
    Matcher m = ID.matcher(body);
    while (m.find()) {
      out.add(Long.parseLong(m.group(1)));
    }
    return out;
  }

  private static List<OrderStateDTO> changes(int n) {
    List<OrderStateDTO> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(OrderActions.change(10_000_000_000L + i, OrderStatusType.PROCESSING,
          OrderSubstatusType.READY_TO_SHIP));
    }
    return out;
  }

  @Test
  void sixtyFiveStatusChangesGoThirtyARequestEachWithItsOwnOutcome() {
    // Request 1: every 7th order refused; request 2: a 400 for the whole request; request 3: one order missing.
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String body = request.getBody().readUtf8();
        bodies.add(body);
        List<Long> ids = ids(body);
        if (ids.contains(10_000_000_031L)) {
          return json(400, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"STATUS_NOT_ALLOWED\","
              + "\"message\":\"bad transition\"}]}");
        }
        StringBuilder out = new StringBuilder("{\"status\":\"OK\",\"result\":{\"orders\":[");
        for (long id : ids) {
          if (id == 10_000_000_065L) {
            continue;
          }
          boolean refused = id % 7 == 0;
          out.append(out.charAt(out.length() - 1) == '[' ? "" : ",").append("{\"id\":").append(id)
              .append(",\"status\":\"PROCESSING\",\"updateStatus\":\"").append(refused ? "ERROR" : "OK")
              .append(refused ? "\",\"errorDetails\":\"not ready\"}" : "\"}");
        }
        return json(200, out.append("]}}").toString());
      }
    });

    List<StatusOutcome> outcomes = actions.updateStatuses(5L, changes(65));

    assertThat(bodies).hasSize(3);
    assertThat(bodies.stream().map(b -> ids(b).size())).containsExactlyInAnyOrder(30, 30, 5);
    assertThat(outcomes).hasSize(65);
    assertThat(outcomes.stream().map(StatusOutcome::orderId)).containsExactlyElementsOf(
        changes(65).stream().map(OrderStateDTO::getId).toList());
    assertThat(outcomes.subList(0, 30)).allSatisfy(o -> assertThat(o.result())
        .isEqualTo(o.orderId() % 7 == 0 ? Result.REJECTED : Result.UPDATED));
    StatusOutcome refused = outcomes.get(2);   // 10_000_000_003 % 7 == 0
    assertThat(refused.result()).isEqualTo(Result.REJECTED);
    assertThat(refused.detail()).isEqualTo("not ready");
    assertThat(outcomes.get(0).result()).isEqualTo(Result.UPDATED);
    assertThat(outcomes.subList(30, 60)).allSatisfy(o -> {
      assertThat(o.result()).isEqualTo(Result.REJECTED);
      assertThat(o.failure()).isInstanceOfSatisfying(com.marketplacecontracts.core.error.MarketplaceException.class,
          f -> assertThat(f.errorCodes()).containsExactly("STATUS_NOT_ALLOWED"));
      // the typed failure without an instanceof
      assertThat(o.marketplaceFailure()).get().isSameAs(o.failure())
          .satisfies(f -> assertThat(f.errorCodes()).containsExactly("STATUS_NOT_ALLOWED"));
    });
    assertThat(outcomes.get(0).marketplaceFailure()).isEmpty();
    assertThat(outcomes.get(64).result()).isEqualTo(Result.UNKNOWN);
    assertThat(outcomes.get(64).detail()).contains("does not list");
    assertThat(outcomes.get(0).substatus()).isEqualTo("READY_TO_SHIP");
  }

  @Test
  void aServerErrorLeavesTheOrdersUnknownAndIsNotResent() {
    server.enqueue(json(500, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL\",\"message\":\"x\"}]}"));
    server.enqueue(json(500, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL\",\"message\":\"x\"}]}"));

    List<StatusOutcome> outcomes = actions.updateStatuses(5L, changes(2));

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(outcomes).extracting(StatusOutcome::result).containsExactly(Result.UNKNOWN, Result.UNKNOWN);
  }

  @Test
  void anOrderTwiceInOneCallIsRefusedBeforeAnythingIsSent() {
    List<OrderStateDTO> twice = new ArrayList<>(changes(2));
    twice.add(changes(1).get(0));

    assertThatThrownBy(() -> actions.updateStatuses(5L, twice))
        .isInstanceOf(RequestValidationException.class).hasMessageContaining("orders[2].id")
        .hasMessageContaining("at most once");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void labelsAreSavedAsPdfFilesByteForByte() throws Exception {
    byte[] pdf = ("%PDF-1.4\n" + "x".repeat(200_000) + "\n%%EOF").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getPath().contains("/orders/12/")) {
          return json(404, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"no order\"}]}");
        }
        return new MockResponse().setHeader("Content-Type", "application/pdf").setBody(new Buffer().write(pdf));
      }
    });

    List<OrderActions.LabelOutcome> outcomes = actions.labels(5L, List.of(11L, 12L, 13L, 11L), dir.resolve("out"), 2);

    assertThat(outcomes).extracting(OrderActions.LabelOutcome::orderId).containsExactly(11L, 12L, 13L);
    assertThat(outcomes.get(0).file()).isEqualTo(dir.resolve("out/order-11.pdf"));
    assertThat(Files.readAllBytes(outcomes.get(0).file())).isEqualTo(pdf);
    assertThat(outcomes.get(0).bytes()).isEqualTo(pdf.length);
    assertThat(outcomes.get(1).saved()).isFalse();
    assertThat(outcomes.get(1).failure()).isInstanceOfSatisfying(
        com.marketplacecontracts.core.error.MarketplaceException.class, f -> assertThat(f.statusCode()).isEqualTo(404));
    assertThat(outcomes.get(1).marketplaceFailure()).get().satisfies(f -> assertThat(f.statusCode()).isEqualTo(404));
    assertThat(outcomes.get(0).marketplaceFailure()).isEmpty();
    assertThat(Files.readAllBytes(dir.resolve("out/order-13.pdf"))).isEqualTo(pdf);
    assertThat(Files.exists(dir.resolve("out/order-12.pdf"))).isFalse();
  }

  @Test
  void aLabelThatCannotBeSavedIsThatOrdersOutcomeAndTheOthersAreKept() throws Exception {
    byte[] pdf = "%PDF-1.4\n%%EOF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse().setHeader("Content-Type", "application/pdf").setBody(new Buffer().write(pdf));
      }
    });
    // order 12's file cannot be written: a folder with a file in it is in its place
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(Files.createDirectories(out.resolve("order-12.pdf")).resolve("keep"), "x");

    List<OrderActions.LabelOutcome> outcomes = actions.labels(5L, List.of(11L, 12L, 13L), out, 1);

    assertThat(outcomes).extracting(OrderActions.LabelOutcome::orderId).containsExactly(11L, 12L, 13L);
    assertThat(outcomes.get(0).saved()).isTrue();
    assertThat(outcomes.get(1).saved()).isFalse();
    assertThat(outcomes.get(1).failure()).isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("order-12.pdf");
    assertThat(outcomes.get(1).marketplaceFailure()).isEmpty();   // not the marketplace's failure
    assertThat(outcomes.get(2).saved()).isTrue();
    assertThat(Files.readAllBytes(out.resolve("order-13.pdf"))).isEqualTo(pdf);
  }

  @Test
  void aStatusRequestEndedByAnotherFailureLeavesItsOrdersUnknownAndKeepsTheOthers() {
    List<OrderStateDTO> changes = changes(3);
    RuntimeException broken = new IllegalStateException("the connection pool was shut down");
    var answered = new com.marketplacecontracts.yandex.model.UpdateOrderStatusesResponse().result(
        new com.marketplacecontracts.yandex.model.UpdateOrderStatusesDTO().orders(List.of(
            new com.marketplacecontracts.yandex.model.UpdateOrderStatusDTO().id(changes.get(0).getId())
                .updateStatus(com.marketplacecontracts.yandex.model.OrderUpdateStatusType.OK),
            new com.marketplacecontracts.yandex.model.UpdateOrderStatusDTO().id(changes.get(2).getId())
                .updateStatus(com.marketplacecontracts.yandex.model.OrderUpdateStatusType.OK))));
    var batch = new com.marketplacecontracts.core.http.Batches.Result<>(List.of(
        new com.marketplacecontracts.core.http.Batches.Chunk<>(0, List.of(changes.get(0)), answered, null),
        new com.marketplacecontracts.core.http.Batches.Chunk<OrderStateDTO,
            com.marketplacecontracts.yandex.model.UpdateOrderStatusesResponse>(1, List.of(changes.get(1)), null,
            broken),
        new com.marketplacecontracts.core.http.Batches.Chunk<>(2, List.of(changes.get(2)), answered, null)));

    List<StatusOutcome> outcomes = OrderActions.outcomes(batch);

    assertThat(outcomes).extracting(StatusOutcome::result).containsExactly(Result.UPDATED, Result.UNKNOWN,
        Result.UPDATED);
    assertThat(outcomes.get(1).failure()).isSameAs(broken);
    assertThat(outcomes.get(1).marketplaceFailure()).isEmpty();
    assertThat(outcomes.get(1).detail()).contains("IllegalStateException").contains("re-read");
  }

  @Test
  void aLabelThatIsNotAPdfIsATypedFailureAndNoFileIsLeft() {
    server.enqueue(new MockResponse().setHeader("Content-Type", "text/html").setBody("<html>login</html>"));

    assertThatThrownBy(() -> actions.labels(5L, 11L, dir))
        .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("not a PDF");
    assertThat(dir.resolve("order-11.pdf")).doesNotExist();
  }

  @Test
  void theBoxLayoutSendsWholeUnitsAndPartsOfOneItem() throws Exception {
    server.enqueue(json(200, "{\"status\":\"OK\",\"result\":{\"boxes\":[{\"boxId\":1}]}}"));

    actions.boxLayout(5L, 77L, List.of(List.of(BoxItem.units(1L, 2), BoxItem.part(2L, 1, 2)),
        List.of(BoxItem.part(2L, 2, 2))));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getMethod()).isEqualTo("PUT");
    assertThat(sent.getPath()).isEqualTo("/v2/campaigns/5/orders/77/boxes");
    assertThat(sent.getBody().readUtf8()).isEqualTo("{\"boxes\":[{\"items\":[{\"id\":1,\"fullCount\":2},"
        + "{\"id\":2,\"partialCount\":{\"current\":1,\"total\":2}}]},{\"items\":[{\"id\":2,\"partialCount\":"
        + "{\"current\":2,\"total\":2}}]}]}");
    assertThatThrownBy(() -> BoxItem.part(2L, 3, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> actions.boxLayout(5L, 77L, List.of(List.of())))
        .isInstanceOf(RequestValidationException.class).hasMessageContaining("boxes");
  }

  @Test
  void theCancellationFlowListsTheWaitingOrdersThenAcceptsOneAndDeclinesAnother() throws Exception {
    server.enqueue(json(200, "{\"orders\":[{\"orderId\":21,\"campaignId\":5,\"status\":\"PROCESSING\","
        + "\"cancelRequested\":true},{\"orderId\":22,\"campaignId\":5,\"status\":\"DELIVERY\","
        + "\"cancelRequested\":true}],\"paging\":{}}"));
    server.enqueue(json(200, "{\"status\":\"OK\"}"));
    server.enqueue(json(200, "{\"status\":\"OK\"}"));

    List<BusinessOrderDTO> waiting = actions.cancellationRequests(9L, LocalDate.of(2026, 7, 1),
        LocalDate.of(2026, 7, 20)).stream().toList();
    actions.acceptCancellation(5L, waiting.get(0).getOrderId());
    actions.declineCancellation(5L, waiting.get(1).getOrderId(), OrderCancellationReasonType.ORDER_IN_DELIVERY);

    RecordedRequest list = server.takeRequest();
    assertThat(list.getPath()).startsWith("/v1/businesses/9/orders");
    assertThat(list.getBody().readUtf8()).contains("\"waitingForCancellationApprove\":true")
        .contains("\"creationDateFrom\":\"2026-07-01\"");
    RecordedRequest accept = server.takeRequest();
    assertThat(accept.getPath()).isEqualTo("/v2/campaigns/5/orders/21/cancellation/accept");
    assertThat(accept.getBody().readUtf8()).isEqualTo("{\"accepted\":true}");
    RecordedRequest decline = server.takeRequest();
    assertThat(decline.getPath()).isEqualTo("/v2/campaigns/5/orders/22/cancellation/accept");
    assertThat(decline.getBody().readUtf8()).isEqualTo("{\"accepted\":false,\"reason\":\"ORDER_IN_DELIVERY\"}");
    assertThatThrownBy(() -> actions.declineCancellation(5L, 22L, null))
        .isInstanceOf(RequestValidationException.class).hasMessageContaining("reason");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
