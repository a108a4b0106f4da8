package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The CREATED column of {@code yandex orders}: one fixed width, seconds shown even when zero. */
class OrdersCreatedColumnTest {
  @Test
  void zeroSecondsAreShownLikeAnyOther() {
    assertThat(OrdersCommand.created(OffsetDateTime.parse("2026-01-15T12:00:00+03:00")))
        .isEqualTo("2026-01-15T12:00:00");
    assertThat(OrdersCommand.created(OffsetDateTime.parse("2026-01-15T12:00:05.250+03:00")))
        .isEqualTo("2026-01-15T12:00:05");
  }

  @Test
  void unknownCreationTimeIsEmpty() {
    assertThat(OrdersCommand.created(null)).isEmpty();
  }
}
