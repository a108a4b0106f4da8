package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.error.JobFailedException;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.internal.Text;
import com.marketplacecontracts.core.json.OpenEnum;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.operation.Operations;
import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.core.polling.Poller;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The one waiter of every job the spec declares: the status operation's {@code x-job-states} say where its answer
 * carries the state and which states mean pending or failed (every other state is done). Polled with growing
 * waits until nothing is pending or the timeout passes; a failure state is a {@link JobFailedException} with what
 * the answer added (a report's sub-status), never "settled". An answer without any state is not settled.
 */
public final class Jobs {

  private static final int MAX_STATES = 100_000;

  private Jobs() {
  }

  /**
   * Polls {@code status} (a call of an operation that declares its job states) until settled or the options'
   * timeout.
   *
   * @throws JobFailedException when a state is one the spec declares a failure
   * @throws IllegalArgumentException when the operation declares no job states
   */
  public static <R> PollResult<R> await(MarketplaceCall<R> status, AwaitOptions options, Poller poller,
      Marketplace marketplace) {
    ApiOperation declared = Paged.declaration(status);
    if (declared.jobStatePaths().length == 0) {
      throw new IllegalArgumentException(declared.id() + " declares no job states in the spec (x-job-states)");
    }
    Set<String> pending = Set.of(declared.jobPending());
    Set<String> failure = Set.of(declared.jobFailure());
    PollResult<R> result = poller.await(options, declared.id(), status::executeWithin, answer -> {
      List<String> states = states(answer, declared.jobStatePaths());
      return !states.isEmpty() && states.stream().noneMatch(pending::contains);
    });
    if (result.settled()) {
      for (String state : states(result.last(), declared.jobStatePaths())) {
        if (failure.contains(state)) {
          Object detail = declared.jobDetail().isEmpty() ? null : Operations.valueAt(result.last(),
              declared.jobDetail());
          throw new JobFailedException(new MarketplaceException.Details(marketplace, declared.id(), 200, List.of(),
              null, null, null), state, detail == null ? null : shown(detail));
        }
      }
    }
    return result;
  }

  /** Every state the answer carries at the declared paths (a step ending in {@code []} reads each element). */
  static List<String> states(Object answer, String[] paths) {
    List<String> out = new ArrayList<>();
    for (String path : paths) {
      collect(answer, path.split("\\."), 0, out);
    }
    return out;
  }

  private static void collect(Object at, String[] steps, int index, List<String> out) {
    if (at == null || out.size() > MAX_STATES) {
      return;
    }
    if (index == steps.length) {
      out.add(shown(at));
      return;
    }
    String step = steps[index];
    boolean each = step.endsWith("[]");
    String name = each ? step.substring(0, step.length() - 2) : step;
    // An enum is stored with its raw value: read that, so a state added later is seen as itself, not as done.
    Object raw = index == steps.length - 1 && !each ? Operations.valueAt(at, name + "AsString") : null;
    Object next = raw != null ? raw : Operations.valueAt(at, name);
    if (each && next instanceof Collection<?> items) {
      for (Object item : items) {
        collect(item, steps, index + 1, out);
      }
    } else if (!each) {
      collect(next, steps, index + 1, out);
    }
  }

  /** A state as the spec names it: an open enum's raw value, cut short and printable. */
  private static String shown(Object value) {
    String text = value instanceof OpenEnum open && open.getValue() != null ? open.getValue() : String.valueOf(value);
    return Text.printable(text, 100);
  }
}
