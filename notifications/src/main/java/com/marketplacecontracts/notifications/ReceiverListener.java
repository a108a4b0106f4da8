package com.marketplacecontracts.notifications;

/**
 * What the receiver did, for logs and metrics. Called on the answering thread (keep it quick) and, for
 * {@link #handlerFailed}, on a worker. Never given the body of a refused request, only the rule it broke.
 */
public interface ReceiverListener {

  /** Each answer given: what kind of outcome, the type when known, the key when derived, the status. */
  default void answered(Outcome outcome) {
  }

  /** The handler threw (or ran past its deadline in HANDLE_THEN_ANSWER mode) for this notification. */
  default void handlerFailed(Notification notification, Throwable failure) {
  }

  /** The store of keys failed; the notification was handed over as if new (at least once). */
  default void storeFailed(RuntimeException failure) {
  }

  /** What happened to one request. */
  enum Kind {
    /** PING, answered at once. */
    PING,
    /** A new event, queued (ACKNOWLEDGE_THEN_HANDLE) or handled (HANDLE_THEN_ANSWER). */
    ACCEPTED,
    /** A repeat within the window: answered 200, not handed over. */
    DUPLICATE,
    /** The body does not fit the contract: answered 400 WRONG_EVENT_FORMAT. */
    MALFORMED,
    /** The source address is not allowed: answered 403. */
    REFUSED_SOURCE,
    /**
     * The queue was full (or, in HANDLE_THEN_ANSWER, {@code maxWaiting} answers were waiting already): answered 500
     * (resent later) or 200 (dropped), as configured.
     */
    QUEUE_FULL,
    /** The handler failed or ran past its deadline (HANDLE_THEN_ANSWER): answered 500, resent later. */
    HANDLER_FAILED,
    /**
     * The receiver itself failed (a fault of this code or of what it calls, not of the body): answered 500, resent
     * later. The message names the exception's class only.
     */
    FAILED
  }

  /** One answer. {@code type} and {@code key} may be {@code null} (not read that far). */
  record Outcome(Kind kind, int status, String type, String key, String message) {
  }
}
