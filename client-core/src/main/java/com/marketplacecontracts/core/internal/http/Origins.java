package com.marketplacecontracts.core.internal.http;

import okhttp3.HttpUrl;

/** The one same-origin rule: what a credential may go to and which redirects stay home. */
public final class Origins {

  private Origins() {
  }

  /** Whether {@code url} has the scheme, host (ignoring case) and port of {@code home}. */
  public static boolean same(HttpUrl url, HttpUrl home) {
    return url.scheme().equals(home.scheme()) && url.host().equalsIgnoreCase(home.host())
        && url.port() == home.port();
  }
}
