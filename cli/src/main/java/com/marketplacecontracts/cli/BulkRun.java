package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.http.CheckpointStore;
import com.marketplacecontracts.core.http.FileCheckpointStore;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.RequestValidationException.Violation;
import com.marketplacecontracts.core.internal.error.UriMask;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.yandex.day.BulkWrite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a bulk write for the CLI: the checkpoint beside the input file (refused without {@code --resume} when one
 * exists), every item's outcome as a JSON line on stdout, progress on stderr (one updating bar on a terminal, else a
 * line every few seconds), and the exit code of the worst outcome.
 */
final class BulkRun {

  /** One item's outcome on stdout. {@code line} is the input line; a field left out is null. */
  public record ItemOutcome(int position, int line, String offerId, String warehouseId, String state, String code,
      String message) {
  }

  /** Seconds between progress lines when stderr is not a terminal. */
  static final long PLAIN_EVERY_NANOS = Duration.ofSeconds(5).toNanos();
  private static final Pattern INDEXED = Pattern.compile("[A-Za-z]+\\[(\\d+)](?:\\.(.*))?");

  private BulkRun() {
  }

  /**
   * Null when the job may go on; else the exit code after saying why: a checkpoint file exists and {@code --resume}
   * was not given (a second run must not look like a first one). Checked before the marketplace is asked anything;
   * a Redis checkpoint is checked when the job opens it ({@link BulkOptions.Guarded}). A resume of a completed job
   * goes on: it sends nothing, and prints the recorded outcomes and exits by the worst, as a script expects.
   */
  static Integer refused(Path checkpoint, boolean resume, String fingerprint, Output output) {
    if (!resume && Files.exists(checkpoint, LinkOption.NOFOLLOW_LINKS)) {
      String done = completed(checkpoint, fingerprint);
      output.error(done != null ? "error: " + done + "; nothing was sent. To send the file again, remove the"
          + " checkpoint " + checkpoint + "." : "error: the checkpoint " + checkpoint + " exists: this file's job"
          + " was started before. Add --resume to continue it (items with an outcome are not sent again), or remove"
          + " the checkpoint to start over; nothing was sent.");
      return ExitCodes.BAD_INPUT;
    }
    if (resume && !Files.exists(checkpoint, LinkOption.NOFOLLOW_LINKS)) {
      output.progress("No checkpoint at " + checkpoint + ": starting the job from its first item");
    } else if (resume) {
      String done = completed(checkpoint, fingerprint);
      if (done != null) { // said as a run without --resume says it: a resume with nothing left is no new work
        output.progress(done.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + done.substring(1)
            + "; nothing is left to send. To send the file again, remove the checkpoint " + checkpoint + ".");
      }
    }
    return null;
  }

  /**
   * "the job ... already completed: N items: ..." when a file checkpoint of this input ({@code fingerprint}) holds an
   * outcome for every item, as {@link BulkWrite#completion} reads it; else null.
   */
  private static String completed(Path checkpoint, String fingerprint) {
    try {
      if (!Files.isRegularFile(checkpoint, LinkOption.NOFOLLOW_LINKS)
          || Files.size(checkpoint) > FileCheckpointStore.MAX_BYTES) {
        return null;
      }
      return said(BulkWrite.completion(Files.readAllLines(checkpoint), fingerprint));
    } catch (IOException | UncheckedIOException e) {
      return null; // unreadable: the job's own open says why
    }
  }

  /**
   * The same for a checkpoint's {@code lines} (the job's own header, then its records), whatever its input, as
   * {@link BulkWrite#completion(List)} reads them.
   */
  static String completed(List<String> lines) {
    return said(BulkWrite.completion(lines));
  }

  private static String said(Optional<BulkWrite.Completion> completion) {
    return completion.filter(done -> done.items() <= BulkFile.MAX_ROWS) // no file of this tool's holds more
        .map(done -> "the job of this file already completed: " + Plural.of(done.items(), "item") + ": "
            + done.accepted() + " accepted, " + done.rejected() + " rejected, " + done.notSent() + " not sent")
        .orElse(null);
  }

  /**
   * A violation of the library's checks (which index items as {@code offers[i]}), named by the input line instead.
   */
  static RequestValidationException byLine(RequestValidationException e, Path file, List<BulkFile.Row> rows) {
    List<Violation> named = new ArrayList<>();
    for (Violation v : e.violations()) {
      Matcher m = INDEXED.matcher(v.field());
      if (m.matches() && m.group(1).length() < 8 && Integer.parseInt(m.group(1)) < rows.size()) {
        named.add(new Violation(file.getFileName() + " line " + rows.get(Integer.parseInt(m.group(1))).line() + ": "
            + (m.group(2) == null ? "item" : m.group(2)), v.value(), v.rule()));
      } else {
        named.add(v);
      }
    }
    return new RequestValidationException(Marketplace.YANDEX_MARKET, e.operationId(), named);
  }

  /**
   * Runs {@code job} and returns the exit code of its worst outcome; {@code destination} (HOST:PORT) words the
   * network failures of items without an answer.
   */
  static <I> int run(BulkWrite<I> job, List<BulkFile.Row> rows, Function<I, String> offerId,
      Function<I, String> warehouseId, String fingerprint, CheckpointStore checkpoint, Output output,
      PrintWriter err, boolean quiet, String what, String destination) {
    Bar bar = new Bar(err, quiet, System.console() != null, what);
    BulkWrite.Report<I> report;
    try {
      report = job.fingerprint(fingerprint).checkpoint(checkpoint).onProgress(bar::update)
          .onOutcome(o -> outcome(output, new ItemOutcome(o.position(), rows.get(o.position()).line(),
              offerId.apply(o.item()), warehouseId.apply(o.item()), o.state().name(), code(o),
              message(o, destination))))
          .run();
    } catch (IllegalStateException e) {
      bar.end();
      output.error("error: " + e.getMessage() + "; nothing was sent.");
      return ExitCodes.BAD_INPUT;
    } catch (UncheckedIOException e) {
      bar.end();
      output.error("error: " + e.getMessage() + " (" + e.getCause().getMessage() + "); the job stopped. Items"
          + " already recorded are kept: run again with --resume.");
      return ExitCodes.FAILURE;
    } finally {
      bar.end();
    }
    long accepted = report.count(BulkWrite.State.ACCEPTED);
    long rejected = report.count(BulkWrite.State.REJECTED);
    long notSent = report.count(BulkWrite.State.NOT_SENT);
    output.progress(what + ": " + Plural.of(report.outcomes().size(), "item") + ": " + accepted + " accepted, "
        + rejected + " rejected, " + notSent + " not sent" + (notSent > 0 ? " (run again with --resume to send what may"
        + " be sent again; checkpoint " + checkpoint.describe() + ")" : ""));
    return notSent > 0 ? ExitCodes.FAILURE : rejected > 0 ? ExitCodes.REJECTED : ExitCodes.OK;
  }

  /** An item's outcome: a JSON line with {@code --json}, else a line of its input line, id, state and why. */
  private static void outcome(Output output, ItemOutcome o) {
    if (output.json()) {
      output.json(o);
      return;
    }
    output.println("line " + o.line() + "  " + o.offerId() + (o.warehouseId() == null ? "" : " @" + o.warehouseId())
        + "  " + o.state() + (o.code() == null ? "" : "  " + o.code()) + (o.message() == null ? ""
        : "  " + o.message()));
  }

  private static String code(BulkWrite.Outcome<?> o) {
    if (o.errorCode() != null || o.failure() == null || o.state() != BulkWrite.State.NOT_SENT) {
      return o.errorCode();
    }
    MarketplaceException typed = o.failure() instanceof MarketplaceException m ? m
        : MarketplaceException.carriedBy(o.failure());
    // a code a script can match, not the Java class that carried the failure: the status, else the outcome's kind
    return typed != null && typed.statusCode() > 0 ? "HTTP_" + typed.statusCode()
        : MarketplaceException.outcomeOf(o.failure()).name();
  }

  private static String message(BulkWrite.Outcome<?> o, String destination) {
    String text = o.errorMessage();
    if (text == null && o.failure() != null && o.state() == BulkWrite.State.NOT_SENT) {
      text = Humane.network(o.failure().getMessage(), o.failure(), destination);
    }
    if (text == null) {
      return null;
    }
    text = UriMask.mask(text);
    return text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }

  /** Progress on stderr: a bar rewritten in place ({@code \r}) on a terminal, else a plain line every 5 s. */
  static final class Bar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean off;
    private final boolean terminal;
    private final String what;
    private long lastLine = System.nanoTime();
    private BulkWrite.Progress last;
    private boolean drawn;
    private boolean ended;

    Bar(PrintWriter err, boolean off, boolean terminal, String what) {
      this.err = err;
      this.off = off;
      this.terminal = terminal;
      this.what = what;
    }

    synchronized void update(BulkWrite.Progress p) {
      last = p;
      if (off || ended) {
        return;
      }
      if (terminal) {
        int filled = p.total() == 0 ? WIDTH : (int) ((long) WIDTH * p.done() / p.total());
        err.print("\r" + what + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + text(p) + "   ");
        err.flush();
        drawn = true;
      } else if (System.nanoTime() - lastLine >= PLAIN_EVERY_NANOS) {
        lastLine = System.nanoTime();
        err.println(what + ": " + text(p));
        err.flush();
      }
    }

    synchronized void end() {
      if (ended) {
        return;
      }
      ended = true;
      if (drawn) {
        err.println();
        err.flush();
      }
    }

    private static String text(BulkWrite.Progress p) {
      int percent = p.total() == 0 ? 100 : (int) (100L * p.done() / p.total());
      return String.format(Locale.ROOT, "%d%% %d/%d, %d rejected, %d not sent, %.0f items/s%s", percent, p.done(),
          p.total(), p.rejected(), p.notSent(), p.itemsPerSecond(), p.remaining() == null ? ""
              : ", " + Target.seconds(p.remaining()) + " left");
    }
  }
}
