package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    if (inputs.size() == 1) {
      return List.of(attempt(inputs.get(0), task));
    }
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(inputs.size(),
        RateLimitConfig.DEFAULT_MAX_IN_FLIGHT), runnable -> {
          Thread thread = new Thread(runnable, "marketplace-fan-out");
          thread.setDaemon(true);
          return thread;
        });
    try {
      List<Future<Outcome<I, R>>> futures = new ArrayList<>();
      for (I input : inputs) {
        futures.add(pool.submit(() -> {
          Outcome<I, R> outcome = attempt(input, task);
          output.progress(what + " " + input + ": " + (outcome.failure() == null ? "done" : "failed") + " ("
              + done.incrementAndGet() + "/" + inputs.size() + ")");
          return outcome;
        }));
      }
      List<Outcome<I, R>> outcomes = new ArrayList<>();
      for (Future<Outcome<I, R>> future : futures) {
        outcomes.add(future.get());
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static <I, R> Outcome<I, R> attempt(I input, Function<I, R> task) {
    try {
      return new Outcome<>(input, task.apply(input), null);
    } catch (RuntimeException e) {
      return new Outcome<>(input, null, e);
    }
  }

  /**
   * Reports each failure on stderr and returns the exit code of the worst outcome (0 when all succeeded). A single
   * input's failure is rethrown instead, for the usual one-failure message.
   */
  static int exitCode(List<? extends Outcome<?, ?>> outcomes, Output output, String what) {
    if (outcomes.size() == 1 && outcomes.get(0).failure() != null) {
      throw outcomes.get(0).failure();
    }
    int worst = ExitCodes.OK;
    for (Outcome<?, ?> outcome : outcomes) {
      if (outcome.failure() != null) {
        output.error("error: " + what + " " + outcome.input() + ": " + outcome.failure().getMessage());
        worst = Math.max(worst, ExitCodes.of(outcome.failure()));
      }
    }
    return worst;
  }
}
