package com.marketplacecontracts.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.ratelimit.LimiterStore.Permit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermitReleaseAllTest {

  @Test
  void permitsGoBackLastTakenFirst() {
    List<String> released = new ArrayList<>();
    Permit.releaseAll(List.of(() -> released.add("operation's"), () -> released.add("account's")));

    assertThat(released).containsExactly("account's", "operation's");
  }

  @Test
  void aPermitThatFailsToGoBackDoesNotKeepTheOthers() {
    List<String> released = new ArrayList<>();
    IllegalStateException first = new IllegalStateException("store down");
    IllegalStateException second = new IllegalStateException("still down");
    List<Permit> permits = List.of(() -> released.add("a"), () -> {
      throw second;
    }, () -> released.add("c"), () -> {
      throw first;
    });

    assertThatThrownBy(() -> Permit.releaseAll(permits)).isSameAs(first).hasSuppressedException(second);
    assertThat(released).containsExactly("c", "a");
  }
}
