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
  void aPageThatRepeatsItsOwnTokenEndsTheListing() {
    Map<String, Page<Integer>> looping = Map.of("", new Page<>(List.of(1), "same"),
        "same", new Page<>(List.of(2), "same"));
    assertThat(Pager.of(t -> looping.get(t == null ? "" : t)).stream().toList()).containsExactly(1, 2);
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
