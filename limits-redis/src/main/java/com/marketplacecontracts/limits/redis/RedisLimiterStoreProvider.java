package com.marketplacecontracts.limits.redis;

import com.marketplacecontracts.core.ratelimit.LimiterStore;
import com.marketplacecontracts.core.ratelimit.LimiterStoreProvider;
import java.net.URI;
import java.time.Duration;

/**
 * Opens {@code redis://} and {@code rediss://} limits stores. The optional query parameter {@code lease} (seconds)
 * sets how long a permit may be held before Redis gives it back, e.g. {@code redis://127.0.0.1:6379?lease=30}; other
 * parts of the URI are Lettuce's.
 */
public final class RedisLimiterStoreProvider implements LimiterStoreProvider {

  @Override
  public boolean supports(String scheme) {
    return "redis".equalsIgnoreCase(scheme) || "rediss".equalsIgnoreCase(scheme);
  }

  @Override
  public LimiterStore open(URI uri) {
    Duration lease = RedisLimiterStore.DEFAULT_LEASE;
    StringBuilder rest = new StringBuilder();
    if (uri.getRawQuery() != null) {
      for (String parameter : uri.getRawQuery().split("&")) {
        if (parameter.startsWith("lease=")) {
          try {
            lease = Duration.ofSeconds(Long.parseLong(parameter.substring("lease=".length())));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limits store: lease must be whole seconds");
          }
        } else if (!parameter.isEmpty()) {
          rest.append(rest.length() == 0 ? "?" : "&").append(parameter);
        }
      }
    }
    String text = uri.toString();
    int query = text.indexOf('?');
    return new RedisLimiterStore((query < 0 ? text : text.substring(0, query)) + rest, lease);
  }
}
