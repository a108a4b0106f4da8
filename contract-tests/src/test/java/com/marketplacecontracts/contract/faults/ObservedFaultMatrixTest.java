package com.marketplacecontracts.contract.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.operation.CallEnded;
import com.marketplacecontracts.core.operation.CallStarted;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.RateLimitKind;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.time.TimeSource;
import com.marketplacecontracts.metrics.micrometer.MicrometerEvents;
import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.tracing.otel.OpenTelemetryEvents;
import com.marketplacecontracts.yandex.YandexMarketClient;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix's cells seen through metrics and traces together ({@link MicrometerEvents} on a
 * {@link SimpleMeterRegistry}, {@link OpenTelemetryEvents} on the SDK with an {@link InMemorySpanExporter}): every
 * call's outcome is counted once in the timer and in one span, as the cell's outcome says, with a duration, and no
 * tag, attribute or event carries a credential or a URL.
 */
class ObservedFaultMatrixTest implements FaultClients {

  private static final String API_KEY = "proof-api-key-4f1c9e";
  private static final String TOKEN = "proof-access-token-8b2d7a";
  private static final Map<String, String> OUTCOMES = Map.of("value", "success",
      "TransportException", "transport", "UnreadableResponseException", "unreadable_response",
      "ServerErrorException", "server_error", "RateLimitedException", "rate_limited");

  @RegisterExtension
  final MockServer server = new MockServer();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .build();
  private final Recorder recorder = new Recorder();
  private final ClientEvents events = MicrometerEvents.of(registry).plus(OpenTelemetryEvents.of(otel))
      .plus(recorder);
  private final Clock time = new Clock();

  /** Real time for durations; retry waits simulated (added to it, not slept), as the fault matrix does. */
  private static final class Clock implements TimeSource {
    private final AtomicLong slept = new AtomicLong();

    @Override
    public long nanoTime() {
      return System.nanoTime() + slept.get();
    }

    @Override
    public void sleep(Duration duration) {
      slept.addAndGet(Math.max(0, duration.toNanos()));
    }
  }

  /** Every event, as text, and each call's start and end. */
  private static final class Recorder implements ClientEvents {
    final List<CallStarted> started = new CopyOnWriteArrayList<>();
    final List<CallEnded> ended = new CopyOnWriteArrayList<>();
    final List<String> texts = new CopyOnWriteArrayList<>();

    @Override
    public void callStarted(CallStarted call) {
      started.add(call);
      texts.add(call.toString());
    }

    @Override
    public void callEnded(CallEnded call) {
      ended.add(call);
      texts.add(call.toString());
    }

    @Override
    public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
      texts.add(operationId + " " + reason);
    }

    @Override
    public void rateLimited(String operationId, RateLimitKind kind, Optional<Instant> reset) {
      texts.add(operationId + " " + kind);
    }
  }

  @AfterEach
  void close() {
    otel.close();
  }

  @Override
  public TeezClient teez() {
    return TeezClient.builder().baseUrl(server.url("/").toString()).accessToken(TOKEN)
        .readTimeout(Duration.ofSeconds(1)).rateLimit(RateLimitConfig.disabled()).timeSource(time).events(events)
        .build();
  }

  @Override
  public YandexMarketClient yandex() {
    return YandexMarketClient.builder().baseUrl(server.url("/").toString()).apiKey(API_KEY)
        .readTimeout(Duration.ofSeconds(1)).rateLimit(RateLimitConfig.disabled()).timeSource(time).events(events)
        .build();
  }

  @ParameterizedTest(name = "{0} / {1}")
  @MethodSource("com.marketplacecontracts.contract.faults.FaultMatrixTest#cells")
  void eachCallIsCountedOnceInTheTimerAndInOneSpanWithoutSecrets(FaultMatrixTest.Fault fault,
      FaultMatrixTest.Op op) throws IOException {
    List<MockResponse> responses = fault.responses().apply(op);
    if (responses == null) {
      server.shutdown();
    } else {
      responses.forEach(server::enqueue);
    }

    String outcome;
    try {
      op.call().apply(this);
      outcome = "value";
    } catch (MarketplaceException e) {
      outcome = e.getClass().getSimpleName();
      assertThat(e.requestSent()).as("requestSent").isEqualTo(responses != null);
      assertThat(e.isRetryable()).as("isRetryable").isEqualTo(!outcome.equals("UnreadableResponseException"));
    }
    assertThat(outcome).isEqualTo(fault.expected());

    // every call started ended once, the last one as the cell's outcome
    List<CallEnded> ended = recorder.ended;
    assertThat(ended).isNotEmpty();
    assertThat(ended.stream().map(CallEnded::call).toList()).containsExactlyInAnyOrderElementsOf(recorder.started);
    assertThat(ended.get(ended.size() - 1).outcome().tag()).isEqualTo(OUTCOMES.get(fault.expected()));
    assertThat(ended).allSatisfy(call -> assertThat(call.requestSent()).isEqualTo(responses != null));
    int requests = responses == null ? 0 : server.getRequestCount();
    assertThat(ended.stream().mapToInt(CallEnded::attempts).sum()).isGreaterThanOrEqualTo(Math.max(1, requests));

    // the timer: one sample per call, under its operation and outcome, with its duration
    List<Timer> timers = new ArrayList<>(registry.find(MicrometerEvents.CALLS).timers());
    assertThat(timers.stream().mapToLong(Timer::count).sum()).isEqualTo(ended.size());
    for (CallEnded call : ended) {
      Timer timer = registry.find(MicrometerEvents.CALLS)
          .tags("operation", call.operationId(), "outcome", call.outcome().tag()).timer();
      assertThat(timer).as(call.operationId() + " " + call.outcome()).isNotNull();
      assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    // the spans: one per call, ended, with the same outcome and attempts
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(ended.size());
    for (SpanData span : spans) {
      assertThat(span.hasEnded()).isTrue();
      assertThat(span.getEndEpochNanos()).isGreaterThan(span.getStartEpochNanos());
      assertThat(ended).anySatisfy(call -> {
        assertThat(call.operationId()).isEqualTo(span.getName());
        assertThat(call.outcome().tag()).isEqualTo(span.getAttributes().get(OpenTelemetryEvents.OUTCOME));
        assertThat((long) call.attempts()).isEqualTo(span.getAttributes().get(OpenTelemetryEvents.ATTEMPTS));
      });
    }

    // no secret, and no URL, anywhere
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getValue()).as(meter.getId().getName() + " " + tag.getKey())
            .doesNotContain(API_KEY, TOKEN, "/", "http");
      }
    }
    for (SpanData span : spans) {
      span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value)).as(key.getKey())
          .doesNotContain(API_KEY, TOKEN, "http://"));
    }
    assertThat(recorder.texts).noneMatch(text -> text.contains(API_KEY) || text.contains(TOKEN));
  }
}
