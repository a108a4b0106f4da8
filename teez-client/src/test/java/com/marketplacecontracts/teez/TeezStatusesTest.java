package com.marketplacecontracts.teez;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeezStatusesTest {

  @Test
  void pendingStatusesAreMatchedIgnoringCaseAndSeparators() {
    assertThat(TeezStatuses.isPending("IN_PROGRESS")).isTrue();
    assertThat(TeezStatuses.isPending("in-progress")).isTrue();
    assertThat(TeezStatuses.isPending("Pending")).isTrue();
    assertThat(TeezStatuses.isPending("On Moderation")).isTrue();
  }

  @Test
  void finalAndUnknownStatusesAreNotPending() {
    assertThat(TeezStatuses.isPending("Created")).isFalse();
    assertThat(TeezStatuses.isPending("Failed")).isFalse();
    assertThat(TeezStatuses.isPending("SomethingNew")).isFalse();
    assertThat(TeezStatuses.isPending(null)).isFalse();
  }
}
