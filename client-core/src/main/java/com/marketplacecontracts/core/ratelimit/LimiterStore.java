package com.marketplacecontracts.core.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Where the limiter keeps its state: the quota buckets, the cap on parallel requests per account as leased permits,
 * and a few small values learned from the server (where its quota windows start, how much of a window others used).
 * The client's own store keeps them in this process; a shared store (module {@code limits-redis}) lets several
 * processes that use one account count together.
 *
 * <p>Methods may throw any {@link RuntimeException} when the store cannot be reached; the limiter then carries on
 * with its local store and reports it through {@code ClientEvents.limiterStoreUnavailable}.
 */
public interface LimiterStore extends AutoCloseable {

  /**
   * The bucket stored under {@code key}, created full with {@code shape} if it does not exist yet, refilled on
   * {@code wallClockNanos} (nanoseconds since the epoch: the caller's clock, simulated in tests).
   */
  QuotaBucket bucket(String key, QuotaBucket.Shape shape, LongSupplier wallClockNanos);

  /** The value stored under {@code key}, or {@code null}. */
  String get(String key);

  /** Stores {@code value} under {@code key} for {@code ttl}. */
  void put(String key, String value, Duration ttl);

  /**
   * Raises the number stored under {@code key} (0 when absent) to at least {@code value}, atomically, keeping it for
   * {@code ttl}.
   *
   * @return how much it rose; 0 when it already was {@code value} or more
   */
  long raise(String key, long value, Duration ttl);

  /**
   * Takes one of {@code maxInFlight} permits of {@code account}, waiting in turn at most {@code maxWait}.
   *
   * @return the permit, or {@code null} when none was free in time
   */
  Permit acquire(String account, int maxInFlight, Duration maxWait) throws InterruptedException;

  /**
   * Admits one call in one step, without waiting and all or nothing: takes {@code tokens} from {@code bucket} (a
   * bucket of this store, or {@code null} for none), one permit under each of {@code permits} (in their order), and
   * reads the value under {@code valueKey} ({@code null} for none). When a permit is not free at once, or the bucket
   * has too few tokens, nothing is taken and the admission is refused; the caller then waits its turn through
   * {@link #acquire} and {@link QuotaBucket#tryConsume}. A shared store does it in one exchange; this default, in
   * the calls it is made of.
   */
  default Admission admit(QuotaBucket bucket, long tokens, List<PermitRequest> permits, String valueKey)
      throws InterruptedException {
    List<Permit> taken = new ArrayList<>(permits.size());
    boolean admitted = false;
    try {
      for (PermitRequest request : permits) {
        Permit permit = acquire(request.account(), request.maxInFlight(), Duration.ZERO);
        if (permit == null) {
          return Admission.refused();
        }
        taken.add(permit);
      }
      QuotaBucket.Probe probe = bucket == null ? null : bucket.tryConsume(tokens);
      if (probe != null && !probe.consumed()) {
        return Admission.refused();
      }
      String value = valueKey == null ? null : get(valueKey);
      admitted = true;
      return Admission.admitted(probe == null ? 0 : probe.remaining(), value, taken);
    } finally {
      if (!admitted) {
        Permit.releaseAll(taken);
      }
    }
  }

  /** What the store is, for messages; never credentials. */
  String describe();

  @Override
  void close();

  /** A permit to have one request in flight; give it back once the answer has come. */
  interface Permit {
    void release();

    /**
     * Gives back each of {@code permits}, the last taken first. One that fails to go back does not keep the others:
     * every permit is tried, then the first failure is thrown, the later ones suppressed in it.
     */
    static void releaseAll(List<? extends Permit> permits) {
      RuntimeException failure = null;
      for (int i = permits.size() - 1; i >= 0; i--) {
        try {
          permits.get(i).release();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** One permit wanted by {@link #admit}: one of {@code maxInFlight} under {@code account}. */
  record PermitRequest(String account, int maxInFlight) {

    public PermitRequest {
      Objects.requireNonNull(account, "account");
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
      }
    }
  }

  /**
   * What {@link #admit} did: admitted, with the tokens left, the value read and the permits taken (in the order
   * asked); or refused (a permit was not free at once, or the bucket had too few tokens) and nothing taken. A refused
   * call waits its turn step by step, which tells how long.
   */
  record Admission(boolean admitted, long remaining, String value, List<Permit> permits) {

    public Admission {
      permits = List.copyOf(permits);
    }

    public static Admission admitted(long remaining, String value, List<Permit> permits) {
      return new Admission(true, remaining, value, permits);
    }

    public static Admission refused() {
      return new Admission(false, 0, null, List.of());
    }
  }
}
