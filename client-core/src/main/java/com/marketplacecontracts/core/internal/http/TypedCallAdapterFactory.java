package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.http.MarketplaceCall;
import com.marketplacecontracts.core.json.GeneratedAdapter;
import com.marketplacecontracts.core.http.RequestOptions;
import com.marketplacecontracts.core.internal.error.ErrorDecoder;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.TransportException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.operation.CallEnded;
import com.marketplacecontracts.core.operation.CallOutcome;
import com.marketplacecontracts.core.operation.CallStarted;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Operations;
import com.marketplacecontracts.core.time.TimeSource;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import java.io.EOFException;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Callback;
import retrofit2.Response;
import retrofit2.Retrofit;

/**
 * Lets generated API methods return {@link MarketplaceCall}: Retrofit's own extension point for the return type.
 * The one place where a call's outcome becomes a body or a typed {@link MarketplaceException}, and so where each
 * call's start and end are reported ({@link ClientEvents#callStarted}, {@link ClientEvents#callEnded}).
 */
final class TypedCallAdapterFactory extends CallAdapter.Factory {

  /** Call ids, unique within the JVM (several clients may share one listener). */
  private static final AtomicLong CALL_IDS = new AtomicLong();
  /** A W3C traceparent of version 00 with non-zero ids: what a listener may ask a call to carry. */
  private static final Pattern TRACEPARENT =
      Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

  private final ErrorDecoder errors;
  private final CallState.Registry calls;
  private final ClientEvents events;
  private final TimeSource time;

  TypedCallAdapterFactory(ErrorDecoder errors, CallState.Registry calls, ClientEvents events, TimeSource time) {
    this.errors = errors;
    this.calls = calls;
    this.events = events;
    this.time = time;
  }

  @Override
  public CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
    if (getRawType(returnType) != MarketplaceCall.class) {
      return null;
    }
    if (!(returnType instanceof ParameterizedType parameterized)) {
      throw new IllegalArgumentException("MarketplaceCall needs its body type, e.g. MarketplaceCall<Foo>");
    }
    Type body = getParameterUpperBound(0, parameterized);
    // A generated model is decoded by its generated adapter, which can check the answer while reading it.
    boolean checkedDecoding = body instanceof Class<?> type && type.isAnnotationPresent(GeneratedAdapter.class);
    return new CallAdapter<Object, MarketplaceCall<Object>>() {
      @Override
      public Type responseType() {
        return body;
      }

      @Override
      public MarketplaceCall<Object> adapt(Call<Object> call) {
        return new TypedCall<>(call, body == Void.class, checkedDecoding, RequestOptions.none());
      }
    };
  }

  /** One sending of a call, from its start to the outcome it reports. */
  private final class Run {
    final CallStarted started;
    final CallState state;
    final long startNanos;

    Run(Call<?> call, RequestOptions options, boolean checkedDecoding) {
      Request request = call.request();
      this.started = new CallStarted(CALL_IDS.incrementAndGet(), errors.marketplace(), Operations.id(request),
          Operations.account(request));
      this.startNanos = time.nanoTime();
      events.callStarted(started);
      String asked = events.traceparent(started);
      this.state = new CallState(asked != null && TRACEPARENT.matcher(asked).matches() ? asked : null, options,
          checkedDecoding);
      calls.register(request.tag(retrofit2.Invocation.class), state);
    }

    /** Reports how the call ended: {@code response} and no failure for an answer, else the failure thrown. */
    void end(Call<?> call, Response<?> response, Throwable failure) {
      int status;
      boolean sent;
      String requestId;
      if (failure == null) {
        status = response.code();
        sent = true;
        requestId = ErrorDecoder.requestId(response.headers());
        if (requestId == null) {
          requestId = response.raw().request().header(ClientRuntime.TRACEPARENT);
        }
      } else if (failure instanceof MarketplaceException typed) {
        status = typed.statusCode();
        sent = typed.requestSent();
        requestId = typed.requestId().orElse(sent ? state.traceparent : null);
      } else {
        status = 0;
        sent = state.sent;
        requestId = sent ? state.traceparent : null;
      }
      events.callEnded(new CallEnded(started, state.attempts, status, outcome(call, failure), sent,
          Duration.ofNanos(Math.max(0, time.nanoTime() - startNanos)), requestId));
    }

    /** The failure as the caller gets it: sent when any attempt of the call went out. */
    <E extends Throwable> E settle(E failure) {
      if (failure instanceof MarketplaceException typed && state.sent && !typed.requestSent()) {
        ErrorDecoder.reached(typed);
      }
      return failure;
    }
  }

  private final class TypedCall<T> implements MarketplaceCall<T> {
    private final Call<T> template;
    /** The spec declares no answer body (a {@code Void} call): an empty or ignored body is the answer. */
    private final boolean noBody;
    /** The body is a generated model, whose adapter can check the answer as it decodes it (AnswerCheck). */
    private final boolean checkedDecoding;
    private final RequestOptions options;

    TypedCall(Call<T> template, boolean noBody, boolean checkedDecoding, RequestOptions options) {
      this.template = template;
      this.noBody = noBody;
      this.checkedDecoding = checkedDecoding;
      this.options = options;
    }

    @Override
    public MarketplaceCall<T> with(RequestOptions options) {
      return new TypedCall<>(template, noBody, checkedDecoding, java.util.Objects.requireNonNull(options, "options"));
    }

    /** A fresh copy of the call with this call's own timeout, if it has one. */
    private Call<T> prepared() {
      Call<T> call = template.clone();
      options.timeout().ifPresent(t -> call.timeout().timeout(t.toNanos(), TimeUnit.NANOSECONDS));
      return call;
    }

    @Override
    public T execute() {
      return executeWithin(Duration.ZERO);
    }

    @Override
    public T executeWithin(Duration timeout) {
      Call<T> call = prepared();
      long nanos = timeout.toNanos();
      long configured = call.timeout().timeoutNanos();
      if (nanos > 0 && (configured == 0 || nanos < configured)) {
        call.timeout().timeout(nanos, TimeUnit.NANOSECONDS);
      }
      Run run = new Run(call, options, checkedDecoding);
      Response<T> response = null;
      Throwable failure = null;
      try {
        try {
          response = call.execute();
        } catch (IOException | RuntimeException e) {
          throw failure(call, e, run.state);
        } finally {
          AnswerCheck.drop();
          forget(call);
        }
        return body(call, response, noBody);
      } catch (RuntimeException | Error e) {
        failure = run.settle(e);
        throw e;
      } finally {
        run.end(call, response, failure);
      }
    }

    @Override
    public CompletableFuture<T> executeAsync() {
      Call<T> call = prepared();
      CompletableFuture<T> future = new CompletableFuture<>() {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
          call.cancel();
          return super.cancel(mayInterruptIfRunning);
        }
      };
      Run run = new Run(call, options, checkedDecoding);
      call.enqueue(new Callback<>() {
        @Override
        public void onResponse(Call<T> done, Response<T> response) {
          AnswerCheck.drop();
          forget(done);
          T body;
          try {
            body = body(done, response, noBody);
          } catch (RuntimeException e) {
            run.end(done, response, run.settle(e));
            future.completeExceptionally(e);
            return;
          }
          run.end(done, response, null);
          future.complete(body);
        }

        @Override
        public void onFailure(Call<T> done, Throwable e) {
          AnswerCheck.drop();
          Throwable failure = run.settle(e instanceof Exception exception ? failure(done, exception, run.state) : e);
          forget(done);
          run.end(done, null, failure);
          future.completeExceptionally(failure);
        }
      });
      return future;
    }

    @Override
    public Request request() {
      return template.request();
    }

    @Override
    public String toString() {
      return "MarketplaceCall(" + Operations.id(template.request())
          + (options == RequestOptions.none() ? "" : ", " + options) + ")";
    }
  }

  private <T> T body(Call<T> call, Response<T> response, boolean noBody) {
    String operationId = Operations.id(call.request());
    if (!response.isSuccessful()) {
      throw errors.decode(operationId, response.code(), response.headers(),
          response.raw().request().header(ClientRuntime.TRACEPARENT), response.errorBody());
    }
    T body = response.body();
    if (body == null && !noBody) {
      throw new UnreadableResponseException(errors.details(operationId, response.code(), null,
          ErrorDecoder.requestId(response.headers()), null, "empty body"), null);
    }
    return body;
  }

  private void forget(Call<?> call) {
    calls.forget(call.request());
  }

  /** The kind of outcome, as a metric tag: the failure's class, or its cancellation. */
  static CallOutcome outcome(Call<?> call, Throwable failure) {
    if (failure == null) {
      return CallOutcome.SUCCESS;
    }
    if (call.isCanceled()) {
      return CallOutcome.CANCELLED;
    }
    return MarketplaceException.outcomeOf(failure);
  }

  /**
   * What a call that got no usable answer throws. A {@link RuntimeException} that is not a decoding failure is a
   * mistake of the calling code (e.g. a null path parameter) and keeps its type: header values the user supplies
   * (credentials, User-Agent) are checked when the client is built, and an answer that breaks the HTTP exchange
   * arrives typed from {@code ExchangeGuard} (or from the runtime's outermost interceptor, whatever broke). The
   * exception OkHttp or the decoder threw is kept only as a redacted copy: its message may quote the answer.
   */
  private RuntimeException failure(Call<?> call, Exception e, CallState state) {
    MarketplaceException carried = MarketplaceException.carriedBy(e);
    if (carried != null) {
      return carried; // a decided outcome: a limit, a refused redirect, a spent quota, a failed token exchange...
    }
    if (e instanceof MarketplaceException typed) {
      return typed;
    }
    String operationId = Operations.id(call.request());
    Throwable cause = errors.redactor().cause(e instanceof DecodingFailures.Undecodable undecodable
        ? undecodable.failure : e);
    if (e instanceof DecodingFailures.Undecodable || e instanceof JsonDataException
        || e instanceof JsonEncodingException || e instanceof EOFException) {
      // Only a 2xx body is decoded: the status is the one the answer had; its request id too (the answer's, else
      // the trace id the call was sent with), for support to find the call.
      String requestId = state == null ? null : state.requestId != null ? state.requestId : state.traceparent;
      String raw = e instanceof DecodingFailures.Undecodable undecodable ? undecodable.head : null;
      return new UnreadableResponseException(errors.details(operationId, CallState.status(state), null, requestId,
          raw, e.getMessage()), cause);
    }
    if (e instanceof IOException) {
      // Sent once the connection was open and the request on its way (a read timeout), not when it never opened.
      return new TransportException(errors.noResponse(operationId, describe(e)), state.sent, cause);
    }
    return (RuntimeException) e;
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
