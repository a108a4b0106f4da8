package com.marketplacecontracts.core.auth;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * On a 401, tells the credential its value was rejected and, when it can get a new one (a refreshable token),
 * repeats the request once. A second 401 is the caller's.
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
    if (!credential.invalidate(rejected)) {
      return response;
    }
    response.close();
    return chain.proceed(chain.request());
  }
}
