package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.http.ResponseLimits;
import com.marketplacecontracts.core.internal.error.ErrorDecoder;
import com.marketplacecontracts.core.error.ResponseTooLargeException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.operation.Operations;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * The one place where answers are bounded ({@link ResponseLimits}). An application interceptor, so it sees the body
 * after OkHttp's transparent gzip: the limit counts decompressed bytes, while they are read, before anything buffers
 * them (Retrofit buffers error bodies whole; the retry loop buffers successful ones). A successful body past the
 * limit fails with {@link ResponseTooLargeException}; an error body simply ends after its prefix; every body must
 * arrive within the body timeout. A compressed body is refused up front when its declared (compressed) length is
 * already past the limit. Anything but an I/O failure thrown while a body is read is a typed
 * {@link UnreadableResponseException} too. It also notes each answer's status for the call, so a 2xx that cannot
 * be decoded is reported with its status.
 */
final class ResponseLimitInterceptor implements Interceptor {

  private final ResponseLimits limits;
  private final ErrorDecoder failures;
  ResponseLimitInterceptor(ResponseLimits limits, ErrorDecoder failures) {
    this.limits = limits;
    this.failures = failures;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    CallState state = request.tag(CallState.class);
    if (state != null) {
      state.status = response.code();
      state.requestId = ErrorDecoder.requestId(response.headers());
    }
    ResponseBody body = response.body();
    if (body == null) {
      return response;
    }
    BufferedSource source = body.source();
    // The deadline interrupts a read that blocks past it; each read also checks it, so a body trickled a byte at a
    // time ends there too whatever the socket does.
    source.timeout().deadline(limits.bodyTimeout().toNanos(), TimeUnit.NANOSECONDS);
    long deadline = System.nanoTime() + limits.bodyTimeout().toNanos();
    if (!response.isSuccessful()) {
      return response.newBuilder()
          .body(ResponseBody.create(
              Okio.buffer(new Prefix(source, limits.maxErrorBodyBytes(), deadline, request, response)),
              body.contentType(), -1))
          .build();
    }
    long limit = limits.maxBodyBytes();
    long declared = declaredLength(response);
    if (declared > limit) {
      response.close();
      throw tooLarge(request, response, "declared Content-Length " + declared).inTransit();
    }
    return response.newBuilder()
        .body(ResponseBody.create(Okio.buffer(new Bounded(source, limit, deadline, request, response)),
            body.contentType(), body.contentLength()))
        .build();
  }

  /**
   * The length the answer declares: the body's, or for a body OkHttp decompresses (which then has none) the
   * compressed length on the wire — the body inflates to at least about that much.
   */
  private static long declaredLength(Response response) {
    long length = response.body() == null ? -1 : response.body().contentLength();
    Response network = response.networkResponse();
    String wire = network == null ? null : network.header("Content-Length");
    if (wire != null) {
      try {
        length = Math.max(length, Long.parseLong(wire.trim()));
      } catch (NumberFormatException e) {
        // ExchangeGuard refuses such an answer before it gets here
      }
    }
    return length;
  }

  private ResponseTooLargeException tooLarge(Request request, Response response, String what) {
    long limit = limits.maxBodyBytes();
    return new ResponseTooLargeException(failures.details(Operations.id(request), response.code(), null,
        ErrorDecoder.requestId(response.headers()), null,
        "body larger than the limit of " + limit + " bytes (" + what + "); see ResponseLimits"), limit);
  }

  private void checkDeadline(long deadline) throws SocketTimeoutException {
    if (System.nanoTime() - deadline > 0) {
      throw new SocketTimeoutException("the body did not arrive within " + limits.bodyTimeout().toMillis()
          + " ms of its headers (see ResponseLimits.bodyTimeout)");
    }
  }

  private interface Read {
    long read() throws IOException;
  }

  /**
   * One read of the body, where anything but an I/O failure (a library's own check that the answer broke) becomes a
   * typed, final failure instead of escaping the interceptor chain (on the async path, OkHttp's dispatcher thread).
   */
  private long guarded(Read read, Request request, Response response) throws IOException {
    try {
      return read.read();
    } catch (RuntimeException e) {
      throw new UnreadableResponseException(failures.details(Operations.id(request), response.code(), null,
          ErrorDecoder.requestId(response.headers()), null, "the body could not be read ("
              + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"), failures.redactor().cause(e))
          .inTransit();
    }
  }

  /** Fails the read once more than {@code limit} bytes came through. */
  private final class Bounded extends ForwardingSource {
    private final long limit;
    private final long deadline;
    private final Request request;
    private final Response response;
    private long read;

    Bounded(BufferedSource delegate, long limit, long deadline, Request request, Response response) {
      super(delegate);
      this.limit = limit;
      this.deadline = deadline;
      this.request = request;
      this.response = response;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      checkDeadline(deadline);
      // Ask for at most one byte past the limit, so exceeding it is seen without reading (or inflating) more.
      long n = guarded(() -> super.read(sink, Math.min(byteCount, limit - read + 1)), request, response);
      if (n > 0) {
        read += n;
        if (read > limit) {
          throw tooLarge(request, response, "more than " + limit + " bytes read").inTransit();
        }
      }
      return n;
    }
  }

  /** Ends the body after {@code limit} bytes. */
  private final class Prefix extends ForwardingSource {
    private final long deadline;
    private long remaining;

    private final Request request;
    private final Response response;

    Prefix(BufferedSource delegate, long limit, long deadline, Request request, Response response) {
      super(delegate);
      this.request = request;
      this.response = response;
      this.remaining = limit;
      this.deadline = deadline;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      checkDeadline(deadline);
      long n = guarded(() -> super.read(sink, Math.min(byteCount, remaining)), request, response);
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }
}
