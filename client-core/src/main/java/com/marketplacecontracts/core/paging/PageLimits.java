package com.marketplacecontracts.core.paging;

import java.util.Objects;

/**
 * When a listing stops trusting the server: after {@code maxPages} pages, or {@code maxEmptyPagesInARow} empty pages
 * that each still hand out a next token. (A page token seen before in the same run always stops it.)
 */
public final class PageLimits {

  private final int maxPages;
  private final int maxEmptyPagesInARow;

  private PageLimits(int maxPages, int maxEmptyPagesInARow) {
    if (maxPages < 1 || maxEmptyPagesInARow < 1) {
      throw new IllegalArgumentException("page limits must be >= 1, were " + maxPages + " and " + maxEmptyPagesInARow);
    }
    this.maxPages = maxPages;
    this.maxEmptyPagesInARow = maxEmptyPagesInARow;
  }

  /** 10 000 pages (a million items at 100 a page), 5 empty pages in a row. */
  public static PageLimits defaults() {
    return new PageLimits(10_000, 5);
  }

  public PageLimits withMaxPages(int pages) {
    return new PageLimits(pages, maxEmptyPagesInARow);
  }

  /** Pages fetched at most in one run. */
  public int maxPages() {
    return maxPages;
  }

  /** Empty pages with a next token tolerated in a row. */
  public int maxEmptyPagesInARow() {
    return maxEmptyPagesInARow;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof PageLimits other
        && maxPages == other.maxPages
        && maxEmptyPagesInARow == other.maxEmptyPagesInARow;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxPages, maxEmptyPagesInARow);
  }

  @Override
  public String toString() {
    return "PageLimits[maxPages=" + maxPages + ", maxEmptyPagesInARow=" + maxEmptyPagesInARow + "]";
  }
}
