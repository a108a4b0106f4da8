package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.operation.ApiOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one batcher of every operation the spec declares a batch for ({@code x-batch}): any number of items split
 * into requests of at most the declared {@code maxItems}, every request built (and so validated) before the first is
 * sent, at most {@code parallel} in flight (and never more than the operation's own parallel limit; the account's
 * cap and the quota, item-counted where the spec says so, still hold each back), each outcome kept in input order.
 * A failed request does not stop the others: its items are reported with its failure.
 */
public final class Batches {

  private Batches() {
  }

  /** One request of a batch: its items (from position {@code from} of the input) and its answer or failure. */
  public record Chunk<I, R>(int from, List<I> items, R answer, RuntimeException failure) {

    public boolean failed() {
      return failure != null;
    }
  }

  /** Every request of a batch, in input order. */
  public record Result<I, R>(List<Chunk<I, R>> chunks) {

    /** The answers of the requests that succeeded, in input order. */
    public List<R> answers() {
      return chunks.stream().filter(c -> !c.failed()).map(Chunk::answer).toList();
    }

    /** The first failure in input order, if any. */
    public Optional<RuntimeException> firstFailure() {
      return chunks.stream().filter(Chunk::failed).map(Chunk::failure).findFirst();
    }

    /** The answers, or the first failure thrown. */
    public List<R> answersOrThrow() {
      firstFailure().ifPresent(failure -> {
        throw failure;
      });
      return answers();
    }
  }

  /**
   * Runs {@code items} through {@code call} (the request for one chunk of items), in chunks of the operation's
   * declared batch size.
   *
   * @throws IllegalArgumentException when the operation declares no batch ({@code x-batch}), or {@code parallel < 1}
   * @throws com.marketplacecontracts.core.error.RequestValidationException when any chunk is invalid: nothing sent
   */
  public static <I, R> Result<I, R> run(List<I> items, Function<List<I>, MarketplaceCall<R>> call, int parallel) {
    Objects.requireNonNull(items, "items");
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be >= 1, was " + parallel);
    }
    if (items.isEmpty()) {
      return new Result<>(List.of());
    }
    ApiOperation declared = Paged.declaration(call.apply(items.subList(0, 1)));
    if (declared.batchMaxItems() < 1) {
      throw new IllegalArgumentException(declared.id() + " declares no batch in the spec (x-batch)");
    }
    int size = declared.batchMaxItems();
    List<Integer> starts = new ArrayList<>();
    List<MarketplaceCall<R>> calls = new ArrayList<>();
    for (int from = 0; from < items.size(); from += size) {
      starts.add(from);
      calls.add(call.apply(List.copyOf(items.subList(from, Math.min(items.size(), from + size)))));
    }
    int inFlight = declared.parallelLimit() > 0 ? Math.min(parallel, declared.parallelLimit()) : parallel;
    List<Outcome<R>> outcomes = all(calls, inFlight);
    List<Chunk<I, R>> chunks = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      int from = starts.get(i);
      chunks.add(new Chunk<>(from, List.copyOf(items.subList(from, Math.min(items.size(), from + size))),
          outcomes.get(i).answer(), outcomes.get(i).failure()));
    }
    return new Result<>(List.copyOf(chunks));
  }

  /** The answer or the failure (a {@link MarketplaceException}, usually) of one task. */
  public record Outcome<R>(R answer, RuntimeException failure) {
  }

  /** Ready calls run at most {@code parallel} at once, each outcome in the order given. */
  public static <R> List<Outcome<R>> all(List<MarketplaceCall<R>> calls, int parallel) {
    return each(calls, MarketplaceCall::execute, parallel, (call, outcome) -> { });
  }

  /**
   * One task per input, at most {@code parallel} at once (the client's limiter still holds each call to the
   * account's cap and quota), each outcome in input order and reported to {@code done} as it ends: the fan-out the
   * batcher and the command line share.
   */
  public static <I, R> List<Outcome<R>> each(List<I> inputs, Function<I, R> task, int parallel,
      BiConsumer<I, Outcome<R>> done) {
    if (inputs.isEmpty()) {
      return List.of();
    }
    if (inputs.size() == 1) {
      Outcome<R> outcome = attempt(inputs.get(0), task);
      done.accept(inputs.get(0), outcome);
      return List.of(outcome);
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, inputs.size()), runnable -> {
      Thread thread = new Thread(runnable, "marketplace-batch");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<Outcome<R>>> futures = new ArrayList<>();
      for (I input : inputs) {
        futures.add(pool.submit(() -> {
          Outcome<R> outcome = attempt(input, task);
          done.accept(input, outcome);
          return outcome;
        }));
      }
      List<Outcome<R>> out = new ArrayList<>();
      for (Future<Outcome<R>> future : futures) {
        out.add(future.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a batch ran", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static <I, R> Outcome<R> attempt(I input, Function<I, R> task) {
    try {
      return new Outcome<>(task.apply(input), null);
    } catch (RuntimeException e) {
      return new Outcome<>(null, e);
    }
  }
}
