package com.marketplacecontracts.core.http;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.error.TransportException;
import com.marketplacecontracts.core.operation.CallEnded;
import com.marketplacecontracts.core.operation.CallOutcome;
import com.marketplacecontracts.core.operation.CallStarted;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each call's start and end as listeners see them, and what its failure says about whether the request went out
 * and whether trying again could help.
 */
class CallEventsTest {

  private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @RegisterExtension
  final MockServer server = new MockServer();
  private final FakeTimeSource time = new FakeTimeSource();
  private final Recorder recorder = new Recorder();

  /** Every start and end, and a traceparent to ask for. */
  static final class Recorder implements ClientEvents {
    final List<CallStarted> started = new CopyOnWriteArrayList<>();
    final List<CallEnded> ended = new CopyOnWriteArrayList<>();
    final List<String> quota = new CopyOnWriteArrayList<>();
    volatile String traceparent;

    @Override
    public void callStarted(CallStarted call) {
      started.add(call);
    }

    @Override
    public String traceparent(CallStarted call) {
      return traceparent;
    }

    @Override
    public void callEnded(CallEnded call) {
      ended.add(call);
    }

    @Override
    public void quotaRemaining(String operationId, String account, long limit, long remaining) {
      quota.add(operationId + " " + account + " " + remaining + "/" + limit);
    }

    CallEnded only() {
      assertThat(started).hasSize(1);
      assertThat(ended).hasSize(1);
      assertThat(ended.get(0).call()).isEqualTo(started.get(0));
      return ended.get(0);
    }
  }

  private TestClient client(ClientEvents events, RetryConfig retry, RateLimitConfig limits) {
    return TestClient.builder(server.url("/").toString()).credential(Credential.header("Api-Key", "the-secret-key"))
        .events(events).retry(retry).rateLimit(limits).timeSource(time).readTimeout(Duration.ofMillis(500)).build();
  }

  private TestClient client() {
    return client(recorder, RetryConfig.defaults(), RateLimitConfig.disabled());
  }

  @Test
  void aSuccessfulCallReportsItsOperationAccountStatusAndTheRequestIdTheMarketplaceLogs() {
    server.enqueue(json(200, "{\"a\":1}").setHeader("X-Request-Id", "req-42"));

    client().api.read(7L).execute();

    CallEnded ended = recorder.only();
    assertThat(ended.call().operationId()).isEqualTo("read");
    assertThat(ended.call().account()).isEqualTo("campaignId=7");
    assertThat(ended.outcome()).isEqualTo(CallOutcome.SUCCESS);
    assertThat(ended.attempts()).isEqualTo(1);
    assertThat(ended.statusCode()).isEqualTo(200);
    assertThat(ended.requestSent()).isTrue();
    assertThat(ended.requestId()).isEqualTo("req-42");
    assertThat(ended.duration()).isGreaterThanOrEqualTo(Duration.ZERO);
  }

  @Test
  void theTraceparentAListenerGivesIsSentAndIsTheRequestIdWhenTheServerSendsNone() throws InterruptedException {
    recorder.traceparent = TRACEPARENT;
    server.enqueue(json(400, "{\"code\":\"BAD\"}"));

    BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> client().api.read(7L).execute());

    assertThat(server.takeRequest().getHeader("traceparent")).isEqualTo(TRACEPARENT);
    assertThat(e.requestId()).contains(TRACEPARENT);
    assertThat(recorder.only().requestId()).isEqualTo(TRACEPARENT);
    assertThat(recorder.only().outcome()).isEqualTo(CallOutcome.BAD_REQUEST);
  }

  @Test
  void aTraceparentNotInTheW3cFormIsIgnored() throws InterruptedException {
    recorder.traceparent = "00-bad\r\nApi-Key: x";
    server.enqueue(json(200, "{}"));

    client().api.read(7L).execute();

    assertThat(server.takeRequest().getHeader("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
  }

  @Test
  void retriesAreCountedAsAttemptsOfOneCall() {
    server.enqueue(json(500, "{}"));
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{}"));

    client().api.read(7L).execute();

    CallEnded ended = recorder.only();
    assertThat(ended.attempts()).isEqualTo(3);
    assertThat(ended.outcome()).isEqualTo(CallOutcome.SUCCESS);
  }

  @Test
  void a400IsSentAndNotRetryable() {
    server.enqueue(json(400, "{\"code\":\"BAD\"}"));

    MarketplaceException e = catchThrowableOfType(MarketplaceException.class, () -> client().api.read(7L).execute());

    assertThat(e.requestSent()).isTrue();
    assertThat(e.isRetryable()).isFalse();
    assertThat(recorder.only().attempts()).isEqualTo(1);
  }

  @Test
  void a420IsSentAndRetryable() {
    MockResponse limited = json(420, "{\"code\":\"LIMIT_EXCEEDED\"}");
    server.enqueue(limited);

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> client(recorder,
        RetryConfig.none(), RateLimitConfig.disabled()).api.read(7L).execute());

    assertThat(e.requestSent()).isTrue();
    assertThat(e.isRetryable()).isTrue();
    assertThat(recorder.only().outcome()).isEqualTo(CallOutcome.RATE_LIMITED);
    assertThat(recorder.only().statusCode()).isEqualTo(420);
  }

  @Test
  void a5xxIsRetryableExceptNotImplemented() {
    server.enqueue(json(502, "{}"));
    server.enqueue(json(501, "{}"));
    TestClient once = client(recorder, RetryConfig.none(), RateLimitConfig.disabled());

    assertThat(catchThrowableOfType(ServerErrorException.class, () -> once.api.read(7L).execute()).isRetryable())
        .isTrue();
    assertThat(catchThrowableOfType(ServerErrorException.class, () -> once.api.read(7L).execute()).isRetryable())
        .isFalse();
  }

  @Test
  void aConnectionThatCannotBeOpenedWasNotSent() throws IOException {
    TestClient client = client(recorder, RetryConfig.none(), RateLimitConfig.disabled());
    server.shutdown();

    TransportException e = catchThrowableOfType(TransportException.class, () -> client.api.write(Map.of()).execute());

    assertThat(e.requestSent()).isFalse();
    assertThat(e.isRetryable()).isTrue();
    CallEnded ended = recorder.only();
    assertThat(ended.outcome()).isEqualTo(CallOutcome.TRANSPORT);
    assertThat(ended.requestSent()).isFalse();
    assertThat(ended.attempts()).isEqualTo(1);
    assertThat(ended.requestId()).isEmpty();
  }

  @Test
  void aTimeoutAfterTheRequestWasWrittenMayHaveReachedTheMarketplace() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    TransportException e = catchThrowableOfType(TransportException.class, () -> client(recorder,
        RetryConfig.none(), RateLimitConfig.disabled()).api.write(Map.of("a", 1)).execute());

    assertThat(e.requestSent()).isTrue();
    assertThat(recorder.only().requestSent()).isTrue();
    assertThat(recorder.only().requestId()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
  }

  @Test
  void aCallTheLimiterHoldsBackWasNotSentAndCountsNoAttempt() {
    server.enqueue(json(200, "{}"));
    TestClient client = client(recorder, RetryConfig.none(), RateLimitConfig.fromSpec()
        .withQuota("read", RateLimitConfig.Quota.requests(1, Duration.ofMinutes(1))).withMaxWait(Duration.ZERO));
    client.api.read(7L).execute();

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> client.api.read(7L).execute());

    assertThat(e.statusCode()).isZero();
    assertThat(e.requestSent()).isFalse();
    assertThat(e.isRetryable()).isTrue();
    CallEnded held = recorder.ended.get(1);
    assertThat(held.attempts()).isZero();
    assertThat(held.requestSent()).isFalse();
    assertThat(held.outcome()).isEqualTo(CallOutcome.RATE_LIMITED);
  }

  @Test
  void aFailureAfterAnAttemptThatWentOutIsSentEvenWhenTheLastAttemptNeverConnected() throws IOException {
    // the first attempt gets a 503; the retry finds the server gone
    server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
      @Override
      public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
        return json(503, "{}").setHeader("Connection", "close");
      }
    });
    TestClient client = client(new ClientEvents() {
      @Override
      public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
        try {
          server.shutdown();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }.plus(recorder), RetryConfig.defaults().withMaxAttempts(2), RateLimitConfig.disabled());

    TransportException e = catchThrowableOfType(TransportException.class, () -> client.api.read(7L).execute());

    assertThat(e.statusCode()).isZero();
    assertThat(e.requestSent()).isTrue();
    assertThat(recorder.only().attempts()).isEqualTo(2);
  }

  @Test
  void aListenerThatThrowsBreaksNeitherTheCallNorTheListenersAfterIt() {
    server.enqueue(json(500, "{}"));
    server.enqueue(json(200, "{\"a\":1}"));
    ClientEvents throwing = new ClientEvents() {
      @Override
      public void callStarted(CallStarted call) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public String traceparent(CallStarted call) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void callEnded(CallEnded call) {
        throw new IllegalStateException("listener bug");
      }
    };

    Map<String, Object> answer = client(throwing.plus(recorder), RetryConfig.defaults(), RateLimitConfig.disabled())
        .api.read(7L).execute();
    assertThat(answer).containsEntry("a", 1.0);
    assertThat(recorder.only().outcome()).isEqualTo(CallOutcome.SUCCESS);

    // alone, too: the client's own guard
    server.enqueue(json(200, "{\"a\":2}"));
    assertThat(client(throwing, RetryConfig.none(), RateLimitConfig.disabled()).api.read(7L).execute())
        .containsEntry("a", 2.0);
  }

  @Test
  void anAsyncCallReportsItsEndOnce() throws ExecutionException, InterruptedException {
    server.enqueue(json(404, "{\"code\":\"NOPE\"}"));

    ExecutionException e = catchThrowableOfType(ExecutionException.class,
        () -> client().api.read(7L).executeAsync().get());

    assertThat(e.getCause()).isInstanceOf(MarketplaceException.class);
    CallEnded ended = recorder.only();
    assertThat(ended.outcome()).isEqualTo(CallOutcome.NOT_FOUND);
    assertThat(ended.statusCode()).isEqualTo(404);
  }

  @Test
  void theQuotaLeftIsReportedPerOperationAndAccount() {
    server.enqueue(json(200, "{}").setHeader("X-RateLimit-Resource-Limit", "100")
        .setHeader("X-RateLimit-Resource-Remaining", "42")
        .setHeader("X-RateLimit-Resource-Until", "Thu, 01 Jan 2026 00:00:30 GMT"));

    client(recorder, RetryConfig.none(), RateLimitConfig.fromSpec()).api.read(7L).execute();

    assertThat(recorder.quota).containsExactly("read campaignId=7 42/100");
  }

  @Test
  void noEventCarriesTheCredential() {
    server.enqueue(json(500, "{\"code\":\"the-secret-key\"}").setHeader("X-Request-Id", "echo the-secret-key"));
    List<String> seen = new CopyOnWriteArrayList<>();
    ClientEvents all = new ClientEvents() {
      @Override
      public void callStarted(CallStarted call) {
        seen.add(call.toString());
      }

      @Override
      public void callEnded(CallEnded call) {
        seen.add(call.toString());
      }

      @Override
      public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
        seen.add(reason);
      }
    };

    catchThrowableOfType(ServerErrorException.class, () -> client(all.plus(recorder),
        RetryConfig.none(), RateLimitConfig.disabled()).api.read(7L).execute());

    assertThat(seen).hasSize(2).noneMatch(text -> text.contains("the-secret-key"));
    assertThat(recorder.only().requestId()).isEqualTo("echo ***");
  }
}
