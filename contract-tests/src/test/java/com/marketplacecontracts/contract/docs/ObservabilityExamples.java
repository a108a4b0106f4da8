package com.marketplacecontracts.contract.docs;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.operation.CallEnded;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.metrics.micrometer.MicrometerEvents;
import com.marketplacecontracts.tracing.otel.OpenTelemetryEvents;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.OperationType;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;

/** The examples of docs/observability.md, compiled and run by {@link ObservabilityExamplesTest}. */
final class ObservabilityExamples {

  private ObservabilityExamples() {
  }

  /** Metrics and traces together, plus a listener of one's own. */
  static YandexMarketClient observed(String baseUrl, String apiKey, MeterRegistry registry,
      OpenTelemetry openTelemetry) {
    ClientEvents slowCalls = new ClientEvents() {
      @Override
      public void callEnded(CallEnded call) {
        if (call.duration().toSeconds() >= 5) {
          System.err.println(call.operationId() + " took " + call.duration() + " (" + call.outcome().tag()
              + ", " + call.attempts() + " attempts, request id " + call.requestId() + ")");
        }
      }
    };
    return YandexMarketClient.builder().baseUrl(baseUrl).apiKey(apiKey)
        .events(MicrometerEvents.of(registry).plus(OpenTelemetryEvents.of(openTelemetry)).plus(slowCalls))
        .build();
  }

  /** After a failed call: whether it may have happened, and whether to try again. */
  static String afterAFailure(YandexMarketClient client) {
    try {
      client.operationStatuses(3L, OperationType.ORDER_STATUS_UPDATE, List.of("op"));
      return "done";
    } catch (MarketplaceException e) {
      if (!e.requestSent()) {
        return "not sent: safe to send again";
      }
      return e.isRetryable() ? "may have happened; a retry could succeed (request id "
          + e.requestId().orElse("none") + ")" : "rejected: fix the request";
    }
  }
}
