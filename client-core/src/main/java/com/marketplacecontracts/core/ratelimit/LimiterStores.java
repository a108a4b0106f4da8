package com.marketplacecontracts.core.ratelimit;

import java.net.URI;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared limiter stores by connection URI: one per URI and JVM, so every client of the process that names the same
 * store shares its connection, permits and buckets.
 */
public final class LimiterStores {

  private static final Map<URI, LimiterStore> OPEN = new ConcurrentHashMap<>();

  private LimiterStores() {
  }

  /**
   * The store at {@code uri}, opened on first use.
   *
   * @throws IllegalArgumentException when no module on the class path handles the URI's scheme
   */
  public static LimiterStore open(URI uri) {
    return OPEN.computeIfAbsent(uri, LimiterStores::connect);
  }

  /** Checks that a store module handles {@code uri}'s scheme, without connecting. */
  public static void checkSupported(URI uri) {
    provider(uri);
  }

  private static LimiterStore connect(URI uri) {
    return provider(uri).open(uri);
  }

  private static LimiterStoreProvider provider(URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null) {
      throw new IllegalArgumentException("limits store URI needs a scheme such as redis://: " + redacted(uri));
    }
    for (LimiterStoreProvider provider : ServiceLoader.load(LimiterStoreProvider.class)) {
      if (provider.supports(scheme)) {
        return provider;
      }
    }
    throw new IllegalArgumentException("no limits store for '" + scheme + "://' on the class path (for redis:// add"
        + " the limits-redis module)");
  }

  /** The URI without its user information (a password may be there). */
  public static String redacted(URI uri) {
    return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
  }
}
