package com.marketplacecontracts.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.error.Redactor;
import com.marketplacecontracts.core.operation.ClientEvents;
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
}
