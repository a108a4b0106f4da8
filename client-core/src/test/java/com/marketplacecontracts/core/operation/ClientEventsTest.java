package com.marketplacecontracts.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientEventsTest {

  private static final CallStarted CALL = new CallStarted(1, Marketplace.YANDEX_MARKET, "op", "campaignId=1");
  private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  /** Notes each event under its name. */
  private static ClientEvents noting(List<String> seen, String name) {
    return new ClientEvents() {
      @Override
      public void callStarted(CallStarted call) {
        seen.add(name + " started");
      }

      @Override
      public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
        seen.add(name + " retrying");
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  private static final ClientEvents THROWING = new ClientEvents() {
    @Override
    public void callStarted(CallStarted call) {
      throw new IllegalStateException("listener bug");
    }

    @Override
    public String traceparent(CallStarted call) {
      throw new IllegalStateException("listener bug");
    }

    @Override
    public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
      throw new IllegalStateException("listener bug");
    }
  };

  @Test
  void combinedListenersAreToldInOrder() {
    List<String> seen = new ArrayList<>();
    ClientEvents all = noting(seen, "a").plus(noting(seen, "b")).plus(noting(seen, "c"));

    all.callStarted(CALL);
    all.retrying("op", 1, "HTTP 500", Duration.ZERO);

    assertThat(seen).containsExactly("a started", "b started", "c started", "a retrying", "b retrying",
        "c retrying");
    assertThat(all).hasToString("ClientEvents[a, b, c]");
  }

  @Test
  void noneAddsNothing() {
    ClientEvents a = noting(new ArrayList<>(), "a");

    assertThat(ClientEvents.NONE.plus(a)).isSameAs(a);
    assertThat(a.plus(ClientEvents.NONE)).isSameAs(a);
    assertThat(ClientEvents.NONE.plus(ClientEvents.NONE)).isSameAs(ClientEvents.NONE);
  }

  @Test
  void aListenerThatThrowsDoesNotKeepTheNextFromBeingTold() {
    List<String> seen = new ArrayList<>();
    ClientEvents both = THROWING.plus(noting(seen, "b"));

    both.callStarted(CALL);
    both.retrying("op", 1, "HTTP 500", Duration.ZERO);

    assertThat(seen).containsExactly("b started", "b retrying");
  }

  @Test
  void theTraceparentIsTheFirstListenersThatGivesOne() {
    ClientEvents giving = new ClientEvents() {
      @Override
      public String traceparent(CallStarted call) {
        return TRACEPARENT;
      }
    };

    assertThat(THROWING.plus(ClientEvents.NONE).plus(giving).plus(THROWING).traceparent(CALL))
        .isEqualTo(TRACEPARENT);
    assertThat(THROWING.plus(noting(new ArrayList<>(), "a")).traceparent(CALL)).isNull();
  }

  @Test
  void everyEventIsPassedOnByTheCombination() throws NoSuchMethodException {
    for (Method event : ClientEvents.class.getMethods()) {
      if (!Modifier.isStatic(event.getModifiers()) && !event.getName().equals("plus")) {
        assertThat(CombinedEvents.class.getMethod(event.getName(), event.getParameterTypes()).getDeclaringClass())
            .as(event.getName()).isEqualTo(CombinedEvents.class);
      }
    }
  }
}
