package com.marketplacecontracts.core.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PagerTest {

  private final List<String> requestedTokens = new ArrayList<>();
  private final Map<String, Page<Integer>> pages = Map.of(
      "", new Page<>(List.of(1, 2), "p2"),
      "p2", new Page<>(List.of(3, 4), "p3"),
      "p3", new Page<>(List.of(5), "p4"),
      "p4", new Page<>(List.of(6, 7), null));
  private final Function<String, Page<Integer>> fetch = token -> {
    requestedTokens.add(token);
    return pages.get(token == null ? "" : token);
  };

  @Test
  void iteratesEveryPageAndStopsOnTheLast() {
    assertThat(Pager.of(fetch).stream().toList()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(requestedTokens).containsExactly(null, "p2", "p3", "p4");
  }

  @Test
  void pagesComeOneAtATimeWithTheTokenOfTheNext() {
    Page<Integer> first = Pager.resumeFrom("p3", fetch).pages().findFirst().orElseThrow();

    assertThat(first.items()).containsExactly(5);
    assertThat(first.next()).contains("p4");
    assertThat(requestedTokens).containsExactly("p3");
    assertThat(Pager.of(fetch).pages().map(Page::nextToken).toList()).containsExactly("p2", "p3", "p4", null);
  }

  @Test
  void fetchesLazily() {
    Pager.PageIterator<Integer> iterator = Pager.of(fetch).iterator();
    assertThat(requestedTokens).isEmpty();

    iterator.next();
    iterator.next();
    assertThat(requestedTokens).containsExactly((String) null);
    assertThat(Pager.of(fetch).stream().limit(3).toList()).containsExactly(1, 2, 3);
  }

  @Test
  void resumesFromTheTokenOfTheFailedPage() {
    Function<String, Page<Integer>> failingOnP3 = token -> {
      if ("p3".equals(token)) {
        throw new IllegalStateException("boom");
      }
      return fetch.apply(token);
    };
    Pager.PageIterator<Integer> iterator = Pager.of(failingOnP3).iterator();
    List<Integer> seen = new ArrayList<>();
    assertThatThrownBy(() -> iterator.forEachRemaining(seen::add)).hasMessage("boom");

    assertThat(seen).containsExactly(1, 2, 3, 4);
    assertThat(iterator.resumeToken()).isEqualTo("p3");
    assertThat(Pager.resumeFrom(iterator.resumeToken(), fetch).stream().toList()).containsExactly(5, 6, 7);
  }

  @Test
  void aPageThatRepeatsItsOwnTokenStopsTheListingWithTheResumeToken() {
    Map<String, Page<Integer>> looping = Map.of("", new Page<>(List.of(1), "same"),
        "same", new Page<>(List.of(2), "same"));
    List<Integer> seen = new ArrayList<>();
    Pager.PageIterator<Integer> iterator = Pager.of(t -> looping.get(t == null ? "" : t)).iterator();

    assertThatThrownBy(() -> iterator.forEachRemaining(seen::add)).isInstanceOf(PagingStoppedException.class)
        .hasMessageContaining("handed out page token \"same\" a second time")
        .satisfies(e -> assertThat(((PagingStoppedException) e).resumeToken()).contains("same"));
    assertThat(seen).containsExactly(1, 2);
  }

  @Test
  void aStoppedListingSaysItsRequestsWentOutAndNamesTheLastPagesRequestId() {
    Map<String, Page<Integer>> looping = Map.of("", new Page<>(List.of(1), "same", "req-1"),
        "same", new Page<>(List.of(2), "same", "req-2"));

    assertThatThrownBy(() -> Pager.of(t -> looping.get(t == null ? "" : t)).stream().toList())
        .isInstanceOfSatisfying(PagingStoppedException.class, e -> {
          assertThat(e.requestSent()).isTrue();
          assertThat(e.pagesFetched()).isEqualTo(2);
          assertThat(e.requestId()).contains("req-2");
          assertThat(e.statusCode()).isZero();
          assertThat(e.isRetryable()).isFalse();
        })
        .hasMessageContaining("[request id req-2]");
  }

  @Test
  void aStoppedListingWhosePagesKnowNoRequestIdStillSaysItsRequestsWentOut() {
    int[] calls = {0};
    Pager<Integer> endless = Pager.of(t -> new Page<>(List.of(), "t" + ++calls[0]));

    assertThatThrownBy(() -> endless.stream().count()).isInstanceOfSatisfying(PagingStoppedException.class, e -> {
      assertThat(e.requestSent()).isTrue();
      assertThat(e.requestId()).isEmpty();
    });
  }

  @Test
  void aTokenSeenEarlierInTheRunStopsTheListing() {
    Map<String, Page<Integer>> cycle = Map.of("", new Page<>(List.of(1), "a"), "a", new Page<>(List.of(2), "b"),
        "b", new Page<>(List.of(3), "a"));
    assertThatThrownBy(() -> Pager.of(t -> cycle.get(t == null ? "" : t)).stream().toList())
        .isInstanceOf(PagingStoppedException.class).hasMessageContaining("\"a\" a second time");
  }

  @Test
  void emptyPagesWithFreshTokensStopAfterTheLimit() {
    int[] calls = {0};
    Pager<Integer> endless = Pager.of(t -> new Page<>(List.of(), "t" + ++calls[0]));
    assertThatThrownBy(() -> endless.stream().count()).isInstanceOf(PagingStoppedException.class)
        .hasMessageContaining("5 empty pages in a row");
    assertThat(calls[0]).isEqualTo(PageLimits.defaults().maxEmptyPagesInARow());
  }

  @Test
  void thePageCapStopsTheListing() {
    int[] calls = {0};
    Pager<Integer> endless = Pager.of(t -> new Page<>(List.of(calls[0]), "t" + ++calls[0]))
        .withLimits(PageLimits.defaults().withMaxPages(7));
    assertThatThrownBy(() -> endless.stream().count()).isInstanceOf(PagingStoppedException.class)
        .hasMessageContaining("page cap of 7 pages").hasMessageContaining("resume from page token \"t7\"");
    assertThat(calls[0]).isEqualTo(7);
  }

  @Test
  void emptyFirstPageIsAnEmptyListing() {
    Pager<Integer> empty = Pager.of(token -> new Page<>(List.of(), ""));
    assertThat(empty.stream().count()).isZero();
  }

  @Test
  void emptyMiddlePagesAreSkipped() {
    Map<String, Page<Integer>> sparse = Map.of("", new Page<>(List.of(), "b"), "b", new Page<>(List.of(9), null));
    assertThat(Pager.of(t -> sparse.get(t == null ? "" : t)).stream().toList()).containsExactly(9);
  }
}
