package com.marketplacecontracts.core.auth;

import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.Operations;
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

  private final Credential credential;

  public UnauthorizedRetryInterceptor(Credential credential) {
    this.credential = credential;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.code() != 401) {
      return response;
    }
    String rejected = response.request().header(credential.headerName());
    if (!credential.invalidate(rejected) || !repeatable(chain.request())) {
      return response;
    }
    response.close();
    return chain.proceed(chain.request());
  }

  private static boolean repeatable(Request request) {
    ApiOperation operation = Operations.of(request);
    return request.body() == null || operation != null && operation.idempotent();
  }
}
