package com.marketplacecontracts.core.auth;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A network interceptor, so it sees every hop including redirects: it puts the credential on requests to the
 * configured host and strips it (and any {@code Authorization}) from a request that a redirect sends elsewhere.
 * OkHttp drops {@code Authorization} on a cross-host redirect by itself, but not a custom header like
 * {@code Api-Key}.
 */
public final class CredentialInterceptor implements Interceptor {

  private final Credential credential;
  private final HttpUrl home;

  public CredentialInterceptor(Credential credential, HttpUrl home) {
    this.credential = credential;
    this.home = home;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpUrl url = request.url();
    boolean sameOrigin = url.host().equalsIgnoreCase(home.host()) && url.port() == home.port()
        && url.scheme().equals(home.scheme());
    Request.Builder builder = request.newBuilder();
    if (sameOrigin) {
      builder.header(credential.headerName(), credential.headerValue());
    } else {
      builder.removeHeader(credential.headerName()).removeHeader("Authorization");
    }
    return chain.proceed(builder.build());
  }

  @Override
  public String toString() {
    return "CredentialInterceptor(" + credential + " for " + home.host() + ")";
  }
}
