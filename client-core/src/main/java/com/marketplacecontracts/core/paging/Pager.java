package com.marketplacecontracts.core.paging;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.internal.Digests;
import com.marketplacecontracts.core.internal.error.Redactor;
import com.marketplacecontracts.core.operation.Marketplace;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A listing as a lazy sequence over a function that fetches the page for a token (null for the first page). Holds
 * one page at a time, so memory stays constant however long the listing; fetches the next page only when the
 * current one is used up; stops when a page has no next token. Each {@link #iterator()} starts again from the
 * pager's start token. To resume after a failure, create a pager from {@link PageIterator#resumeToken()}.
 *
 * <p>A server cannot make it loop forever: a next token handed out before in the same run, more empty pages in a
 * row than {@link PageLimits} allow, or the page cap end the listing with a {@link PagingStoppedException} that says
 * why and carries the token to resume from (after the items already fetched).
 */
public final class Pager<T> implements Iterable<T> {

  private final Marketplace marketplace;
  private final String operationId;
  /** Masks the client's secrets in, and bounds, the text of a {@link PagingStoppedException}. */
  private final UnaryOperator<String> redactor;
  private final Function<String, Page<T>> fetch;
  private final String startToken;
  private final PageLimits limits;

  private Pager(Marketplace marketplace, String operationId, UnaryOperator<String> redactor,
      Function<String, Page<T>> fetch,
      String startToken, PageLimits limits) {
    this.marketplace = marketplace; // null for a listing not made by a client
    this.operationId = Objects.requireNonNull(operationId, "operationId");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.fetch = Objects.requireNonNull(fetch, "fetch");
    this.startToken = startToken;
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** All pages from the first. */
  public static <T> Pager<T> of(Function<String, Page<T>> fetch) {
    return new Pager<>(null, "unknown", Redactor.NONE::text, fetch, null, PageLimits.defaults());
  }

  /**
   * All pages of {@code operationId} from the one {@code token} names (null: from the first); {@code redactor} is the
   * client's masking of its secrets, so a token that echoes a secret is masked in a {@link PagingStoppedException}.
   */
  public static <T> Pager<T> of(Marketplace marketplace, String operationId, UnaryOperator<String> redactor,
      String token,
      Function<String, Page<T>> fetch) {
    return new Pager<>(marketplace, operationId, redactor, fetch, token, PageLimits.defaults());
  }

  /** All pages from the one {@code token} names (e.g. a saved {@link PageIterator#resumeToken()}). */
  public static <T> Pager<T> resumeFrom(String token, Function<String, Page<T>> fetch) {
    return new Pager<>(null, "unknown", Redactor.NONE::text, fetch, token, PageLimits.defaults());
  }

  /** The same listing with other limits (page cap, empty pages in a row). */
  public Pager<T> withLimits(PageLimits limits) {
    return new Pager<>(marketplace, operationId, redactor, fetch, startToken, limits);
  }

  @Override
  public PageIterator<T> iterator() {
    return new PageIterator<>(this);
  }

  /** The items as a sequential, lazy stream. */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * The pages as a sequential, lazy stream, each with the token of the next, under the same guards: for work done a
   * page at a time, or one page only ({@code pages().findFirst()}).
   */
  public Stream<Page<T>> pages() {
    PageIterator<T> walk = iterator();
    Iterator<Page<T>> pages = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return walk.hasNextPage();
      }

      @Override
      public Page<T> next() {
        return walk.nextPage();
      }
    };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** Iterates the items and knows where to resume. Not thread-safe. */
  public static final class PageIterator<T> implements Iterator<T> {
    private final Pager<T> pager;
    /** Digests of every token requested in this run: bounded memory however long a hostile server makes them. */
    private final Set<String> seen = new HashSet<>();
    private String pageToken;
    private Iterator<T> current;
    private String nextToken;
    private boolean lastPage;
    private int pagesFetched;
    private int emptyInARow;
    private PagingStoppedException stopped;

    PageIterator(Pager<T> pager) {
      this.pager = pager;
      this.pageToken = pager.startToken;
    }

    @Override
    public boolean hasNext() {
      while (current == null || !current.hasNext()) {
        if (!hasNextPage()) {
          return false;
        }
        nextPage();
      }
      return true;
    }

    /** Whether a page is still to come; throws the {@link PagingStoppedException} when a guard ended the listing. */
    boolean hasNextPage() {
      if (current != null && lastPage) {
        return false;
      }
      if (stopped != null) {
        throw stopped;
      }
      return true;
    }

    /** Fetches the next page, under every guard; its items become the ones {@link #next()} returns. */
    Page<T> nextPage() {
      if (!hasNextPage()) {
        throw new NoSuchElementException();
      }
      if (current != null) {
        pageToken = nextToken;
      }
      Page<T> page = pager.fetch.apply(pageToken);
      pagesFetched++;
      if (pageToken != null) {
        seen.add(digest(pageToken));
      }
      List<T> items = page.items();
      current = items.iterator();
      nextToken = page.next().orElse(null);
      lastPage = nextToken == null;
      emptyInARow = items.isEmpty() ? emptyInARow + 1 : 0;
      if (!lastPage) {
        stopped = check(page.requestId());
      }
      return page;
    }

    /** The stop after this page, if a guard ends the listing here; {@code requestId} is the page's, or null. */
    private PagingStoppedException check(String requestId) {
      String why;
      if (seen.contains(digest(nextToken))) {
        why = "the server handed out page token \"" + nextToken + "\" a second time";
      } else if (emptyInARow >= pager.limits.maxEmptyPagesInARow()) {
        why = emptyInARow + " empty pages in a row, each with a new page token";
      } else if (pagesFetched >= pager.limits.maxPages()) {
        why = "the page cap of " + pager.limits.maxPages() + " pages was reached";
      } else {
        return null;
      }
      String note = pager.redactor.apply(why + " after " + pagesFetched + " pages; resume from page token \""
          + nextToken + "\"");
      return new PagingStoppedException(new MarketplaceException.Details(pager.marketplace, pager.operationId, 0,
          List.of(), requestId == null ? null : pager.redactor.apply(requestId), null, note), nextToken, pagesFetched);
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }

    /**
     * The token of the page the next item comes from ({@code null} for the first page): pass it to
     * {@link Pager#resumeFrom} to continue after a failure. Items of that page already returned come again.
     */
    public String resumeToken() {
      return current != null && !current.hasNext() && !lastPage ? nextToken : pageToken;
    }

    /** How many pages this iterator fetched. */
    public int pagesFetched() {
      return pagesFetched;
    }

    private static String digest(String token) {
      return new String(Digests.sha256(token), StandardCharsets.ISO_8859_1);
    }
  }
}
