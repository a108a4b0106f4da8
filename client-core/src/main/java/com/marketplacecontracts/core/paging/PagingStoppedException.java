package com.marketplacecontracts.core.paging;

import com.marketplacecontracts.core.error.MarketplaceException;
import java.util.Optional;

/**
 * A listing was stopped because the server's paging cannot be trusted to end ({@link PageLimits}): a page token it
 * had handed out before, too many empty pages in a row, or the page cap. Items already returned are valid;
 * {@link #resumeToken()} continues from where it stopped.
 */
public class PagingStoppedException extends MarketplaceException {

  private final String resumeToken;
  private final int pagesFetched;

  PagingStoppedException(Details details, String resumeToken, int pagesFetched) {
    super(details, "listing stopped", null);
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
