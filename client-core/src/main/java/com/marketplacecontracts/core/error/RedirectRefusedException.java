package com.marketplacecontracts.core.error;

/**
 * The server answered with a redirect the client does not follow: to another origin (scheme, host or port), for a
 * request with a body (a body — e.g. the Teez client secret — is never re-sent), or more hops than allowed. The
 * status is the 3xx; nothing was sent to the redirect's target.
 */
public class RedirectRefusedException extends MarketplaceException {

  public RedirectRefusedException(Details details) {
    super(details, "redirect not followed", null);
  }
}
