package com.marketplacecontracts.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.internal.error.Redactor;
import com.marketplacecontracts.core.operation.CallEnded;
import com.marketplacecontracts.core.operation.CallOutcome;
import com.marketplacecontracts.core.operation.CallStarted;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.operation.ContractMismatch;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactedEventsTest {

  @Test
  void overridesEveryEventSoNoneIsDropped() throws NoSuchMethodException {
    for (Method event : ClientEvents.class.getMethods()) {
      if (!Modifier.isStatic(event.getModifiers())) {
        assertThat(RedactedEvents.class.getMethod(event.getName(), event.getParameterTypes()).getDeclaringClass())
            .as(event.getName()).isEqualTo(RedactedEvents.class);
      }
    }
  }

  @Test
  void masksTheSecretsInEveryTextFromTheNetwork() {
    List<String> seen = new ArrayList<>();
    ClientEvents events = new RedactedEvents(new ClientEvents() {
      @Override
      public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
        seen.add(reason);
      }

      @Override
      public void contractMismatch(ContractMismatch mismatch) {
        seen.add(mismatch.location() + " " + mismatch.message());
      }

      @Override
      public void limiterStoreUnavailable(String store, String reason) {
        seen.add(store + " " + reason);
      }
    }, Redactor.of(() -> List.of("the-secret-key")));

    events.retrying("op", 1, "ProtocolException: Unexpected status line: the-secret-key", Duration.ZERO);
    events.contractMismatch(new ContractMismatch("op", ContractMismatch.Direction.RESPONSE,
        ContractMismatch.Kind.UNKNOWN_FIELD, "$.the-secret-key", "the-secret-key is not defined"));
    events.limiterStoreUnavailable("redis://host", "echo the-secret-key");

    assertThat(seen).containsExactly("ProtocolException: Unexpected status line: ***", "$.*** *** is not defined",
        "redis://host echo ***");
  }

  @Test
  void masksTheSecretsInTheAccountAndRequestIdOfACall() {
    List<String> seen = new ArrayList<>();
    ClientEvents events = new RedactedEvents(new ClientEvents() {
      @Override
      public void callStarted(CallStarted call) {
        seen.add(call.account());
      }

      @Override
      public void callEnded(CallEnded call) {
        seen.add(call.call().account() + " " + call.requestId());
      }

      @Override
      public void quotaRemaining(String operationId, String account, long limit, long remaining) {
        seen.add(account);
      }
    }, Redactor.of(() -> List.of("the-secret-key")));
    CallStarted call = new CallStarted(1, Marketplace.YANDEX_MARKET, "op", "businessId=the-secret-key");

    events.callStarted(call);
    events.callEnded(new CallEnded(call, 1, 500, CallOutcome.SERVER_ERROR, true, Duration.ZERO,
        "req the-secret-key"));
    events.quotaRemaining("op", "businessId=the-secret-key", 10, 5);

    assertThat(seen).containsExactly("businessId=***", "businessId=*** req ***", "businessId=***");
  }

  @Test
  void aListenerThatThrowsIsIgnored() {
    ClientEvents events = new RedactedEvents(new ClientEvents() {
      @Override
      public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public String traceparent(CallStarted call) {
        throw new IllegalStateException("listener bug");
      }
    }, Redactor.NONE);

    events.retrying("op", 1, "HTTP 500", Duration.ZERO);
    assertThat(events.traceparent(new CallStarted(1, Marketplace.TEEZ, "op", ""))).isNull();
  }
}
