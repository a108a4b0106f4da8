package com.marketplacecontracts.core.error;

import java.io.IOException;
import java.util.Objects;

/**
 * The one carrier of a failure that is already typed (a spent client-side quota, a refused redirect, a failed token
 * exchange) through OkHttp's interceptor chain, which lets only {@link IOException}s pass: made by
 * {@link MarketplaceException#inTransit()}, read by {@link MarketplaceException#carriedBy}. Never retried; the
 * client's call throws {@link #failure()} itself, so callers never see this class.
 */
final class TypedFailure extends IOException {

  private final MarketplaceException failure;

  TypedFailure(MarketplaceException failure) {
    super(Objects.requireNonNull(failure, "failure").getMessage(), failure);
    this.failure = failure;
  }

  /** The failure to throw to the caller. */
  MarketplaceException failure() {
    return failure;
  }
}
