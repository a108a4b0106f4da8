package com.marketplacecontracts.core.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.core.time.FakeTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollerTest {

  private final FakeTimeSource time = new FakeTimeSource();
  private final List<String> polls = new ArrayList<>();
  private final Poller poller = new Poller(time, new ClientEvents() {
    @Override
    public void polled(String operationId, int attempt, boolean settled, Duration elapsed) {
      polls.add(operationId + " " + attempt + " " + settled + " " + elapsed.toSeconds());
    }
  });
  private final AwaitOptions options = AwaitOptions.timeout(Duration.ofSeconds(60))
      .withDelays(Duration.ofSeconds(2), Duration.ofSeconds(10), 2);

  @Test
  void stopsAtTheFirstSettledValueWithGrowingWaits() {
    Iterator<String> states = List.of("IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "DONE").iterator();

    PollResult<String> result = poller.await(options, "job", left -> states.next(), "DONE"::equals);

    assertThat(result.settled()).isTrue();
    assertThat(result.last()).isEqualTo("DONE");
    assertThat(result.attempts()).isEqualTo(4);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
  }

  @Test
  void eachPollIsReportedToTheClientEvents() {
    Iterator<String> states = List.of("IN_PROGRESS", "DONE").iterator();

    poller.await(options, "job", left -> states.next(), "DONE"::equals);

    assertThat(polls).containsExactly("job 1 false 0", "job 2 true 2");
  }

  @Test
  void optionsRejectAShrinkingWait() {
    assertThatThrownBy(() -> options.withDelays(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factor");
  }

  @Test
  void givesUpAtTheDeadlineWithTheLastValue() {
    PollResult<String> result = poller.await(options, "job", left -> "IN_PROGRESS", "DONE"::equals);

    assertThat(result.settled()).isFalse();
    assertThat(result.last()).isEqualTo("IN_PROGRESS");
    assertThat(time.slept()).isEqualTo(Duration.ofSeconds(57));
    assertThat(result.elapsed()).isEqualTo(Duration.ofSeconds(57));
    // 2 + 4 + 8 + 10 * 4 = 54; the last check comes half-way through the 6 s that remain, with 3 s to answer
    assertThat(time.sleeps()).endsWith(Duration.ofSeconds(10), Duration.ofSeconds(3));
  }

  @Test
  void eachFetchGetsTheTimeLeftAndOneCutShortByTheDeadlineEndsThePollNotSettled() {
    List<Duration> given = new ArrayList<>();
    PollResult<String> result = poller.await(options, "job", left -> {
      given.add(left);
      if (given.size() == 2) {
        time.advance(left); // the answer hangs until the fetch's own timeout
        throw new IllegalStateException("timed out");
      }
      return "IN_PROGRESS";
    }, "DONE"::equals);

    assertThat(given).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(58));
    assertThat(result.settled()).isFalse();
    assertThat(result.last()).isEqualTo("IN_PROGRESS");
    assertThat(result.attempts()).isEqualTo(1);
  }

  @Test
  void aFailureBeforeTheDeadlinePropagates() {
    assertThatThrownBy(() -> poller.await(options, "job", left -> {
      throw new IllegalStateException("refused");
    }, "DONE"::equals)).hasMessage("refused");
  }

  @Test
  void anAlreadySettledValueNeedsNoWait() {
    PollResult<String> result = poller.await(options, "job", left -> "DONE", "DONE"::equals);

    assertThat(result.attempts()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }
}
