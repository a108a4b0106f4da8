package com.marketplacecontracts.core.http;

import java.util.Objects;

/**
 * Which redirects an API call follows. A request with a body is never redirected (its body — e.g. the Teez client
 * secret — is not re-sent anywhere); a redirect to another origin (scheme, host or port) is refused unless
 * {@code crossOrigin}, and then credentials are still stripped from the request. Every refusal is a
 * {@code RedirectRefusedException}.
 */
public final class RedirectPolicy {

  private final int maxHops;
  private final boolean crossOrigin;

  private RedirectPolicy(int maxHops, boolean crossOrigin) {
    if (maxHops < 0) {
      throw new IllegalArgumentException("maxHops must be >= 0, was " + maxHops);
    }
    this.maxHops = maxHops;
    this.crossOrigin = crossOrigin;
  }

  /** Same-origin redirects of requests without a body, at most 5 hops. */
  public static RedirectPolicy sameOrigin() {
    return new RedirectPolicy(5, false);
  }

  /**
   * Redirects to any origin too, at most {@code maxHops}; credentials are stripped from every hop that leaves the
   * configured origin.
   */
  public static RedirectPolicy crossOrigin(int maxHops) {
    return new RedirectPolicy(maxHops, true);
  }

  /** No redirect is followed. */
  public static RedirectPolicy none() {
    return new RedirectPolicy(0, false);
  }

  /** Redirects followed at most per request. */
  public int maxHops() {
    return maxHops;
  }

  /** Whether a redirect may leave the configured origin. */
  public boolean crossOrigin() {
    return crossOrigin;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof RedirectPolicy other
        && maxHops == other.maxHops
        && crossOrigin == other.crossOrigin;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxHops, crossOrigin);
  }

  @Override
  public String toString() {
    return "RedirectPolicy[maxHops=" + maxHops + ", crossOrigin=" + crossOrigin + "]";
  }
}
