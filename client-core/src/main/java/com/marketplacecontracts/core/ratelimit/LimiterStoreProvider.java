package com.marketplacecontracts.core.ratelimit;

import java.net.URI;

/**
 * Opens a shared {@link LimiterStore} from a connection URI. Implementations register through
 * {@link java.util.ServiceLoader} ({@code META-INF/services}), so a store's client library is only on the class path
 * of applications that add its module (e.g. {@code limits-redis} for {@code redis://} URIs).
 */
public interface LimiterStoreProvider {

  /** True when this provider opens URIs of this scheme. */
  boolean supports(String scheme);

  /** Opens a store; may fail fast when the store cannot be reached. */
  LimiterStore open(URI uri);
}
