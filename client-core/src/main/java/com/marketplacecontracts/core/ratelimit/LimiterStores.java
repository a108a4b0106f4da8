package com.marketplacecontracts.core.ratelimit;

import com.marketplacecontracts.core.internal.error.UriMask;
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
   * @throws InvalidLimitsStoreException when no module on the class path handles the URI's scheme, or its module
   *                                     cannot use it
   */
  public static LimiterStore open(URI uri) {
    return OPEN.computeIfAbsent(uri, LimiterStores::connect);
  }

  /**
   * Checks that a store module handles {@code uri}'s scheme and can use the URI, without connecting.
   *
   * @throws InvalidLimitsStoreException naming the part of the URI that cannot be used and why
   */
  public static void checkSupported(URI uri) {
    provider(uri).check(uri);
  }

  private static LimiterStore connect(URI uri) {
    return provider(uri).open(uri);
  }

  private static LimiterStoreProvider provider(URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null) {
      throw new InvalidLimitsStoreException("scheme", "missing: give one such as redis://");
    }
    for (LimiterStoreProvider provider : ServiceLoader.load(LimiterStoreProvider.class)) {
      if (provider.supports(scheme)) {
        return provider;
      }
    }
    throw new InvalidLimitsStoreException("scheme", "no limits store for '" + UriMask.mask(scheme) + "://' on the"
        + " class path (for redis:// add the limits-redis module)");
  }

  /** The URI as it may be shown: its user information (a password may be there) and query values masked. */
  public static String redacted(URI uri) {
    return UriMask.mask(uri.toString());
  }
}
