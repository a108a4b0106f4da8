package com.marketplacecontracts.limits.redis;

import com.marketplacecontracts.core.ratelimit.InvalidLimitsStoreException;
import com.marketplacecontracts.core.ratelimit.LimiterStore;
import com.marketplacecontracts.core.ratelimit.LimiterStoreProvider;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.time.Duration;

/**
 * Opens {@code redis://} and {@code rediss://} limits stores. The optional query parameter {@code lease} (whole
 * seconds, 1 to 86400) sets how long a permit may be held before Redis gives it back, e.g.
 * {@code redis://127.0.0.1:6379?lease=30}; other parts of the URI are Lettuce's. URIs are checked when a client is
 * built: a host Lettuce would misread (an underscore, a leading {@code -}), a port outside 1 to 65535 or a lease that
 * would switch the cross-process cap off are refused as {@link InvalidLimitsStoreException}.
 */
public final class RedisLimiterStoreProvider implements LimiterStoreProvider {

  @Override
  public boolean supports(String scheme) {
    return "redis".equalsIgnoreCase(scheme) || "rediss".equalsIgnoreCase(scheme);
  }

  @Override
  public void check(URI uri) {
    settings(uri);
  }

  @Override
  public LimiterStore open(URI uri) {
    Settings settings = settings(uri);
    return new RedisLimiterStore(settings.redisUri(), settings.lease());
  }

  /** What a URI says: Lettuce's URI (without our own parameter) and the lease. */
  private record Settings(String redisUri, Duration lease) {
  }

  private static Settings settings(URI uri) {
    // java.net.URI leaves the host null when the authority is not host[:port] (an underscore, a leading '-', a port
    // that is not a number); Lettuce would take "host:port" for the host name and connect to port 6379 instead.
    if (uri.getHost() == null) {
      throw new InvalidLimitsStoreException("host", "must be a host name (letters, digits, '-' and '.', not starting"
          + " with '-') or an IP address, followed by an optional :port");
    }
    if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
      throw new InvalidLimitsStoreException("port", "must be 1 to 65535");
    }
    Duration lease = null;
    StringBuilder rest = new StringBuilder();
    if (uri.getRawQuery() != null) {
      for (String parameter : uri.getRawQuery().split("&")) {
        if (parameter.equals("lease") || parameter.startsWith("lease=")) {
          if (lease != null) {
            throw new InvalidLimitsStoreException("lease", "given more than once");
          }
          lease = RedisLimiterStore.lease(parameter.substring(Math.min(parameter.length(), "lease=".length())));
        } else if (!parameter.isEmpty()) {
          rest.append(rest.length() == 0 ? "?" : "&").append(parameter);
        }
      }
    }
    String text = uri.toString();
    int query = text.indexOf('?');
    String redisUri = (query < 0 ? text : text.substring(0, query)) + rest;
    try {
      RedisURI.create(redisUri);
    } catch (RuntimeException e) {
      // not e's message: Lettuce's quotes the URI, password included
      throw new InvalidLimitsStoreException("URI", "not a Redis URI (redis://[[user]:password@]host[:port][/db])");
    }
    return new Settings(redisUri, lease == null ? RedisLimiterStore.DEFAULT_LEASE : lease);
  }
}
