package com.marketplacecontracts.core.operation;

import java.util.Locale;

/**
 * Which limit a rate-limit answer (420, 429) or a client-side hold is about. Yandex answers 420 to both kinds and
 * says which in the message: a quota (wait for the reset the server gives) or its cap on parallel requests per
 * campaign or business (retry as soon as one of the account's requests finishes).
 */
public enum RateLimitKind {
  /** The quota per period is spent. */
  QUOTA,
  /** Too many requests of the account in flight at once. */
  PARALLEL;

  /** The kind a rate-limit answer's body text reports: parallel when its message says so, else the quota. */
  public static RateLimitKind ofBody(String body) {
    if (body == null) {
      return QUOTA;
    }
    String text = body.toLowerCase(Locale.ROOT);
    return text.contains("parallel") || text.contains("параллельн") ? PARALLEL : QUOTA;
  }
}
