package com.marketplacecontracts.yandex.day;

import com.marketplacecontracts.core.error.ApiError;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.http.Batches;
import com.marketplacecontracts.core.http.MarketplaceCall;
import com.marketplacecontracts.core.operation.ApiOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any number of items written through a batch operation ({@code x-batch}: updatePrices, updateStocks, ...) as a
 * resumable job. Each chunk's outcome is appended to a checkpoint file and forced to disk as it is acknowledged, so a
 * run started again with the same input and checkpoint sends only the chunks with no recorded outcome: an acknowledged
 * item is never sent twice and none is lost.
 *
 * <p>Resending is left to the client's retry (which repeats only operations the spec marks {@code x-idempotent});
 * this job never resends within a run. A chunk that failed without a marketplace verdict (transport, 5xx, quota) is
 * resent by a later run only when the operation is idempotent; for any other operation it is recorded as
 * {@code UNCERTAIN} and reported {@code NOT_SENT} with its failure, for a person to check, never sent again by itself.
 *
 * <pre>{@code
 * BulkWrite.Report report = BulkWrite.of(prices, chunk -> market.api(PricesApi.class)
 *     .updatePrices(campaignId, new UpdatePricesRequest().offers(chunk)))
 *     .checkpoint(Path.of("prices.ckpt")).onProgress(p -> log.info("{}", p)).run();
 * }</pre>
 */
public final class BulkWrite<I> {

  /** How an item ended. */
  public enum State {
    /** The marketplace answered its chunk with success. */
    ACCEPTED,
    /** The marketplace refused its chunk (a 4xx with error codes). */
    REJECTED,
    /** Not sent, or sent with no verdict received (see {@link Outcome#failure()}). */
    NOT_SENT
  }

  /**
   * One item's outcome: its input position, state, the marketplace's error code and message when REJECTED, and the
   * failure of this run when it has one (null for outcomes restored from the checkpoint).
   */
  public record Outcome<I>(int position, I item, State state, String errorCode, String errorMessage,
      RuntimeException failure) {
  }

  /** Progress after each chunk: items with an outcome so far (this run and restored), of all, and items a second. */
  public record Progress(int done, int total, int sentThisRun, double itemsPerSecond) {
  }

  /** Every item's outcome, in input order. */
  public record Report<I>(List<Outcome<I>> outcomes) {

    public List<Outcome<I>> in(State state) {
      return outcomes.stream().filter(o -> o.state() == state).toList();
    }

    public long count(State state) {
      return outcomes.stream().filter(o -> o.state() == state).count();
    }
  }

  private final List<I> items;
  private final Function<List<I>, MarketplaceCall<?>> call;
  private Path checkpoint;
  private int parallel = 1;
  private java.util.function.Consumer<Progress> progress = p -> { };

  private BulkWrite(List<I> items, Function<List<I>, MarketplaceCall<?>> call) {
    this.items = List.copyOf(items);
    this.call = Objects.requireNonNull(call, "call");
  }

  /** A job writing {@code items}, each chunk sent by {@code call} (the request of one chunk). */
  public static <I> BulkWrite<I> of(List<I> items, Function<List<I>, ? extends MarketplaceCall<?>> call) {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(call, "call");
    return new BulkWrite<>(items, call::apply);
  }

  /** The checkpoint file (created when absent); without one the job still runs, but cannot be resumed. */
  public BulkWrite<I> checkpoint(Path file) {
    this.checkpoint = Objects.requireNonNull(file, "file");
    return this;
  }

  /** Chunks in flight at once (default 1); the client's limiter still holds each to the account's cap and quota. */
  public BulkWrite<I> parallel(int parallel) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be >= 1, was " + parallel);
    }
    this.parallel = parallel;
    return this;
  }

  /** Called after each chunk this run sends (from the thread that sent it). */
  public BulkWrite<I> onProgress(java.util.function.Consumer<Progress> listener) {
    this.progress = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Sends every chunk with no outcome in the checkpoint, in chunks of the operation's declared size.
   *
   * @throws IllegalArgumentException when the operation declares no batch
   * @throws IllegalStateException when the checkpoint was written for another input (count or chunk size)
   * @throws UncheckedIOException when the checkpoint cannot be read or written (the run stops: an outcome that
   *     cannot be recorded must not be taken as done)
   */
  public Report<I> run() {
    if (items.isEmpty()) {
      return new Report<>(List.of());
    }
    MarketplaceCall<?> sample = call.apply(items.subList(0, 1));
    ApiOperation declared = declaration(sample);
    if (declared == null || declared.batchMaxItems() < 1) {
      throw new IllegalArgumentException((declared == null ? "the call" : declared.id())
          + " declares no batch in the spec (x-batch)");
    }
    int size = declared.batchMaxItems();
    Checkpoint file = checkpoint == null ? null : Checkpoint.open(checkpoint, items.size(), size);
    Map<Integer, Recorded> done = file == null ? Map.of() : file.recorded();
    List<Integer> pending = new ArrayList<>();
    Outcome<I>[] outcomes = newArray(items.size());
    int restored = 0;
    for (int from = 0; from < items.size(); from += size) {
      int to = Math.min(items.size(), from + size);
      Recorded recorded = done.get(from);
      if (recorded == null || recorded.state() == null && declared.idempotent()) {
        pending.add(from);
        continue;
      }
      for (int p = from; p < to; p++) {
        outcomes[p] = recorded.state() == null
            ? new Outcome<>(p, items.get(p), State.NOT_SENT, null, "sent earlier without a verdict; not resent: "
                + recorded.message(), null)
            : new Outcome<>(p, items.get(p), recorded.state(), recorded.code(), recorded.message(), null);
      }
      restored += to - from;
    }
    // Every chunk's request is built (and validated) before the first is sent, as the batcher does.
    List<MarketplaceCall<?>> calls = new ArrayList<>();
    for (int from : pending) {
      calls.add(call.apply(List.copyOf(items.subList(from, Math.min(items.size(), from + size)))));
    }
    long started = System.nanoTime();
    int[] counters = {restored, 0};
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      indexes.add(i);
    }
    Batches.each(indexes, i -> calls.get(i).execute(), parallel, (i, outcome) -> {
      int from = pending.get(i);
      int to = Math.min(items.size(), from + size);
      Recorded verdict = verdict(outcome.failure(), declared.idempotent());
      if (file != null && verdict != null) {
        file.append(from, to - from, verdict);
      }
      Progress now;
      synchronized (counters) {
        for (int p = from; p < to; p++) {
          outcomes[p] = verdict == null || verdict.state() == null
              ? new Outcome<>(p, items.get(p), State.NOT_SENT, null, null, outcome.failure())
              : new Outcome<>(p, items.get(p), verdict.state(), verdict.code(), verdict.message(),
                  outcome.failure());
        }
        counters[0] += to - from;
        counters[1] += to - from;
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        now = new Progress(counters[0], items.size(), counters[1], counters[1] / seconds);
      }
      progress.accept(now);
    });
    return new Report<>(List.of(outcomes));
  }

  /**
   * What the checkpoint records for a chunk's outcome: success, the marketplace's refusal, an unknown outcome of a
   * non-idempotent write ({@code state} null), or nothing (null: an idempotent chunk with no verdict, resent later).
   */
  private static Recorded verdict(RuntimeException failure, boolean idempotent) {
    if (failure == null) {
      return new Recorded(State.ACCEPTED, null, null);
    }
    MarketplaceException typed = failure instanceof MarketplaceException m ? m : MarketplaceException.carriedBy(failure);
    int status = typed == null ? 0 : typed.statusCode();
    if (status >= 400 && status < 500 && status != 420 && status != 429 && status != 401 && status != 403) {
      ApiError first = typed.errors().isEmpty() ? null : typed.errors().get(0);
      return new Recorded(State.REJECTED, first == null ? "HTTP_" + status : first.code(),
          first == null ? typed.getMessage() : first.message());
    }
    return idempotent ? null : new Recorded(null, null, typed == null ? failure.getClass().getSimpleName()
        : typed.getClass().getSimpleName() + " " + status);
  }

  private static ApiOperation declaration(MarketplaceCall<?> call) {
    retrofit2.Invocation invocation = call.request().tag(retrofit2.Invocation.class);
    return invocation == null ? null : invocation.method().getAnnotation(ApiOperation.class);
  }

  @SuppressWarnings("unchecked")
  private static <I> Outcome<I>[] newArray(int n) {
    return (Outcome<I>[]) new Outcome<?>[n];
  }

  private record Recorded(State state, String code, String message) {
  }

  /**
   * The checkpoint: a header line naming the input's item count and chunk size, then one JSON line per chunk with an
   * outcome, each appended and forced to disk before the chunk counts as done. A torn last line (a crash while
   * writing) is ignored, so its chunk is sent again — only possible for a chunk whose line never reached the disk.
   */
  private static final class Checkpoint {
    private static final Pattern HEADER = Pattern.compile("\\{\"items\":(\\d+),\"chunk\":(\\d+)}");
    private static final Pattern LINE = Pattern.compile(
        "\\{\"from\":(\\d+),\"size\":(\\d+),\"state\":\"(\\w+)\"(?:,\"code\":(\"(?:[^\"\\\\]|\\\\.)*\"|null))?"
            + "(?:,\"message\":(\"(?:[^\"\\\\]|\\\\.)*\"|null))?}");

    private final Path path;
    private final Map<Integer, Recorded> recorded;

    private Checkpoint(Path path, Map<Integer, Recorded> recorded) {
      this.path = path;
      this.recorded = recorded;
    }

    static Checkpoint open(Path path, int items, int chunk) {
      String header = "{\"items\":" + items + ",\"chunk\":" + chunk + "}";
      Map<Integer, Recorded> recorded = new HashMap<>();
      try {
        if (!Files.exists(path) || Files.size(path) == 0) {
          Checkpoint created = new Checkpoint(path, recorded);
          created.write(header);
          return created;
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        Matcher head = HEADER.matcher(lines.get(0));
        if (!head.matches() || Integer.parseInt(head.group(1)) != items || Integer.parseInt(head.group(2)) != chunk) {
          throw new IllegalStateException("checkpoint " + path + " was written for another input (" + lines.get(0)
              + "), this one is " + header);
        }
        for (String line : lines.subList(1, lines.size())) {
          Matcher m = LINE.matcher(line);
          if (!m.matches()) {
            continue;
          }
          String state = m.group(3);
          recorded.put(Integer.parseInt(m.group(1)), new Recorded("UNCERTAIN".equals(state) ? null
              : State.valueOf(state), unquote(m.group(4)), unquote(m.group(5))));
        }
        return new Checkpoint(path, recorded);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read checkpoint " + path, e);
      }
    }

    Map<Integer, Recorded> recorded() {
      return Collections.unmodifiableMap(recorded);
    }

    void append(int from, int size, Recorded verdict) {
      write("{\"from\":" + from + ",\"size\":" + size + ",\"state\":\""
          + (verdict.state() == null ? "UNCERTAIN" : verdict.state().name()) + "\",\"code\":" + quote(verdict.code())
          + ",\"message\":" + quote(verdict.message()) + "}");
    }

    private synchronized void write(String line) {
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write checkpoint " + path, e);
      }
    }

    private static String quote(String value) {
      if (value == null) {
        return "null";
      }
      StringBuilder out = new StringBuilder("\"");
      for (char c : value.toCharArray()) {
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c < 0x20) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
      return out.append('"').toString();
    }

    private static String unquote(String quoted) {
      if (quoted == null || "null".equals(quoted)) {
        return null;
      }
      StringBuilder out = new StringBuilder();
      String body = quoted.substring(1, quoted.length() - 1);
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c == '\\' && i + 1 < body.length()) {
          char next = body.charAt(++i);
          if (next == 'u' && i + 4 < body.length()) {
            out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
            i += 4;
          } else {
            out.append(next);
          }
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
  }
}
