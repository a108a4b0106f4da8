package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.operation.CallEnded;
import com.marketplacecontracts.core.operation.CallOutcome;
import com.marketplacecontracts.core.operation.CallStarted;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Marketplace;
import java.time.Duration;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.metrics.micrometer.MicrometerEvents;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.yandex.YandexMapper;
import com.marketplacecontracts.tracing.otel.OpenTelemetryEvents;
import com.marketplacecontracts.yandex.YandexMarketClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What metrics and traces add to a call: the full client call of a 10-offer page (23 kB) from a loopback server,
 * with no listener, with {@link MicrometerEvents} (a {@link SimpleMeterRegistry}), with {@link OpenTelemetryEvents}
 * (the SDK's tracer, spans batched to an exporter that drops them), and with both combined; and each listener's
 * whole work for one call alone (start, traceparent, end; no I/O), which a loaded machine disturbs far less.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ObservabilityOverheadBenchmark {

  LoopbackServer server;
  OpenTelemetrySdk otel;
  final AtomicLong exported = new AtomicLong();
  YandexMarketClient plain;
  YandexMarketClient metrics;
  YandexMarketClient traces;
  YandexMarketClient both;
  ClientEvents metricsAlone;
  ClientEvents tracesAlone;
  long callIds;

  /** Counts the spans it is handed and keeps none: the SDK's work without an exporter's I/O. */
  private final class Dropping implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      exported.addAndGet(spans.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @Setup
  public void setUp() {
    byte[] page = OfferPages.json(OfferPages.page(10, null, 2));
    server = new LoopbackServer(exchange -> new LoopbackServer.Answer(200, page));
    otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(new Dropping()).build()).build()).build();
    plain = client(ClientEvents.NONE);
    metrics = client(MicrometerEvents.of(new SimpleMeterRegistry()));
    traces = client(OpenTelemetryEvents.of(otel));
    both = client(MicrometerEvents.of(new SimpleMeterRegistry()).plus(OpenTelemetryEvents.of(otel)));
    metricsAlone = MicrometerEvents.of(new SimpleMeterRegistry());
    tracesAlone = OpenTelemetryEvents.of(otel);
  }

  /** What a listener does for one call: told of its start, asked for its traceparent, told of its end. */
  private String oneCall(ClientEvents events) {
    CallStarted call = new CallStarted(++callIds, Marketplace.YANDEX_MARKET, "getOfferMappingEntries",
        "campaignId=1");
    events.callStarted(call);
    String traceparent = events.traceparent(call);
    events.callEnded(new CallEnded(call, 1, 200, CallOutcome.SUCCESS, true, Duration.ofMillis(1), "req"));
    return traceparent;
  }

  @Benchmark
  public String metricsListenerAlone() {
    return oneCall(metricsAlone);
  }

  @Benchmark
  public String tracesListenerAlone() {
    return oneCall(tracesAlone);
  }

  private YandexMarketClient client(ClientEvents events) {
    // Quotas off: this measures the client's own cost, not waiting for the marketplace's allowance.
    return YandexMarketClient.builder().baseUrl(server.url()).apiKey("bench-key")
        .rateLimit(RateLimitConfig.disabled()).events(events).build();
  }

  @TearDown
  public void tearDown() {
    plain.close();
    metrics.close();
    traces.close();
    both.close();
    otel.close(); // flushes the batch: the traced benchmarks' spans reach the exporter
    server.close();
    System.out.println("spans exported: " + exported.get());
  }

  @SuppressWarnings("deprecation")
  private static List<Listing> call(YandexMarketClient client) {
    return YandexMapper.listings(client.offerMappings().getOfferMappingEntries(1L, null, null, 10,
        null, null, null, null, null, null).execute());
  }

  @Benchmark
  public List<Listing> fullClientCall() {
    return call(plain);
  }

  @Benchmark
  public List<Listing> fullClientCallWithMetrics() {
    return call(metrics);
  }

  @Benchmark
  public List<Listing> fullClientCallWithTraces() {
    return call(traces);
  }

  @Benchmark
  public List<Listing> fullClientCallWithMetricsAndTraces() {
    return call(both);
  }
}
