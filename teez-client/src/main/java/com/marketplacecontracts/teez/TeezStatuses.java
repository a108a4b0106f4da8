package com.marketplacecontracts.teez;

import java.util.Locale;
import java.util.Set;

/**
 * Teez does not publish the status strings of imported products and SKUs, so the client keeps them as strings and
 * this class is the one place that reads meaning into them. Comparison ignores case, {@code _}, {@code -} and
 * spaces ({@code IN_PROGRESS}, {@code InProgress} and {@code in progress} are the same).
 */
public final class TeezStatuses {

  /** Statuses meaning "still being processed". */
  public static final Set<String> PENDING =
      Set.of("pending", "queued", "new", "processing", "inprogress", "inqueue", "running", "onmoderation",
          "moderation");

  private TeezStatuses() {
  }

  /** The comparison key of a status: lower case, without {@code _}, {@code -} and spaces. */
  public static String key(String status) {
    return status == null ? "" : status.toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]", "");
  }

  /** True when {@code status} means the product or SKU is still being processed. */
  public static boolean isPending(String status) {
    return PENDING.contains(key(status));
  }
}
