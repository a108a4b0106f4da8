package com.marketplacecontracts.core.paging;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A listing as a lazy sequence over a function that fetches the page for a token (null for the first page). Holds
 * one page at a time, so memory stays constant however long the listing; fetches the next page only when the
 * current one is used up; stops when a page has no next token. Each {@link #iterator()} starts again from the
 * pager's start token. To resume after a failure, create a pager from {@link PageIterator#resumeToken()}. A page
 * whose next token equals its own token ends the listing (a server that repeats itself must not loop forever).
 */
public final class Pager<T> implements Iterable<T> {

  private final Function<String, Page<T>> fetch;
  private final String startToken;

  private Pager(Function<String, Page<T>> fetch, String startToken) {
    this.fetch = Objects.requireNonNull(fetch, "fetch");
    this.startToken = startToken;
  }

  /** All pages from the first. */
  public static <T> Pager<T> of(Function<String, Page<T>> fetch) {
    return new Pager<>(fetch, null);
  }

  /** All pages from the one {@code token} names (e.g. a saved {@link PageIterator#resumeToken()}). */
  public static <T> Pager<T> resumeFrom(String token, Function<String, Page<T>> fetch) {
    return new Pager<>(fetch, token);
  }

  @Override
  public PageIterator<T> iterator() {
    return new PageIterator<>(fetch, startToken);
  }

  /** The items as a sequential, lazy stream. */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** Iterates the items and knows where to resume. Not thread-safe. */
  public static final class PageIterator<T> implements Iterator<T> {
    private final Function<String, Page<T>> fetch;
    private String pageToken;
    private Iterator<T> current;
    private String nextToken;
    private boolean lastPage;
    private int pagesFetched;

    PageIterator(Function<String, Page<T>> fetch, String startToken) {
      this.fetch = fetch;
      this.pageToken = startToken;
    }

    @Override
    public boolean hasNext() {
      while (current == null || !current.hasNext()) {
        if (current != null && lastPage) {
          return false;
        }
        if (current != null) {
          pageToken = nextToken;
        }
        Page<T> page = fetch.apply(pageToken);
        pagesFetched++;
        current = page.items().iterator();
        nextToken = page.next().orElse(null);
        // A server that hands back the token it was given would page forever: treat that page as the last.
        lastPage = nextToken == null || nextToken.equals(pageToken);
      }
      return true;
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
  }
}
