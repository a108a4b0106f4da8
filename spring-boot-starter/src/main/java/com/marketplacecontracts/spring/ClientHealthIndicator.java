package com.marketplacecontracts.spring;

import com.marketplacecontracts.core.error.ForbiddenException;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.UnauthorizedException;
import com.marketplacecontracts.core.ratelimit.LimiterStores;
import java.net.URI;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A client's health: whether the marketplace accepts its credentials (one cheap call, its answer held for the
 * configured interval, since the call costs quota) and whether its limits store answers (each probe). Details name
 * outcomes and exception types only: no message, value or URI password reaches them.
 */
final class ClientHealthIndicator implements HealthIndicator {

  /** One call that succeeds only with accepted credentials, bounded by {@code timeout}. */
  @FunctionalInterface
  interface CredentialsCheck {
    void run(Duration timeout);
  }

  private record Outcome(boolean up, String detail, long at, boolean decisive) {
  }

  private static final String PROBE_KEY = "marketplace-contracts:health";

  private final CredentialsCheck check;
  private final String uncheckedReason;
  private final MarketplaceClientProperties properties;
  private final LongSupplier nanoTime;
  private Outcome last;

  /**
   * @param check           the credentials call, or null when the client has none that is cheap
   * @param uncheckedReason why credentials are not checked, when {@code check} is null
   * @param properties      the client's properties (interval, timeout, limits store)
   */
  ClientHealthIndicator(CredentialsCheck check, String uncheckedReason, MarketplaceClientProperties properties,
      LongSupplier nanoTime) {
    this.check = check;
    this.uncheckedReason = uncheckedReason;
    this.properties = properties;
    this.nanoTime = nanoTime;
  }

  @Override
  public Health health() {
    boolean up = true;
    Health.Builder health = Health.up();
    if (check == null) {
      health.withDetail("credentials", "not checked (" + uncheckedReason + ")");
    } else {
      Outcome outcome = credentials();
      up = outcome.up();
      health.withDetail("credentials", outcome.detail());
    }
    if (properties.localLimits()) {
      health.withDetail("limitsStore", "local");
    } else {
      String shown = properties.limitsStoreShown();
      try {
        LimiterStores.open(new URI(properties.getLimitsStore().trim())).get(PROBE_KEY);
        health.withDetail("limitsStore", shown + " reachable");
      } catch (Exception e) {
        up = false;
        health.withDetail("limitsStore", shown + " unreachable (" + e.getClass().getSimpleName() + ")");
      }
    }
    return (up ? health : health.down()).build();
  }

  private synchronized Outcome credentials() {
    long now = nanoTime.getAsLong();
    Duration interval = properties.getHealth().getCredentialsCheckInterval();
    // an answer about the credentials holds the whole interval; "could not tell" (outage, timeout) a tenth of it
    long hold = last == null ? 0 : last.decisive() ? interval.toNanos() : interval.toNanos() / 10;
    if (last != null && now - last.at() < hold) {
      return last;
    }
    try {
      check.run(properties.getHealth().getTimeout());
      last = new Outcome(true, "accepted", now, true);
    } catch (UnauthorizedException | ForbiddenException e) {
      last = new Outcome(false, "rejected (HTTP " + e.statusCode() + ")", now, true);
    } catch (MarketplaceException e) {
      last = new Outcome(false, "not confirmed (" + e.getClass().getSimpleName()
          + (e.statusCode() > 0 ? ", HTTP " + e.statusCode() : "") + ")", now, false);
    } catch (RuntimeException e) {
      last = new Outcome(false, "not confirmed (" + e.getClass().getSimpleName() + ")", now, false);
    }
    return last;
  }

  @Override
  public String toString() {
    return "ClientHealthIndicator(" + properties.getClass().getSimpleName() + ")";
  }
}
