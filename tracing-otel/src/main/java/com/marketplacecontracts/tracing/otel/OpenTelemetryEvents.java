package com.marketplacecontracts.tracing.otel;

import com.marketplacecontracts.core.operation.CallEnded;
import com.marketplacecontracts.core.operation.CallStarted;
import com.marketplacecontracts.core.operation.ClientEvents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A span per client call on the OpenTelemetry API: started when the call starts, as a child of the caller's current
 * span (a new trace when there is none), ended when the call ends. Its context is the {@code traceparent} the call
 * carries, so the marketplace's request log (Yandex shows it in the seller cabinet) joins the caller's trace; the
 * request id a failure reports stays the one the marketplace logs — its own when it sends one, else that
 * traceparent. Attributes hold no credential, URL or request body. Thread-safe.
 *
 * <pre>{@code
 * YandexMarketClient client = YandexMarketClient.builder().apiKey(key)
 *     .events(OpenTelemetryEvents.of(GlobalOpenTelemetry.get()))
 *     .build();
 * }</pre>
 *
 * <p>One span per call rather than OpenTelemetry's OkHttp instrumentation (a span per HTTP exchange): its span
 * carries the full URL, ids included, and each retry would send another traceparent than the one the call's
 * failure reports.
 */
public final class OpenTelemetryEvents implements ClientEvents {

  /** The instrumentation scope the spans are reported under. */
  public static final String SCOPE = "com.marketplacecontracts.client";

  /** The marketplace called ({@code yandex}, {@code teez}). */
  public static final AttributeKey<String> MARKETPLACE = AttributeKey.stringKey("marketplace.name");
  /** The spec's operation id. */
  public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("marketplace.operation");
  /** The account the call counts against ({@code campaignId=123}); absent when none. */
  public static final AttributeKey<String> ACCOUNT = AttributeKey.stringKey("marketplace.account");
  /** Requests that went out, retries included. */
  public static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("marketplace.attempts");
  /** The last answer's HTTP status; absent when none arrived. */
  public static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  /** How the call ended ({@code success}, {@code rate_limited}...). */
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("marketplace.outcome");
  /** Whether the request may have reached the marketplace. */
  public static final AttributeKey<Boolean> REQUEST_SENT = AttributeKey.booleanKey("marketplace.request_sent");
  /** The id the marketplace logs the request under. */
  public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("marketplace.request_id");

  /** Spans open at most: past it a call is not traced (its end would never come if the runtime lost it). */
  static final int MAX_OPEN_SPANS = 100_000;

  private final Tracer tracer;
  private final Map<Long, Span> open = new ConcurrentHashMap<>();

  private OpenTelemetryEvents(OpenTelemetry openTelemetry) {
    this.tracer = Objects.requireNonNull(openTelemetry, "openTelemetry").getTracer(SCOPE);
  }

  /** Events that trace each call through {@code openTelemetry}'s tracer. */
  public static OpenTelemetryEvents of(OpenTelemetry openTelemetry) {
    return new OpenTelemetryEvents(openTelemetry);
  }

  @Override
  public void callStarted(CallStarted call) {
    if (open.size() >= MAX_OPEN_SPANS) {
      return;
    }
    var span = tracer.spanBuilder(call.operationId()).setSpanKind(SpanKind.CLIENT).setParent(Context.current())
        .setAttribute(MARKETPLACE, call.marketplace().id()).setAttribute(OPERATION, call.operationId());
    if (!call.account().isEmpty()) {
      span.setAttribute(ACCOUNT, call.account());
    }
    open.put(call.callId(), span.startSpan());
  }

  /** The call's span as a W3C traceparent; none when it has no valid context (no SDK and no caller's trace). */
  @Override
  public String traceparent(CallStarted call) {
    Span span = open.get(call.callId());
    SpanContext context = span == null ? SpanContext.getInvalid() : span.getSpanContext();
    if (!context.isValid()) {
      return null;
    }
    return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
  }

  @Override
  public void callEnded(CallEnded call) {
    Span span = open.remove(call.call().callId());
    if (span == null) {
      return;
    }
    span.setAttribute(ATTEMPTS, (long) call.attempts());
    if (call.statusCode() > 0) {
      span.setAttribute(STATUS, (long) call.statusCode());
    }
    span.setAttribute(OUTCOME, call.outcome().tag());
    span.setAttribute(REQUEST_SENT, call.requestSent());
    if (!call.requestId().isEmpty()) {
      span.setAttribute(REQUEST_ID, call.requestId());
    }
    if (!call.succeeded()) {
      span.setStatus(StatusCode.ERROR, call.outcome().tag());
    }
    span.end();
  }

  /** Spans started and not yet ended, for tests. */
  int openSpans() {
    return open.size();
  }

  @Override
  public String toString() {
    return "OpenTelemetryEvents(" + SCOPE + ")";
  }
}
