package com.marketplacecontracts.yandex.day;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.BusinessOrderDTO;
import com.marketplacecontracts.yandex.model.GetBusinessOrdersRequest;
import com.marketplacecontracts.yandex.model.OrderStatusType;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OrderHistoryTest {

  private static final Pattern FROM = Pattern.compile("\"creationDateFrom\":\"([0-9-]+)\"");
  private static final Pattern TO = Pattern.compile("\"creationDateTo\":\"([0-9-]+)\"");

  @RegisterExtension
  final MockServer server = new MockServer();
  private YandexMarketClient client;
  /** Each request seen: "from..to token" and its body. */
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    client = YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey("ACMA:key")
        .timeSource(new FakeTimeSource()).retry(RetryConfig.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
  }

  private static String group(Pattern pattern, String body) {
    Matcher m = pattern.matcher(body);
    return m.find() ? m.group(1) : null;
  }

  /**
   * Two pages a window: the first page's orders are numbered by window (w*100 + 1, + 2), the second (w*100 + 3); the
   * second window's second page repeats order 3 of the first window, as a boundary order listed twice would be.
   */
  private void serveThreeWindows() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String body = request.getBody().readUtf8();
        bodies.add(body);
        String from = group(FROM, body);
        String token = request.getRequestUrl().queryParameter("pageToken");
        seen.add(from + ".." + group(TO, body) + " " + token + " limit=" + request.getRequestUrl()
            .queryParameter("limit"));
        int w = switch (from) {
          case "2026-01-01" -> 1;
          case "2026-01-31" -> 2;
          case "2026-03-02" -> 3;
          default -> 0;
        };
        if (w == 0) {
          return json(400, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"BAD_REQUEST\",\"message\":\"dates\"}]}");
        }
        if (token == null) {
          return json(200, orders(w * 100 + 1, w * 100 + 2) + ",\"paging\":{\"nextPageToken\":\"w" + w + "p2\"}}");
        }
        if (w == 2) {
          return json(200, orders(103, 203) + ",\"paging\":{}}");
        }
        return json(200, orders(w * 100 + 3) + ",\"paging\":{}}");
      }
    });
  }

  private static String orders(long... ids) {
    StringBuilder out = new StringBuilder("{\"orders\":[");
    for (int i = 0; i < ids.length; i++) {
      out.append(i == 0 ? "" : ",").append("{\"orderId\":").append(ids[i])
          .append(",\"status\":\"DELIVERED\",\"creationDate\":\"2026-01-05T10:00:00+03:00\"}");
    }
    return out.append("]").toString();
  }

  @Test
  void aSeventyFiveDayPeriodIsThreeWindowsWithExclusiveEnds() {
    assertThat(OrderHistory.windows(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 17))).containsExactly(
        new OrderHistory.Window(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)),
        new OrderHistory.Window(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 2)),
        new OrderHistory.Window(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 17)));
    assertThat(OrderHistory.windows(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1))).isEmpty();
    assertThat(OrderHistory.windows(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31))).hasSize(1);
  }

  @Test
  void aReversedPeriodIsRefusedNamingTheEndDateAndTheRuleBeforeAnythingIsSent() {
    LocalDate from = LocalDate.of(2026, 2, 1);
    LocalDate to = LocalDate.of(2026, 1, 1);
    for (var refused : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
        () -> OrderHistory.windows(from, to), () -> OrderHistory.of(client, 7, from, to))) {
      assertThatThrownBy(refused)
          .isInstanceOfSatisfying(com.marketplacecontracts.core.error.RequestValidationException.class, e -> {
            assertThat(e.requestSent()).isFalse();
            assertThat(e.violations()).singleElement().satisfies(v -> {
              assertThat(v.field()).isEqualTo("to");
              assertThat(v.value()).isEqualTo("2026-01-01");
              assertThat(v.rule()).contains("must not be before from (2026-02-01)").contains("ends before it starts");
            });
          });
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anEmptyPeriodIsRefusedNamingTheEndDateAndTheRuleBeforeAnythingIsSent() {
    LocalDate day = LocalDate.of(2026, 6, 1);

    assertThatThrownBy(() -> OrderHistory.of(client, 7, day, day))
        .isInstanceOfSatisfying(com.marketplacecontracts.core.error.RequestValidationException.class, e -> {
          assertThat(e.requestSent()).isFalse();
          assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("to");
            assertThat(v.value()).isEqualTo("2026-06-01");
            assertThat(v.rule()).contains("must be after from (2026-06-01)").contains("exclusive")
                .contains("pass to = 2026-06-02");
          });
        });
    assertThatThrownBy(() -> OrderActions.of(client).cancellationRequests(7, day, day))
        .isInstanceOf(com.marketplacecontracts.core.error.RequestValidationException.class);
    assertThat(server.getRequestCount()).isZero();
    // one day is [day, day + 1)
    assertThat(OrderHistory.of(client, 7, day, day.plusDays(1)).windows())
        .containsExactly(new OrderHistory.Window(day, day.plusDays(1)));
  }

  @Test
  void eachWindowIsItsOwnPagedSeriesAndAnOrderInTwoWindowsComesOnce() {
    serveThreeWindows();

    List<Long> ids = OrderHistory.of(client, 7L, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 17)).stream()
        .map(BusinessOrderDTO::getOrderId).toList();

    assertThat(ids).containsExactly(101L, 102L, 103L, 201L, 202L, 203L, 301L, 302L, 303L);
    assertThat(seen).containsExactly(
        "2026-01-01..2026-01-31 null limit=50", "2026-01-01..2026-01-31 w1p2 limit=50",
        "2026-01-31..2026-03-02 null limit=50", "2026-01-31..2026-03-02 w2p2 limit=50",
        "2026-03-02..2026-03-17 null limit=50", "2026-03-02..2026-03-17 w3p2 limit=50");
  }

  @Test
  void nothingIsFetchedBeforeIterationAndOnlyWhatIsConsumed() {
    serveThreeWindows();
    OrderHistory history = OrderHistory.of(client, 7L, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 17));

    assertThat(server.getRequestCount()).isZero();
    assertThat(history.stream().limit(2).map(BusinessOrderDTO::getOrderId).toList()).containsExactly(101L, 102L);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theCallersFilterIsKeptInEveryWindowsRequest() {
    serveThreeWindows();

    long count = OrderHistory.of(client, 7L, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 17),
        () -> new GetBusinessOrdersRequest().statuses(Set.of(OrderStatusType.DELIVERED))).stream().count();

    assertThat(count).isEqualTo(9);
    assertThat(bodies).hasSize(6).allSatisfy(body -> assertThat(body).contains("\"statuses\":[\"DELIVERED\"]"));
  }
}
