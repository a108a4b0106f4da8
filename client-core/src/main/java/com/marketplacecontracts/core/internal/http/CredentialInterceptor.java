package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.RequestValidationException.Violation;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.time.Deadline;
import java.io.IOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import retrofit2.Invocation;

/**
 * A network interceptor, so it sees every hop including redirects: it puts the credential on requests to the
 * configured origin and strips it (and any {@code Authorization}) from a request that a redirect sends elsewhere.
 * OkHttp drops {@code Authorization} on a cross-host redirect by itself, but not a custom header like
 * {@code Api-Key}. A value that is not a valid header value is refused here, without the value in the message.
 */
public final class CredentialInterceptor implements Interceptor {

  private final Marketplace marketplace;
  /** The client's credential, or null; a call's own (a {@link Credential} tag, from its options) replaces it. */
  private final Credential credential;
  private final HttpUrl home;

  public CredentialInterceptor(Marketplace marketplace, Credential credential, HttpUrl home) {
    this.marketplace = marketplace;
    this.credential = credential;
    this.home = home;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Credential own = request.tag(Credential.class);
    Credential credential = own != null ? own : this.credential;
    if (credential == null) {
      return chain.proceed(request);
    }
    HttpUrl url = request.url();
    Request.Builder builder = request.newBuilder();
    if (own != null && this.credential != null && !this.credential.headerName().equalsIgnoreCase(own.headerName())) {
      builder.removeHeader(this.credential.headerName());   // one credential per request, never two
    }
    if (Origins.same(url, home)) {
      Deadline deadline = request.tag(Deadline.class);
      String value = deadline == null ? credential.headerValue() : credential.headerValue(deadline.remaining());
      String token = value.startsWith("Bearer ") ? value.substring("Bearer ".length()) : value;
      if (!Credential.isHeaderSafe(token)) {
        Invocation call = request.tag(Invocation.class);
        throw new RequestValidationException(marketplace, call == null ? "unknown" : call.method().getName(),
            List.of(new Violation(
                credential.headerName(), "***", Credential.VALUE_RULE))).inTransit();
      }
      builder.header(credential.headerName(), value);
    } else {
      builder.removeHeader(credential.headerName()).removeHeader("Authorization");
    }
    return chain.proceed(builder.build());
  }

  @Override
  public String toString() {
    return "CredentialInterceptor(" + (credential == null ? "per call" : credential) + " for " + home.host() + ")";
  }
}
