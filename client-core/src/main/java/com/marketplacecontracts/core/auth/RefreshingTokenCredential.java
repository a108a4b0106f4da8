package com.marketplacecontracts.core.auth;

import com.marketplacecontracts.core.time.TimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * A bearer token obtained from a token endpoint: fetched on first use, cached, refreshed a margin before it expires
 * and once after a 401. Concurrent callers share one in-flight fetch (no stampede): the fetch runs under a lock and
 * the others wait for its result.
 */
public final class RefreshingTokenCredential implements Credential {

  /** Fetches a new token. Implementations call the token endpoint; they must not log the secret. */
  @FunctionalInterface
  public interface TokenFetcher {
    AccessToken fetch() throws IOException;
  }

  /**
   * A token and how long it lives.
   *
   * @param value    the token
   * @param lifetime its lifetime from now
   */
  public record AccessToken(String value, Duration lifetime) {
    public AccessToken {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(lifetime, "lifetime");
    }

    @Override
    public String toString() {
      return "AccessToken(***, lifetime=" + lifetime + ")";
    }
  }

  private final TokenFetcher fetcher;
  private final TimeSource time;
  private final Duration refreshMargin;
  private final Object lock = new Object();
  private volatile String current;
  private volatile long expiresAtNanos;

  public RefreshingTokenCredential(TokenFetcher fetcher, TimeSource time, Duration refreshMargin) {
    this.fetcher = fetcher;
    this.time = time;
    this.refreshMargin = refreshMargin;
  }

  @Override
  public String headerName() {
    return "Authorization";
  }

  @Override
  public String headerValue() throws IOException {
    String token = current;
    if (token != null && !expiresSoon()) {
      return "Bearer " + token;
    }
    synchronized (lock) {
      if (current == null || expiresSoon()) {
        AccessToken fresh = fetcher.fetch();
        long lifetime = Math.max(0, fresh.lifetime().minus(refreshMargin).toNanos());
        expiresAtNanos = time.nanoTime() + lifetime;
        current = fresh.value();
      }
      return "Bearer " + current;
    }
  }

  @Override
  public boolean invalidate(String rejectedValue) {
    synchronized (lock) {
      // Only drop the token that was rejected: another thread may already have refreshed it.
      if (current != null && (rejectedValue == null || rejectedValue.equals("Bearer " + current))) {
        current = null;
      }
      return true;
    }
  }

  private boolean expiresSoon() {
    return time.nanoTime() - expiresAtNanos >= 0;
  }

  @Override
  public String toString() {
    return "RefreshingTokenCredential(Authorization: Bearer ***)";
  }
}
