package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.internal.error.RetryAfter;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Operations;
import com.marketplacecontracts.core.operation.RateLimitKind;
import com.marketplacecontracts.core.time.Deadline;
import com.marketplacecontracts.core.time.TimeSource;
import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * Retries an operation the spec marks safe to repeat ({@code x-idempotent}) on 420, 429, 5xx and I/O failures. A 420
 * for the quota waits for the reset the server gives; a 420 for too many parallel requests is retried after a short
 * wait.
 * Failsafe's retry policy decides (attempts, exponential backoff, jitter); this loop sleeps through the injectable
 * {@link TimeSource}, waits at least as long as the server asks, and stops when the total budget or the call's
 * {@link Deadline} would be exceeded by the wait.
 * A successful body is read inside the loop, so a failure mid-body is retried too.
 * Anything else — writes, other 4xx, a call whose options turn retries off (a {@link RetryConfig#none()} tag) — goes
 * through exactly once.
 */
public final class RetryInterceptor implements Interceptor {

  /**
   * The wait before retrying a 420 for too many parallel requests: one of the account's requests finishes within
   * moments, and the client's own limiter queues the retry for the next free slot.
   */
  static final Duration PARALLEL_LIMIT_DELAY = Duration.ofMillis(100);

  private final RetryConfig config;
  private final TimeSource time;
  private final Clock clock;
  private final ClientEvents events;
  private final RetryPolicy<Response> policy;

  public RetryInterceptor(RetryConfig config, TimeSource time, Clock clock, ClientEvents events) {
    this.config = config;
    this.time = time;
    this.clock = clock;
    this.events = events;
    // Immutable and thread-safe: built once; each call gets its own Execution.
    this.policy = config.maxAttempts() == 1 ? null : RetryPolicy.<Response>builder()
        .handleResultIf(response -> retryableStatus(response.code()))
        .handle(IOException.class)
        .withMaxAttempts(config.maxAttempts())
        .withBackoff(config.baseDelay(), config.maxDelay())
        .withJitter(config.jitter())
        .build();
  }

  /** Statuses worth another attempt: Yandex's 420, 429 and every 5xx. */
  public static boolean retryableStatus(int code) {
    return code == 420 || code == 429 || code >= 500;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    ApiOperation operation = Operations.of(request);
    // A call's own RetryConfig (its RequestOptions) can only turn retries off, never on for a write.
    RetryConfig own = request.tag(RetryConfig.class);
    if (policy == null || operation == null || !operation.idempotent() || own != null && own.maxAttempts() == 1) {
      return chain.proceed(request);
    }
    Execution<Response> execution = Execution.of(policy);
    long started = time.nanoTime();
    int attempt = 0;
    while (true) {
      attempt++;
      Response response = null;
      IOException failure = null;
      try {
        response = buffered(chain.proceed(request));
      } catch (IOException e) {
        if (chain.call().isCanceled() || !retryable(e)) {
          throw e;
        }
        failure = e;
      }
      execution.record(response, failure);
      if (execution.isComplete()) {
        return finish(response, failure);
      }
      boolean parallelLimit = response != null && response.code() == 420
          && RateLimitKind.ofBody(response.peekBody(8192).string()) == RateLimitKind.PARALLEL;
      Optional<Duration> serverWait = response == null || parallelLimit ? Optional.empty()
          : response.code() == 420 ? RetryAfter.quotaReset(response.headers(), clock)
          : RetryAfter.from(response.headers(), clock);
      if (serverWait.isPresent() && serverWait.get().compareTo(config.maxServerWait()) > 0) {
        return finish(response, failure);
      }
      Duration delay = execution.getDelay();
      if (parallelLimit) {
        delay = PARALLEL_LIMIT_DELAY; // not the quota: no need to wait for its reset or to back off
      } else if (serverWait.isPresent() && serverWait.get().compareTo(delay) > 0) {
        delay = serverWait.get();
      }
      Duration elapsed = Duration.ofNanos(time.nanoTime() - started);
      if (elapsed.plus(delay).compareTo(config.maxTotal()) > 0 || pastDeadline(request, delay)) {
        return finish(response, failure);
      }
      String reason = response != null ? "HTTP " + response.code() + (parallelLimit ? " (parallel limit)"
          : response.code() == 420 ? " (quota)" : "")
          : failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
      events.retrying(operation.id(), attempt, reason, delay);
      if (response != null) {
        response.close();
      }
      try {
        time.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting to retry " + operation.id());
      }
    }
  }

  /**
   * True when waiting {@code delay} would outlast the call's deadline: the last answer (a 420/429 becomes a
   * {@code RateLimitedException}) is reported now rather than after a wait the call timeout would cut short.
   */
  private static boolean pastDeadline(Request request, Duration delay) {
    Deadline deadline = request.tag(Deadline.class);
    return deadline != null && delay.compareTo(deadline.remaining()) >= 0;
  }

  /**
   * Reads a successful body completely inside the retry loop, so a connection cut or a read timeout in the middle of
   * the body is retried like any other I/O failure instead of surfacing later in the JSON decoder.
   */
  private static Response buffered(Response response) throws IOException {
    ResponseBody body = response.body();
    if (!response.isSuccessful() || body == null) {
      return response;
    }
    // Into a Buffer, whose segments the new body takes over: no byte array and no second copy of the body.
    Buffer bytes = new Buffer();
    try (body) {
      bytes.writeAll(body.source());
    }
    return response.newBuilder().body(ResponseBody.create(bytes, body.contentType(), bytes.size())).build();
  }

  /**
   * Not worth repeating: a failure that is already typed (the client's own quota said no, or the token exchange
   * failed after its own retries).
   */
  private static boolean retryable(IOException e) {
    return MarketplaceException.carriedBy(e) == null;
  }

  private static Response finish(Response response, IOException failure) throws IOException {
    if (response != null) {
      return response;
    }
    throw failure;
  }
}
