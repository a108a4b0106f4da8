package com.marketplacecontracts.contract.docs;

import static com.marketplacecontracts.core.http.MockServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.metrics.micrometer.MicrometerEvents;
import com.marketplacecontracts.yandex.YandexMarketClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ObservabilityExamplesTest {

  @RegisterExtension
  final MockServer server = new MockServer();

  @Test
  void theDocumentedSetupRecordsMetricsAndSpansAndTheFailureAdviceReadsTheFlags() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
      server.enqueue(json(400, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"BAD_REQUEST\"}]}"));
      YandexMarketClient client = ObservabilityExamples.observed(server.url("/").toString(), "key", registry, otel);

      assertThat(ObservabilityExamples.afterAFailure(client)).isEqualTo("rejected: fix the request");

      assertThat(registry.find(MicrometerEvents.CALLS).tag("outcome", "bad_request").timer().count()).isEqualTo(1);
      assertThat(spans.getFinishedSpanItems()).hasSize(1);
    }
  }
}
