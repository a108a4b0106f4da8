package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.error.ErrorDecoder;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.TransportException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.operation.Operations;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import java.io.EOFException;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Callback;
import retrofit2.Invocation;
import retrofit2.Response;
import retrofit2.Retrofit;

/**
 * Lets generated API methods return {@link MarketplaceCall}: Retrofit's own extension point for the return type.
 * The one place where a call's outcome becomes a body or a typed {@link MarketplaceException}.
 */
final class TypedCallAdapterFactory extends CallAdapter.Factory {

  private final ErrorDecoder errors;
  /** The last status each in-flight call got (noted by the response limits): a 2xx that cannot be decoded has it. */
  private final Map<Invocation, Integer> statuses;

  TypedCallAdapterFactory(ErrorDecoder errors, Map<Invocation, Integer> statuses) {
    this.errors = errors;
    this.statuses = statuses;
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
    return new CallAdapter<Object, MarketplaceCall<Object>>() {
      @Override
      public Type responseType() {
        return body;
      }

      @Override
      public MarketplaceCall<Object> adapt(Call<Object> call) {
        return new TypedCall<>(call, body == Void.class);
      }
    };
  }

  private final class TypedCall<T> implements MarketplaceCall<T> {
    private final Call<T> template;
    /** The spec declares no answer body (a {@code Void} call): an empty or ignored body is the answer. */
    private final boolean noBody;

    TypedCall(Call<T> template, boolean noBody) {
      this.template = template;
      this.noBody = noBody;
    }

    @Override
    public T execute() {
      return executeWithin(Duration.ZERO);
    }

    @Override
    public T executeWithin(Duration timeout) {
      Call<T> call = template.clone();
      long nanos = timeout.toNanos();
      long configured = call.timeout().timeoutNanos();
      if (nanos > 0 && (configured == 0 || nanos < configured)) {
        call.timeout().timeout(nanos, TimeUnit.NANOSECONDS);
      }
      Response<T> response;
      try {
        response = call.execute();
      } catch (IOException | RuntimeException e) {
        throw failure(call, e);
      } finally {
        forget(call);
      }
      return body(call, response, noBody);
    }

    @Override
    public CompletableFuture<T> executeAsync() {
      Call<T> call = template.clone();
      CompletableFuture<T> future = new CompletableFuture<>() {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
          call.cancel();
          return super.cancel(mayInterruptIfRunning);
        }
      };
      call.enqueue(new Callback<>() {
        @Override
        public void onResponse(Call<T> done, Response<T> response) {
          forget(done);
          try {
            future.complete(body(done, response, noBody));
          } catch (RuntimeException e) {
            future.completeExceptionally(e);
          }
        }

        @Override
        public void onFailure(Call<T> done, Throwable e) {
          future.completeExceptionally(e instanceof Exception exception ? failure(done, exception) : e);
          forget(done);
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
      return "MarketplaceCall(" + Operations.id(template.request()) + ")";
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
    Invocation invocation = call.request().tag(Invocation.class);
    if (invocation != null) {
      statuses.remove(invocation);
    }
  }

  /**
   * What a call that got no usable answer throws. A {@link RuntimeException} that is not a decoding failure is a
   * mistake of the calling code (e.g. a null path parameter) and keeps its type: header values the user supplies
   * (credentials, User-Agent) are checked when the client is built, and an answer that breaks the HTTP exchange
   * arrives typed from {@code ExchangeGuard} (or from the runtime's outermost interceptor, whatever broke). The
   * exception OkHttp or the decoder threw is kept only as a redacted copy: its message may quote the answer.
   */
  private RuntimeException failure(Call<?> call, Exception e) {
    MarketplaceException carried = MarketplaceException.carriedBy(e);
    if (carried != null) {
      return carried; // a decided outcome: a limit, a refused redirect, a spent quota, a failed token exchange...
    }
    if (e instanceof MarketplaceException typed) {
      return typed;
    }
    String operationId = Operations.id(call.request());
    Throwable cause = errors.redactor().cause(e);
    if (e instanceof JsonDataException || e instanceof JsonEncodingException || e instanceof EOFException) {
      // Only a 2xx body is decoded: the status is the one the answer had.
      Invocation invocation = call.request().tag(Invocation.class);
      Integer status = invocation == null ? null : statuses.get(invocation);
      return new UnreadableResponseException(errors.details(operationId, status == null ? 0 : status, null, null,
          null, e.getMessage()), cause);
    }
    if (e instanceof IOException) {
      return new TransportException(errors.noResponse(operationId, describe(e)), cause);
    }
    return (RuntimeException) e;
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
