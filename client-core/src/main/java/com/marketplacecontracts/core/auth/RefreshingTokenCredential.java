package com.marketplacecontracts.core.auth;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.time.TimeSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bearer token obtained from a token endpoint: fetched on first use, cached, refreshed a margin before it expires
 * and once after a 401.
 *
 * <ul>
 *   <li>One fetch at a time, on a background thread; every caller — the one that started it too — waits for it at
 *       most until its own call's deadline, so a hanging token endpoint holds no caller past its call timeout.</li>
 *   <li>A failed fetch is remembered: callers in the next second (doubling per consecutive failure, up to a minute)
 *       get the same failure at once instead of each running its own fetch with retries.</li>
 *   <li>The refresh margin shrinks for short lifetimes (at most half the lifetime), and a lifetime of zero or less
 *       (unknown) keeps the token for 10 s, so a short-lived token does not cost a token request per call.</li>
 * </ul>
 */
public final class RefreshingTokenCredential implements Credential {

  /** How long a token whose lifetime is unknown (0 or negative) is used before it is fetched again. */
  static final Duration UNKNOWN_LIFETIME_REUSE = Duration.ofSeconds(10);
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private static final ExecutorService FETCHES = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "marketplace-token-fetch");
    thread.setDaemon(true);
    return thread;
  });

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
  // Guarded by lock.
  private CompletableFuture<String> inFlight;
  private IOException lastFailure;
  private long failedUntilNanos;
  private int failuresInARow;

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
    return headerValue(null);
  }

  @Override
  public String headerValue(Duration maxWait) throws IOException {
    String token = current;
    if (token != null && !expiresSoon()) {
      return "Bearer " + token;
    }
    CompletableFuture<String> fetch;
    synchronized (lock) {
      if (current != null && !expiresSoon()) {
        return "Bearer " + current;
      }
      if (inFlight == null) {
        if (lastFailure != null && time.nanoTime() - failedUntilNanos < 0) {
          throw remembered(lastFailure);
        }
        inFlight = CompletableFuture.supplyAsync(this::fetchAndKeep, FETCHES);
      }
      fetch = inFlight;
    }
    try {
      return "Bearer " + (maxWait == null ? fetch.get() : fetch.get(maxWait.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      throw new InterruptedIOException("timed out after " + maxWait.toMillis() + " ms waiting for an access token");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for an access token");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause() : e.getCause();
      throw remembered(cause instanceof IOException io ? io : new IOException("token fetch failed", cause));
    }
  }

  /** Runs on a background thread: one fetch, its outcome kept for every waiter. */
  private String fetchAndKeep() {
    try {
      AccessToken fresh = fetcher.fetch();
      synchronized (lock) {
        expiresAtNanos = time.nanoTime() + usableFor(fresh.lifetime()).toNanos();
        current = fresh.value();
        lastFailure = null;
        failuresInARow = 0;
        inFlight = null;
      }
      return fresh.value();
    } catch (IOException | RuntimeException e) {
      IOException failure = e instanceof IOException io ? io : new IOException("token fetch failed", e);
      synchronized (lock) {
        lastFailure = failure;
        failuresInARow++;
        long backoff = Math.min(MAX_BACKOFF.toNanos(), FIRST_BACKOFF.toNanos() << Math.min(failuresInARow - 1, 16));
        failedUntilNanos = time.nanoTime() + backoff;
        inFlight = null;
      }
      throw new CompletionException(failure);
    }
  }

  /** How long a token of {@code lifetime} is used: the lifetime less the margin, the margin at most half of it. */
  Duration usableFor(Duration lifetime) {
    if (lifetime.isZero() || lifetime.isNegative()) {
      return UNKNOWN_LIFETIME_REUSE;
    }
    Duration half = lifetime.dividedBy(2);
    return lifetime.minus(refreshMargin.compareTo(half) > 0 ? half : refreshMargin);
  }

  /** The remembered failure, as a fresh exception for this caller with the same cause (a typed failure stays typed). */
  private static IOException remembered(IOException failure) {
    MarketplaceException typed = MarketplaceException.carriedBy(failure);
    if (typed != null) {
      return typed.inTransit();
    }
    if (failure.getCause() instanceof RuntimeException cause) {
      return new IOException(failure.getMessage(), cause);
    }
    return new IOException(failure.getMessage(), failure);
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

  @Override
  public Collection<String> secrets() {
    String token = current;
    return token == null ? List.of() : List.of(token);
  }

  private boolean expiresSoon() {
    return time.nanoTime() - expiresAtNanos >= 0;
  }

  @Override
  public String toString() {
    return "RefreshingTokenCredential(Authorization: Bearer ***)";
  }
}
