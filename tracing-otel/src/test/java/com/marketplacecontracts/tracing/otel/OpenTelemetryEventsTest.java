package com.marketplacecontracts.tracing.otel;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.http.TestClient;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.time.FakeTimeSource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenTelemetryEventsTest {

  @RegisterExtension
  final MockServer server = new MockServer();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .build();
  private final OpenTelemetryEvents tracing = OpenTelemetryEvents.of(otel);

  @AfterEach
  void close() {
    otel.close();
  }

  private TestClient client(ClientEvents events, RetryConfig retry) {
    return TestClient.builder(server.url("/").toString()).credential(Credential.header("Api-Key", "the-secret-key"))
        .events(events).retry(retry).rateLimit(RateLimitConfig.disabled()).timeSource(new FakeTimeSource()).build();
  }

  private static String traceparent(SpanData span) {
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
  }

  @Test
  void aSpanPerCallWithItsOperationAccountAttemptsStatusAndOutcome() {
    server.enqueue(json(500, "{}"));
    server.enqueue(json(200, "{}").setHeader("X-Request-Id", "req-7"));

    client(tracing, RetryConfig.defaults()).api.read(7L).execute();

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(1);
    SpanData span = spans.get(0);
    assertThat(span.getName()).isEqualTo("read");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getAttributes().get(OpenTelemetryEvents.MARKETPLACE)).isEqualTo("yandex");
    assertThat(span.getAttributes().get(OpenTelemetryEvents.OPERATION)).isEqualTo("read");
    assertThat(span.getAttributes().get(OpenTelemetryEvents.ACCOUNT)).isEqualTo("campaignId=7");
    assertThat(span.getAttributes().get(OpenTelemetryEvents.ATTEMPTS)).isEqualTo(2L);
    assertThat(span.getAttributes().get(OpenTelemetryEvents.STATUS)).isEqualTo(200L);
    assertThat(span.getAttributes().get(OpenTelemetryEvents.OUTCOME)).isEqualTo("success");
    assertThat(span.getAttributes().get(OpenTelemetryEvents.REQUEST_ID)).isEqualTo("req-7");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getEndEpochNanos()).isGreaterThanOrEqualTo(span.getStartEpochNanos());
    assertThat(tracing.openSpans()).isZero();
  }

  @Test
  void theTraceparentSentContinuesTheCallersTrace() throws InterruptedException {
    server.enqueue(json(200, "{}"));
    Span parent = otel.getTracer("caller").spanBuilder("handle request").startSpan();

    try (Scope ignored = parent.makeCurrent()) {
      client(tracing, RetryConfig.none()).api.read(7L).execute();
    } finally {
      parent.end();
    }

    SpanData call = exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals("read")).findFirst()
        .orElseThrow();
    assertThat(call.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
    assertThat(call.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(server.takeRequest().getHeader("traceparent"))
        .isEqualTo(traceparent(call));
  }

  @Test
  void withoutACallersTraceTheCallStartsOne() throws InterruptedException {
    server.enqueue(json(200, "{}"));

    client(tracing, RetryConfig.none()).api.read(7L).execute();

    SpanData call = exporter.getFinishedSpanItems().get(0);
    assertThat(call.getParentSpanContext().isValid()).isFalse();
    assertThat(server.takeRequest().getHeader("traceparent")).contains(call.getTraceId(), call.getSpanId());
  }

  @Test
  void theRequestIdOfAFailureStaysTheOneTheMarketplaceLogs() {
    server.enqueue(json(400, "{\"code\":\"BAD\"}").setHeader("X-Request-Id", "market-req-1"));
    server.enqueue(json(400, "{\"code\":\"BAD\"}"));
    TestClient client = client(tracing, RetryConfig.none());

    BadRequestException own = catchThrowableOfType(BadRequestException.class, () -> client.api.read(7L).execute());
    BadRequestException none = catchThrowableOfType(BadRequestException.class, () -> client.api.read(7L).execute());

    assertThat(own.requestId()).contains("market-req-1");
    SpanData second = exporter.getFinishedSpanItems().get(1);
    // no id of its own: the traceparent sent, which is the call's span
    assertThat(none.requestId()).contains(traceparent(second));
    assertThat(second.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(second.getAttributes().get(OpenTelemetryEvents.OUTCOME)).isEqualTo("bad_request");
  }

  @Test
  void withoutAnSdkTheClientMakesItsOwnTraceparent() throws InterruptedException {
    server.enqueue(json(200, "{}"));

    client(OpenTelemetryEvents.of(OpenTelemetry.noop()), RetryConfig.none()).api.read(7L).execute();

    assertThat(server.takeRequest().getHeader("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
  }

  @Test
  void noAttributeCarriesASecret() {
    server.enqueue(json(500, "{\"code\":\"the-secret-key\"}").setHeader("X-Request-Id", "echo the-secret-key"));

    catchThrowableOfType(ServerErrorException.class, () -> client(tracing, RetryConfig.none()).api.read(7L)
        .execute());

    SpanData span = exporter.getFinishedSpanItems().get(0);
    span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value)).doesNotContain("the-secret-key"));
    assertThat(span.getAttributes().get(OpenTelemetryEvents.REQUEST_ID)).isEqualTo("echo ***");
  }

  @Test
  void theRequestIdAttributeIsBoundedAndPrintableWhateverTheHeader() {
    server.enqueue(json(200, "{}").setHeader("X-Request-Id", "r-" + "x".repeat(100_000)));
    server.enqueue(json(500, "{}").addHeaderLenient("X-Request-Id", "r-2\u001b[2J\u0007"));
    TestClient client = client(tracing, RetryConfig.none());

    client.api.read(7L).execute();
    ServerErrorException failure = catchThrowableOfType(ServerErrorException.class,
        () -> client.api.read(7L).execute());

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans.get(0).getAttributes().get(OpenTelemetryEvents.REQUEST_ID)).hasSize(128).startsWith("r-xxx");
    assertThat(spans.get(1).getAttributes().get(OpenTelemetryEvents.REQUEST_ID)).isEqualTo("r-2[2J");
    assertThat(failure.requestId()).contains("r-2[2J");
  }
}
