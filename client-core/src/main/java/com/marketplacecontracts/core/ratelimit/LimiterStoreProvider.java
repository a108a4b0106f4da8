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

  /**
   * Checks {@code uri} without connecting, so that a client refuses a URI it could never use when it is built rather
   * than on its first call.
   *
   * @throws InvalidLimitsStoreException naming the part of the URI that cannot be used and why
   */
  default void check(URI uri) {
  }

  /**
   * Opens a store; may fail fast when the store cannot be reached.
   *
   * @throws InvalidLimitsStoreException as {@link #check}
   */
  LimiterStore open(URI uri);
}
