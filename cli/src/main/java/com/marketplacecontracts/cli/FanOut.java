package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.http.Batches;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one request per input concurrently, as many at once as the account may have in flight; the client's limiter
 * keeps them within the parallel cap and the quota. Progress goes to stderr, failures are kept per input, results
 * come back in input order.
 */
final class FanOut {

  private FanOut() {
  }

  /** What one input came to: a value, or the failure (a typed marketplace exception, usually). */
  record Outcome<I, R>(I input, R value, RuntimeException failure) {
  }

  static <I, R> List<Outcome<I, R>> run(List<I> inputs, Function<I, R> task, Output output, String what) {
    AtomicInteger done = new AtomicInteger();
    List<Batches.Outcome<R>> outcomes = Batches.each(inputs, task, RateLimitConfig.DEFAULT_MAX_IN_FLIGHT,
        (input, outcome) -> {
          if (inputs.size() > 1) {
            output.progress(what + " " + input + ": " + (outcome.failure() == null ? "done" : "failed") + " ("
                + done.incrementAndGet() + "/" + inputs.size() + ")");
          }
        });
    List<Outcome<I, R>> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      out.add(new Outcome<>(inputs.get(i), outcomes.get(i).answer(), outcomes.get(i).failure()));
    }
    return out;
  }

  /**
   * Reports each failure on stderr (a network failure in the words of {@link Humane}, {@code destination} being
   * where requests went) and returns the exit code of the worst outcome (0 when all succeeded). A single
   * input's failure is rethrown instead, for the usual one-failure message.
   */
  static int exitCode(List<? extends Outcome<?, ?>> outcomes, Output output, String what, String destination) {
    if (outcomes.size() == 1 && outcomes.get(0).failure() != null) {
      throw outcomes.get(0).failure();
    }
    int worst = ExitCodes.OK;
    for (Outcome<?, ?> outcome : outcomes) {
      if (outcome.failure() != null) {
        output.error("error: " + what + " " + outcome.input() + ": " + Humane.network(outcome.failure().getMessage(),
            outcome.failure(), destination));
        worst = Math.max(worst, ExitCodes.of(outcome.failure()));
      }
    }
    return worst;
  }
}
