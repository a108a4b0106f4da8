package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.Operations;
import com.marketplacecontracts.core.retry.RetryConfig;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * On a 401, tells the credential its value was rejected and, when it can get a new one (a refreshable token),
 * repeats the request once — only a request that may be sent twice: an operation the spec marks
 * {@code x-idempotent}, or one without a body. A second 401 (or the 401 of a write) is the caller's.
 */
public final class UnauthorizedRetryInterceptor implements Interceptor {

  /** The client's credential, or null; a call's own (a {@link Credential} tag) takes its place. */
  private final Credential credential;

  public UnauthorizedRetryInterceptor(Credential credential) {
    this.credential = credential;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    Credential own = chain.request().tag(Credential.class);
    Credential credential = own != null ? own : this.credential;
    if (response.code() != 401 || credential == null || once(chain.request())) {
      return response;
    }
    String rejected = response.request().header(credential.headerName());
    if (!credential.invalidate(rejected) || !repeatable(chain.request())) {
      return response;
    }
    response.close();
    return chain.proceed(chain.request());
  }

  /** A call whose options turn retries off ({@link RetryConfig#none()}) is sent once, a refreshed token or not. */
  private static boolean once(Request request) {
    RetryConfig own = request.tag(RetryConfig.class);
    return own != null && own.maxAttempts() == 1;
  }

  private static boolean repeatable(Request request) {
    ApiOperation operation = Operations.of(request);
    return request.body() == null || operation != null && operation.idempotent();
  }
}
