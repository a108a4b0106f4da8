package com.marketplacecontracts.core.paging;

import com.marketplacecontracts.core.error.MarketplaceException;
import java.util.Optional;

/**
 * A listing was stopped because the server's paging cannot be trusted to end ({@link PageLimits}): a page token it
 * had handed out before, too many empty pages in a row, or the page cap. Items already returned are valid;
 * {@link #resumeToken()} continues from where it stopped. Pages were fetched before it stops, so
 * {@link #requestSent()} is true; {@link #statusCode()} is 0 (no answer failed: the listing was ended by the client)
 * and {@link #requestId()} is the last page's when its fetch knew it.
 */
public class PagingStoppedException extends MarketplaceException {

  private final String resumeToken;
  private final int pagesFetched;

  PagingStoppedException(Details details, String resumeToken, int pagesFetched) {
    // requests went out (every page before the stop was fetched), whatever status the details carry
    super(details, true, "listing stopped", null);
    this.resumeToken = resumeToken;
    this.pagesFetched = pagesFetched;
  }

  /** The next page's token as the server gave it: pass it to {@link Pager#resumeFrom} to continue. */
  public Optional<String> resumeToken() {
    return Optional.ofNullable(resumeToken);
  }

  /** Pages fetched before stopping. */
  public int pagesFetched() {
    return pagesFetched;
  }
}
