package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Operations;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Interceptor;
import okhttp3.Response;
import retrofit2.Invocation;

/**
 * Tells {@link ClientEvents} once per client and operation that a call goes to an operation the marketplace
 * deprecated, naming its successor, so users learn before the marketplace switches it off.
 */
final class DeprecationNotice implements Interceptor {

  private final ClientEvents events;
  private final Set<String> told = ConcurrentHashMap.newKeySet();

  DeprecationNotice(ClientEvents events) {
    this.events = events;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    ApiOperation operation = Operations.of(chain.request());
    if (operation != null && isDeprecated(chain) && told.add(operation.id())) {
      events.deprecatedOperation(operation.id(), operation.replacementOperationId(), operation.shutdownDate());
    }
    return chain.proceed(chain.request());
  }

  private static boolean isDeprecated(Chain chain) {
    Invocation invocation = chain.request().tag(Invocation.class);
    return invocation != null && invocation.method().isAnnotationPresent(Deprecated.class);
  }
}
