package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.error.ErrorDecoder;
import com.marketplacecontracts.core.error.ResponseTooLargeException;
import com.marketplacecontracts.core.operation.Operations;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import retrofit2.Invocation;

/**
 * The one place where answers are bounded ({@link ResponseLimits}). An application interceptor, so it sees the body
 * after OkHttp's transparent gzip: the limit counts decompressed bytes, while they are read, before anything buffers
 * them (Retrofit buffers error bodies whole; the retry loop buffers successful ones). A successful body past the
 * limit fails with {@link ResponseTooLargeException}; an error body simply ends after its prefix; every body must
 * arrive within the body timeout. It also notes each answer's status for the call, so a 2xx that cannot be decoded
 * is reported with its status.
 */
final class ResponseLimitInterceptor implements Interceptor {

  private final ResponseLimits limits;
  private final ErrorDecoder failures;
  private final Map<Invocation, Integer> statuses;

  ResponseLimitInterceptor(ResponseLimits limits, ErrorDecoder failures, Map<Invocation, Integer> statuses) {
    this.limits = limits;
    this.failures = failures;
    this.statuses = statuses;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    Invocation invocation = request.tag(Invocation.class);
    if (invocation != null) {
      statuses.put(invocation, response.code());
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
          .body(ResponseBody.create(Okio.buffer(new Prefix(source, limits.maxErrorBodyBytes(), deadline)),
              body.contentType(), -1))
          .build();
    }
    long limit = limits.maxBodyBytes();
    if (body.contentLength() > limit) {
      response.close();
      throw tooLarge(request, response, "declared Content-Length " + body.contentLength()).inTransit();
    }
    return response.newBuilder()
        .body(ResponseBody.create(Okio.buffer(new Bounded(source, limit, deadline, request, response)),
            body.contentType(), body.contentLength()))
        .build();
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
      long n = super.read(sink, Math.min(byteCount, limit - read + 1));
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

    Prefix(BufferedSource delegate, long limit, long deadline) {
      super(delegate);
      this.remaining = limit;
      this.deadline = deadline;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      checkDeadline(deadline);
      long n = super.read(sink, Math.min(byteCount, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }
}
