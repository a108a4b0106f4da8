package com.marketplacecontracts.core.paging;

/**
 * When a listing stops trusting the server: after {@code maxPages} pages, or {@code maxEmptyPagesInARow} empty pages
 * that each still hand out a next token. (A page token seen before in the same run always stops it.)
 *
 * @param maxPages            pages fetched at most in one run
 * @param maxEmptyPagesInARow empty pages with a next token tolerated in a row
 */
public record PageLimits(int maxPages, int maxEmptyPagesInARow) {

  public PageLimits {
    if (maxPages < 1 || maxEmptyPagesInARow < 1) {
      throw new IllegalArgumentException("page limits must be >= 1, were " + maxPages + " and " + maxEmptyPagesInARow);
    }
  }

  /** 10 000 pages (a million items at 100 a page), 5 empty pages in a row. */
  public static PageLimits defaults() {
    return new PageLimits(10_000, 5);
  }

  public PageLimits withMaxPages(int pages) {
    return new PageLimits(pages, maxEmptyPagesInARow);
  }
}
