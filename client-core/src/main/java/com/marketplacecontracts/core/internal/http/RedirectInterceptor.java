package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.http.RedirectPolicy;
import com.marketplacecontracts.core.internal.http.Origins;
import com.marketplacecontracts.core.internal.error.ErrorDecoder;
import com.marketplacecontracts.core.error.RedirectRefusedException;
import com.marketplacecontracts.core.operation.Operations;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The one place redirects are decided ({@link RedirectPolicy}); OkHttp's own following is off. A request with a body
 * is never redirected, a redirect to another origin is refused by default, and hops are bounded; each refusal is a
 * typed {@link RedirectRefusedException}, never retried. A followed hop keeps its method (only body-less requests
 * get here), and goes through the credential interceptor again, which sends credentials to the home origin only.
 */
final class RedirectInterceptor implements Interceptor {

  private final RedirectPolicy policy;
  private final HttpUrl home;
  private final ErrorDecoder failures;

  RedirectInterceptor(RedirectPolicy policy, HttpUrl home, ErrorDecoder failures) {
    this.policy = policy;
    this.home = home;
    this.failures = failures;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    for (int hops = 0; ; hops++) {
      Response response = chain.proceed(request);
      String location = response.header("Location");
      if (!isRedirect(response.code()) || location == null) {
        return response;
      }
      response.close();
      HttpUrl target = request.url().resolve(location);
      String refusal;
      if (target == null) {
        refusal = "its Location is not a URL";
      } else if (!Origins.same(target, home) && !policy.crossOrigin()) {
        refusal = "it leads to another origin, " + origin(target);
      } else if (request.body() != null) {
        refusal = "the request has a body, which is never sent again";
      } else if (hops >= policy.maxHops()) {
        refusal = "more than " + policy.maxHops() + " redirects";
      } else {
        request = request.newBuilder().url(target).build();
        continue;
      }
      throw new RedirectRefusedException(failures.details(Operations.id(request), response.code(), null,
          ErrorDecoder.requestId(response.headers()), null,
          "the server redirected " + request.method() + " " + origin(request.url()) + " and " + refusal
              + "; see RedirectPolicy")).inTransit();
    }
  }

  private static boolean isRedirect(int code) {
    return code == 300 || code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  private static String origin(HttpUrl url) {
    return url.scheme() + "://" + url.host() + ":" + url.port();
  }
}
