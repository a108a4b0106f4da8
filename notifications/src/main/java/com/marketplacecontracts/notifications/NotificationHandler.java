package com.marketplacecontracts.notifications;

/**
 * The seller's code for one notification. It receives each event once per key within the receiver's window; PING
 * never reaches it (the receiver answers PING itself). A throw means "not handled": in
 * {@link NotificationReceiver.Mode#HANDLE_THEN_ANSWER} the marketplace gets 500 and resends.
 */
@FunctionalInterface
public interface NotificationHandler {

  void handle(Notification notification) throws Exception;
}
