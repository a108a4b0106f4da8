package com.marketplacecontracts.yandex.day;

import com.marketplacecontracts.core.error.ApiError;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.RequestValidationException.Violation;
import com.marketplacecontracts.core.http.Batches;
import com.marketplacecontracts.core.http.CheckpointRefusedException;
import com.marketplacecontracts.core.http.CheckpointStore;
import com.marketplacecontracts.core.http.FileCheckpointStore;
import com.marketplacecontracts.core.http.MarketplaceCall;
import com.marketplacecontracts.core.http.OperationIndex;
import com.marketplacecontracts.core.internal.Digests;
import com.marketplacecontracts.core.internal.Text;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.Operations;
import com.marketplacecontracts.yandex.YandexMarketClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Any number of items written through a batch operation ({@code x-batch}: updatePrices, updateStocks, ...) as a
 * resumable job: chunks of at most the operation's {@code maxItems} (and of its item-counted quota), the first alone
 * (its answer tells the client's limiter where the quota's windows start), then as many in flight as asked and the
 * operation's own parallel limit allows (the limiter still holds each call to the quota and the account's cap), and an
 * outcome for every item.
 *
 * <p><b>Per item.</b> A refusal (a 4xx) rejects the items its errors name by structure — the error's field is the
 * item's path in the request ({@code offers[3]}) or, with {@link #key} set, the item's key; or its message begins
 * with the item's path — each with its own code and message, and — for an operation that may be sent twice — the
 * request's other items are sent again without them. An item no error names gets no verdict from the refusal: it is
 * {@code NOT_SENT} with the marketplace's code, sent again by the next run when the operation may be sent twice, else
 * recorded and left to a person. With a key, an answer that carries per-item results ({@code results[].errors},
 * {@code warnings}) rejects or annotates each item.
 *
 * <p><b>Checked first.</b> Each chunk's request is built, and so checked against the spec's constraints, before
 * anything is sent; an item the checks refuse (a price of -5) is {@code NOT_SENT} with the field and the rule, never
 * sent, and the rest of its chunk goes on without it. A request refused for more than its items (an account
 * parameter) stops the job before anything is sent.
 *
 * <p><b>Resumable.</b> Each chunk's outcomes are appended to a {@link CheckpointStore} and durable before the chunk
 * counts as done, so a run started again with the same input and store (after a crash, {@code kill -9} included)
 * sends only the items with no recorded outcome: an acknowledged item is never sent twice and none is lost. Every
 * record keeps a digest of each of its items ({@link #itemText}), so a checkpoint resumes only the items it was
 * written for: other items, or the same ones with another value, at a recorded position are refused. A chunk
 * that failed without a marketplace verdict (transport, 5xx, quota) is sent again by a later run only when the
 * operation is {@code x-idempotent}; for any other operation the job records that it is sending a chunk before it
 * sends it, and a chunk with no verdict after that is reported {@code NOT_SENT} with "sent without a verdict", for a
 * person to check, and never sent again by itself. Within a run, repeating is the client's retry's business (which
 * also repeats only {@code x-idempotent} operations).
 *
 * <pre>{@code
 * BulkWrite.Report<OfferPriceDTO> report = BulkWrite.of(prices, chunk -> market.api(PricesApi.class)
 *     .updatePrices(campaignId, new UpdatePricesRequest().offers(chunk)))
 *     .key(OfferPriceDTO::getOfferId).checkpoint(Path.of("prices.ckpt")).onProgress(p -> log.info("{}", p)).run();
 * }</pre>
 */
public final class BulkWrite<I> {

  /** How an item ended. */
  public enum State {
    /** The marketplace answered its request with success (and named no error of this item). */
    ACCEPTED,
    /** The marketplace refused it: its request (a 4xx with error codes), or this item by name. */
    REJECTED,
    /**
     * Not sent, sent with no verdict received, or refused by errors none of which names it (see
     * {@link Outcome#failure()}, the code and the message).
     */
    NOT_SENT
  }

  /** The error code of an item the request's checks refused before sending ({@link State#NOT_SENT}). */
  public static final String INVALID_ITEM = "INVALID_ITEM";

  /**
   * One item's outcome: its input position, state, the marketplace's error code and message (for an accepted item,
   * its warning, if the answer gave one; {@link #INVALID_ITEM} for an item refused before sending), and the failure
   * of this run when it has one (null for outcomes restored from the checkpoint).
   */
  public record Outcome<I>(int position, I item, State state, String errorCode, String errorMessage,
      RuntimeException failure) {
  }

  /**
   * Progress after each chunk: items with an outcome (this run and restored) of all, by state, items sent by this
   * run, its rate, and the time left at that rate (null before the rate is known).
   */
  public record Progress(int done, int total, int accepted, int rejected, int notSent, int sentThisRun,
      double itemsPerSecond, Duration remaining) {
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

  /** What a checkpoint holds of a job that has an outcome for every item: none is left to send. */
  public record Completion(int items, int accepted, int rejected, int notSent) {
  }

  /**
   * Whether the checkpoint {@code lines} (its header, then its records, as a {@link CheckpointStore} keeps them) is
   * of a job of this class for the input {@code fingerprint} (see {@link #fingerprint}) with an outcome recorded for
   * every item, so that a run would send nothing: then its counts (an item sent without a verdict is never sent
   * again, so it counts as not sent), else empty — also for lines that are not such a checkpoint. Reads the lines
   * only; the items are not checked against the records' digests (a run does that).
   */
  public static Optional<Completion> completion(List<String> lines, String fingerprint) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    return completed(lines, fingerprint);
  }

  /**
   * As {@link #completion(List, String)}, for the job whatever its input: for lines whose header is known to be the
   * job's own (the one it has just opened its store with).
   */
  public static Optional<Completion> completion(List<String> lines) {
    return completed(lines, null);
  }

  private static Optional<Completion> completed(List<String> lines, String fingerprint) {
    Matcher header = lines.isEmpty() ? null : JOB.matcher(lines.get(0));
    if (header == null || !header.matches() || (fingerprint != null && !header.group(4).equals(fingerprint))) {
      return Optional.empty();
    }
    long total = Long.parseLong(header.group(3));
    // ranges, not one state an item: a header may claim any number of items
    Ranges covered = new Ranges();
    Ranges verdicts = new Ranges();
    long accepted = 0;
    long rejected = 0;
    long any = 0;
    for (String line : lines.subList(1, lines.size())) {
      Matcher m = RECORD.matcher(line);
      if (!m.matches()) {
        continue;
      }
      long from = Long.parseLong(m.group(1));
      long to = Math.min(total, from + Long.parseLong(m.group(2)));
      if (from >= to) {
        continue;
      }
      any += covered.add(from, to);
      String kind = m.group(3);
      // the first verdict an item has stands; SENDING, then UNCERTAIN, say the same: sent, no verdict
      if (kind.equals("ACCEPTED")) {
        accepted += verdicts.add(from, to);
      } else if (kind.equals("REJECTED")) {
        rejected += verdicts.add(from, to);
      }
    }
    return any < total ? Optional.empty() : Optional.of(new Completion((int) total, (int) accepted,
        (int) rejected, (int) (total - accepted - rejected)));
  }

  /** Disjoint ranges {@code [from, to)} of positions, merged as they are added. */
  private static final class Ranges {
    private final TreeMap<Long, Long> byStart = new TreeMap<>();

    /** Adds {@code [from, to)}; returns how many of its positions were not in yet. */
    long add(long from, long to) {
      long start = from;
      long end = to;
      Map.Entry<Long, Long> before = byStart.floorEntry(from);
      if (before != null && before.getValue() >= from) {
        start = before.getKey();
      }
      long overlap = 0;
      for (var it = byStart.subMap(start, true, to, true).entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Long, Long> range = it.next();
        overlap += Math.max(0, Math.min(range.getValue(), to) - Math.max(range.getKey(), from));
        end = Math.max(end, range.getValue());
        it.remove();
      }
      byStart.put(start, end);
      return to - from - overlap;
    }
  }

  private static final byte NONE = 0;
  private static final byte ACCEPTED = 1;
  private static final byte REJECTED = 2;
  /** Sent (or being sent) with no verdict, of an operation that may not be sent twice: never resent. */
  private static final byte UNCERTAIN = 3;
  /** Rounds of sending a request again without the items its refusal named. */
  private static final int SPLIT_ROUNDS = 3;

  private final List<I> items;
  private final Function<List<I>, MarketplaceCall<?>> call;
  private Function<I, String> key;
  private Function<? super I, String> itemText;
  private CheckpointStore store;
  private String fingerprint = "";
  private int parallel = 1;
  private int chunkSize;
  private Consumer<Progress> progress = p -> { };
  private Consumer<Outcome<I>> outcomeListener = o -> { };

  private BulkWrite(List<I> items, Function<List<I>, MarketplaceCall<?>> call) {
    this.items = List.copyOf(items);
    this.call = call;
  }

  /** A job writing {@code items}, each chunk sent by {@code call} (the request of one chunk). */
  public static <I> BulkWrite<I> of(List<I> items, Function<List<I>, ? extends MarketplaceCall<?>> call) {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(call, "call");
    return new BulkWrite<>(items, call::apply);
  }

  /**
   * How the marketplace names an item in its per-item results and errors (offerId, sku; with a warehouse,
   * {@link #placed}): enables per-item verdicts from the answer's {@code results[]}.
   */
  public BulkWrite<I> key(Function<I, String> key) {
    this.key = Objects.requireNonNull(key, "key");
    return this;
  }

  /** The checkpoint file (created when absent); without a checkpoint the job still runs, but cannot be resumed. */
  public BulkWrite<I> checkpoint(Path file) {
    return checkpoint(new FileCheckpointStore(file));
  }

  /** Where the job's outcomes are kept (a file, or a shared store another process can take the job over from). */
  public BulkWrite<I> checkpoint(CheckpointStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * Names the input as a whole (e.g. a digest of the file it was read from): a checkpoint written for another
   * fingerprint is refused before any of its records is read. Without it, the checkpoint is still tied to the items
   * themselves: each record keeps a digest of each item it records ({@link #itemText}), and a run whose item at a
   * recorded position is another one, or the same one with another value, is refused with a
   * {@link CheckpointRefusedException} naming that position and the item, before anything is sent.
   */
  public BulkWrite<I> fingerprint(String fingerprint) {
    if (!fingerprint.matches("[A-Za-z0-9._:-]{0,128}")) {
      throw new IllegalArgumentException("fingerprint must be up to 128 of [A-Za-z0-9._:-]");
    }
    this.fingerprint = fingerprint;
    return this;
  }

  /**
   * The text of an item that ties a checkpoint's record to it: its identity and every value it writes (a record
   * keeps 48 bits of its SHA-256, 8 characters an item). Equal texts are taken for the same item, so a resume with
   * an item whose text differs at a recorded position is refused. Default: the item's own {@code toString()}
   * (records, the generated models, strings, numbers), else its {@link #key}; a job with a checkpoint whose items
   * have neither is refused when it starts. {@link PriceWrites} and {@link StockWrites} set their own.
   */
  public BulkWrite<I> itemText(Function<? super I, String> text) {
    this.itemText = Objects.requireNonNull(text, "text");
    return this;
  }

  /** Chunks in flight at once (default 1), never more than the operation's own parallel limit. */
  public BulkWrite<I> parallel(int parallel) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be >= 1, was " + parallel);
    }
    this.parallel = parallel;
    return this;
  }

  /** Smaller chunks than the operation allows (e.g. to share its quota); 0 for the operation's own size. */
  public BulkWrite<I> chunkSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("chunkSize must be >= 0, was " + size);
    }
    this.chunkSize = size;
    return this;
  }

  /** Called after each chunk this run sends (from the thread that sent it). */
  public BulkWrite<I> onProgress(Consumer<Progress> listener) {
    this.progress = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Called with every item's outcome as soon as it is known: restored ones first, then each chunk's, in chunk order
   * within a chunk (chunks in flight together may interleave). Calls are not concurrent.
   */
  public BulkWrite<I> onOutcome(Consumer<Outcome<I>> listener) {
    this.outcomeListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * The chunk size the job uses for {@code operation}: its maxItems and the user's cap, and — for an item-counted
   * quota — the largest size of which a whole number of chunks fills the quota's window (10,000 a window in chunks of
   * at most 1,500: 7 of 1,428), so that no window's end is left unused for want of room for one more chunk.
   */
  static int chunkSize(ApiOperation operation, int requested) {
    int size = requested > 0 ? Math.min(operation.batchMaxItems(), requested) : operation.batchMaxItems();
    if (operation.quotaUnit().equals("req." + operation.batchField())) {
      int tiled = size;
      for (ApiOperation.Quota quota : operation.quotas()) {
        if (quota.amount() >= 1) {
          long perWindow = (quota.amount() + size - 1) / size;
          tiled = (int) Math.min(tiled, quota.amount() / perWindow);
        }
      }
      size = Math.max(1, tiled);
    }
    return size;
  }

  /**
   * Sends every item with no outcome in the checkpoint; an item the request's checks refuse ends {@code NOT_SENT}
   * with the field and the rule, and is not sent.
   *
   * @throws IllegalArgumentException when the operation declares no batch, or a job with a checkpoint has items
   *     with no text to tie it to (see {@link #itemText})
   * @throws com.marketplacecontracts.core.error.RequestValidationException when a request is invalid beyond its
   *     items (an account parameter, say): nothing sent
   * @throws CheckpointRefusedException when the checkpoint was written for other items (the first differing
   *     position named), another input, operation or account (campaign, business: both named), or another process
   *     holds it — nothing sent
   * @throws java.io.UncheckedIOException when the checkpoint cannot be read or written (the run stops: an outcome
   *     that cannot be recorded must not be taken as done)
   */
  public Report<I> run() {
    if (items.isEmpty()) {
      return new Report<>(List.of());
    }
    Function<? super I, String> text = store == null ? null : itemText();
    // The operation and the account come from the request of the first item the checks let through; an item
    // before it that they refuse is not sent.
    Map<Integer, RequestValidationException> invalid = new TreeMap<>();
    MarketplaceCall<?> first = null;
    for (int p = 0; p < items.size() && first == null; p++) {
      first = build(new ArrayList<>(List.of(p)), invalid);
    }
    if (first == null) {
      // every item refused by the checks: none to send, none to record
      Run run = new Run(false, "", null);
      invalid.forEach((p, e) -> run.report(run.invalid(p, e)));
      return new Report<>(List.of(run.outcomes));
    }
    ApiOperation declared = Operations.of(first.request());
    if (declared == null || declared.batchMaxItems() < 1) {
      throw new IllegalArgumentException((declared == null ? "the call" : declared.id())
          + " declares no batch in the spec (x-batch)");
    }
    int size = chunkSize(declared, chunkSize);
    int inFlight = declared.parallelLimit() > 0 ? Math.min(parallel, declared.parallelLimit()) : parallel;
    boolean idempotent = declared.idempotent();
    Run run = new Run(idempotent, declared.batchField(), text);
    String account = Operations.account(first.request());
    String header = "{\"job\":\"bulk-write\",\"operation\":\"" + declared.id() + "\",\"account\":"
        + quote(account, 100) + ",\"items\":" + items.size() + ",\"chunk\":" + size + ",\"input\":\"" + fingerprint
        + "\"}";
    try (CheckpointStore opened = store) {
      if (opened != null) {
        for (String record : open(opened, header, declared.id(), account)) {
          run.restore(record);
        }
        run.refuseOtherItems(opened);
      }
      // Restored outcomes first; then every pending chunk's request is built (and checked) before one is sent: an
      // item the checks refuse is left out of its chunk and ends NOT_SENT.
      List<List<Integer>> pending = new ArrayList<>();
      List<MarketplaceCall<?>> calls = new ArrayList<>();
      for (int from = 0; from < items.size(); from += size) {
        List<Integer> unsent = new ArrayList<>();
        for (int p = from; p < Math.min(items.size(), from + size); p++) {
          if (run.state[p] != NONE) {
            run.report(run.restored(p));
          } else if (!invalid.containsKey(p)) {
            unsent.add(p);
          }
        }
        MarketplaceCall<?> built = build(unsent, invalid);
        for (int p = from; p < Math.min(items.size(), from + size); p++) {
          RequestValidationException refused = run.state[p] == NONE ? invalid.get(p) : null;
          if (refused != null) {
            run.report(run.invalid(p, refused));
          }
        }
        if (built != null) {
          pending.add(unsent);
          calls.add(built);
        }
      }
      List<Integer> indexes = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        indexes.add(i);
      }
      run.started = System.nanoTime();
      // The first chunk alone: its answer tells the client's limiter where the server's quota windows start, so the
      // others, sent as soon as that answer is in, are each held to the start of a window rather than to the
      // cautious pace the limiter keeps before it knows them (chunks waiting at that pace sleep through windows).
      Batches.each(indexes, i -> {
        if (i > 0) {
          run.awaitFirstAnswer();
        }
        try {
          run.send(pending.get(i), calls.get(i), opened);
        } finally {
          run.firstAnswer.countDown();
        }
        return null;
      }, inFlight, (i, outcome) -> {
        if (outcome.failure() != null) {
          throw outcome.failure(); // the checkpoint failed: stop rather than count unrecorded outcomes as done
        }
      });
      return new Report<>(List.of(run.outcomes));
    }
  }

  /** The text that ties a record to an item: the one set, else the item's own toString, else its key. */
  private Function<? super I, String> itemText() {
    if (itemText != null) {
      return itemText;
    }
    for (I item : items) {
      if (!OWN_TEXT.get(item.getClass()) && key == null) {
        throw new IllegalArgumentException("items of " + item.getClass().getName() + " have no text of their own"
            + " (toString) and the job no key: set itemText(...) (an item's identity and values) so that the"
            + " checkpoint can be tied to the items it records");
      }
    }
    return item -> OWN_TEXT.get(item.getClass()) ? item.toString() : key.apply(item);
  }

  /** Whether a class declares its own {@code toString} (a value's text, not the identity {@code Object} gives). */
  private static final ClassValue<Boolean> OWN_TEXT = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      try {
        return type.getMethod("toString").getDeclaringClass() != Object.class;
      } catch (NoSuchMethodException e) {
        return false;
      }
    }
  };

  /** What the spec declares of the operation a request the checks refused was for (null: not this client's). */
  private static ApiOperation declared(String operationId) {
    return YandexMarketClient.operationIndex().find(operationId).map(OperationIndex.Operation::spec).orElse(null);
  }

  /**
   * The items of {@code attempt} that {@code e}'s violations name, each with its violations renamed to its input
   * position ({@code offers[1002].price.value}); an element the checks name without an index (a set's) is under
   * -1. Throws {@code e} when any violation is not of an item (an account, the size of the batch): the request
   * itself is invalid.
   */
  private static Map<Integer, List<Violation>> itemViolations(RequestValidationException e, List<Integer> attempt,
      String batchField) {
    Pattern itemField = Pattern.compile("(?:[^.\\[\\]<]+\\.)?" + Pattern.quote(batchField)
        + "\\[(\\d{1,9})?]((?:[.\\[<].*)?)", Pattern.DOTALL);
    if (e.violations().isEmpty()) {
      throw e;
    }
    Map<Integer, List<Violation>> out = new TreeMap<>();
    for (Violation violation : e.violations()) {
      Matcher m = violation.field() == null ? null : itemField.matcher(violation.field());
      if (m == null || !m.matches() || (m.group(1) != null && Long.parseLong(m.group(1)) >= attempt.size())) {
        throw e;
      }
      int p = m.group(1) == null ? (attempt.size() == 1 ? attempt.get(0) : -1) : attempt.get(Integer.parseInt(
          m.group(1)));
      String field = p < 0 ? violation.field() : batchField + "[" + p + "]" + m.group(2);
      out.computeIfAbsent(p, k -> new ArrayList<>()).add(new Violation(field, violation.value(), violation.rule()));
    }
    return out;
  }

  /**
   * The request of {@code positions}, built (and checked) without the items the checks refuse, each put in
   * {@code invalid} and left out of {@code positions}; null when none is left. Items named by their index are
   * left out at once; an element the checks name without one (a set's) is found by building halves. The one
   * place items are refused before sending: {@link #run} finds its first valid item with it too.
   *
   * @throws RequestValidationException when the request is invalid beyond its items, or its operation declares
   *     no batch
   */
  private MarketplaceCall<?> build(List<Integer> positions, Map<Integer, RequestValidationException> invalid) {
    while (!positions.isEmpty()) {
      try {
        return call.apply(itemsAt(positions));
      } catch (RequestValidationException e) {
        Map<Integer, RequestValidationException> refused = new TreeMap<>();
        refuse(e, positions, refused);
        if (refused.isEmpty()) {
          throw e; // refused as a whole, though each part passes: not an item's fault
        }
        invalid.putAll(refused);
        positions.removeIf(refused::containsKey);
      }
    }
    return null;
  }

  /**
   * Puts the items of {@code attempt} that {@code e} names into {@code refused}; with an element named without
   * an index, builds each half of the others to find it (a single item is named by the request's failure alone).
   */
  private void refuse(RequestValidationException e, List<Integer> attempt,
      Map<Integer, RequestValidationException> refused) {
    ApiOperation refusing = declared(e.operationId());
    if (refusing == null || refusing.batchMaxItems() < 1) {
      throw e; // no items to tell apart: the request itself is refused
    }
    Map<Integer, List<Violation>> named = itemViolations(e, attempt, refusing.batchField());
    named.forEach((p, violations) -> {
      if (p >= 0) {
        refused.put(p, new RequestValidationException(e.marketplace(), e.operationId(), violations));
      }
    });
    if (!named.containsKey(-1)) {
      return;
    }
    List<Integer> rest = new ArrayList<>(attempt);
    rest.removeIf(refused::containsKey);
    for (List<Integer> half : List.of(rest.subList(0, rest.size() / 2), rest.subList(rest.size() / 2,
        rest.size()))) {
      if (half.isEmpty()) {
        continue;
      }
      try {
        call.apply(itemsAt(half));
      } catch (RequestValidationException inHalf) {
        refuse(inHalf, half, refused);
      }
    }
  }

  private static String items(String count) {
    return count + (count.equals("1") ? " item" : " items");
  }

  /** Opens the store; a checkpoint of another operation, account or input is refused with both named. */
  private static List<String> open(CheckpointStore store, String header, String operation, String account) {
    try {
      return store.open(header);
    } catch (CheckpointRefusedException e) {
      Matcher m = e.found() == null ? null : HEADER.matcher(e.found());
      if (m != null && m.lookingAt()) {
        String foundOperation = m.group(1);
        String foundAccount = unquote(m.group(2));
        if (!foundOperation.equals(operation) || !Objects.equals(foundAccount, account)) {
          throw new CheckpointRefusedException("checkpoint " + store.describe() + " was written for " + foundOperation
              + " of " + accountText(foundAccount) + ", this job is " + operation + " of " + accountText(account)
              + ": refused (a job is resumed for the operation and account it was started for)", e.found());
        }
        Matcher job = JOB.matcher(e.found());
        Matcher ours = JOB.matcher(header);
        if (job.matches() && ours.matches()) {
          // the same operation and account: the items are not these (another file, or the same one changed)
          throw new CheckpointRefusedException("checkpoint " + store.describe() + " was written for another input"
              + " of " + operation + " (" + items(job.group(3)) + ", input " + Text.cut(job.group(4), 24, "...")
              + "; this one has " + items(ours.group(3)) + ", input " + Text.cut(ours.group(4), 24, "...")
              + "): refused (a job resumes only the items it was started for; remove the checkpoint to start over)",
              e.found());
        }
      }
      throw e;
    }
  }

  /**
   * An account as a refusal names it. Its own rule beyond the cut: only the characters an account key is made of
   * ({@code campaignId=5}) are kept, since a space or quote from a file's header would blur where the name ends.
   */
  private static String accountText(String account) {
    if (account == null) {
      return "no account";
    }
    return Text.cut(account, 80, Text.MORE).replaceAll("[^A-Za-z0-9=_.:-]", "?");
  }

  private List<I> itemsAt(List<Integer> positions) {
    List<I> chunk = new ArrayList<>(positions.size());
    for (int p : positions) {
      chunk.add(items.get(p));
    }
    return List.copyOf(chunk);
  }

  /** One run's state: what each item's outcome is, and the counts progress reports. */
  private final class Run {
    final boolean idempotent;
    /** How an error names an item of its request by position: {@code offers[3]} (the operation's batch field). */
    final Pattern itemPath;
    /** What ties a record to its items (null without a checkpoint). */
    final Function<? super I, String> text;
    /** The first recorded position whose item is not this input's (-1: none), and whether a record named none. */
    int otherItem = -1;
    boolean untied;
    final byte[] state = new byte[items.size()];
    /** Code and message of the items that have them (rejected, uncertain, warned), by position. */
    final Map<Integer, String[]> notes = new HashMap<>();
    final Outcome<I>[] outcomes = newArray(items.size());
    final int[] counts = new int[3];
    /** Open once the first chunk's first request has been answered (or has failed). */
    final CountDownLatch firstAnswer = new CountDownLatch(1);
    int done;
    int sent;
    long started;

    Run(boolean idempotent, String batchField, Function<? super I, String> text) {
      this.idempotent = idempotent;
      this.text = text;
      this.itemPath = Pattern.compile(Pattern.quote(batchField) + "\\[(\\d{1,9})](?![^.:\\s\\[])");
    }

    void awaitFirstAnswer() {
      try {
        firstAnswer.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the job's first request was on its way", e);
      }
    }

    /**
     * One record of the checkpoint; anything that is not a record of this input's positions is ignored. A record
     * whose digests differ from this input's items there is not applied: the first such position is kept for
     * {@link #refuseOtherItems}, as is a record that keeps no digests (one of a version before records named their
     * items).
     */
    void restore(String record) {
      Matcher m = RECORD.matcher(record);
      if (!m.matches()) {
        return;
      }
      long from = Long.parseLong(m.group(1).length() > 9 ? "-1" : m.group(1));
      long count = Long.parseLong(m.group(2).length() > 9 ? "-1" : m.group(2));
      if (from < 0 || count < 1 || from + count > items.size()) {
        return;
      }
      String digests = m.group(6);
      if (digests == null) {
        untied = true;
        return;
      }
      if (digests.length() != count * DIGEST_CHARS) {
        return; // not a record this job wrote
      }
      MessageDigest sha = Digests.sha256();
      for (int p = (int) from; p < from + count; p++) {
        int at = (int) (p - from) * DIGEST_CHARS;
        if (!digests.regionMatches(at, digest(sha, p), 0, DIGEST_CHARS)) {
          otherItem = otherItem < 0 ? p : Math.min(otherItem, p);
          return;
        }
      }
      String kind = m.group(3);
      String code = unquote(m.group(4));
      String message = unquote(m.group(5));
      for (int p = (int) from; p < from + count; p++) {
        switch (kind) {
          case "ACCEPTED", "REJECTED" -> {
            state[p] = kind.equals("ACCEPTED") ? ACCEPTED : REJECTED;
            note(p, code, message);
          }
          case "SENDING" -> {
            if (state[p] == NONE) {
              state[p] = UNCERTAIN;
              note(p, code, message);
            }
          }
          case "UNCERTAIN" -> {
            // after its SENDING: what is known of why there is no verdict
            if (state[p] == NONE || state[p] == UNCERTAIN) {
              state[p] = UNCERTAIN;
              note(p, code, message);
            }
          }
          default -> { }
        }
      }
    }

    /** Refuses the checkpoint when a record was written for another item than this input's at its position. */
    void refuseOtherItems(CheckpointStore checkpoint) {
      if (otherItem >= 0) {
        I item = items.get(otherItem);
        String named = key != null ? key.apply(item) : text.apply(item);
        throw new CheckpointRefusedException("checkpoint " + checkpoint.describe() + " was written for other items:"
            + " at position " + otherItem + " it recorded another item than this input's "
            + Text.printable(named, 80) + " (another item, or the same one with another value): refused, nothing"
            + " sent. A checkpoint resumes only the items it was written for, at the same positions; write other"
            + " items with a new checkpoint", null);
      }
      if (untied) {
        throw new CheckpointRefusedException("checkpoint " + checkpoint.describe() + " holds records that do not"
            + " name their items (written by an earlier version of this library), so they cannot be told to be this"
            + " input's: refused, nothing sent. Finish that job with the version that started it, or remove the"
            + " checkpoint to start the job anew", null);
      }
    }

    /** The 8-character digest of the item at {@code p}: 48 bits of the SHA-256 of its text. */
    String digest(MessageDigest sha, int p) {
      byte[] hash = sha.digest(String.valueOf(text.apply(items.get(p))).getBytes(StandardCharsets.UTF_8));
      return DIGEST.encodeToString(Arrays.copyOf(hash, 6));
    }

    /**
     * The records of the outcome {@code kind} of {@code size} items from {@code from}: one line each, the digests
     * of their items after the range, state, code and message, split where one line would hold too many.
     */
    List<String> records(int from, int size, String kind, String code, String message) {
      List<String> out = new ArrayList<>();
      MessageDigest sha = Digests.sha256();
      int at = from;
      int end = from + size;
      while (at < end) {
        // room for the digests beside the rest: that rest is at most 3,684 characters, so at least 49 a record
        int room = (CheckpointStore.MAX_RECORD - range(at, end - at, kind, code, message).length()
            - ",\"digests\":\"\"".length()) / DIGEST_CHARS;
        int n = Math.min(end - at, room);
        StringBuilder digests = new StringBuilder(n * DIGEST_CHARS);
        for (int p = at; p < at + n; p++) {
          digests.append(digest(sha, p));
        }
        String range = range(at, n, kind, code, message);
        out.add(range.substring(0, range.length() - 1) + ",\"digests\":\"" + digests + "\"}");
        at += n;
      }
      return out;
    }

    /** Records of {@code kind} for {@code positions}, one range of consecutive ones after another. */
    List<String> ranges(List<Integer> positions, String kind) {
      List<String> out = new ArrayList<>();
      int i = 0;
      while (i < positions.size()) {
        int j = i + 1;
        while (j < positions.size() && positions.get(j) == positions.get(j - 1) + 1) {
          j++;
        }
        out.addAll(records(positions.get(i), j - i, kind, null, null));
        i = j;
      }
      return out;
    }

    /** The outcome of an item the request's checks refused: not sent, with each field and rule. */
    Outcome<I> invalid(int p, RequestValidationException refused) {
      String why = refused.violations().stream().map(Violation::toString).collect(Collectors.joining("; "));
      return new Outcome<>(p, items.get(p), State.NOT_SENT, INVALID_ITEM, "not sent: the request's checks refuse it: "
          + why, refused);
    }

    void note(int p, String code, String message) {
      if (code != null || message != null) {
        notes.put(p, new String[] {code, message});
      } else {
        notes.remove(p);
      }
    }

    Outcome<I> restored(int p) {
      String[] note = notes.getOrDefault(p, new String[2]);
      return switch (state[p]) {
        case ACCEPTED -> new Outcome<>(p, items.get(p), State.ACCEPTED, note[0], note[1], null);
        case REJECTED -> new Outcome<>(p, items.get(p), State.REJECTED, note[0], note[1], null);
        default -> new Outcome<>(p, items.get(p), State.NOT_SENT, note[0], "sent earlier without a verdict;"
            + " not resent (the operation may not be sent twice)" + (note[1] == null ? "" : ": " + note[1]), null);
      };
    }

    /** Sends one chunk (and, after a refusal naming some of its items, the rest again) and records the outcome. */
    void send(List<Integer> positions, MarketplaceCall<?> first, CheckpointStore checkpoint) {
      if (!idempotent && checkpoint != null) {
        checkpoint.append(ranges(positions, "SENDING"));
      }
      List<Outcome<I>> ended = new ArrayList<>();
      List<Integer> attempt = positions;
      MarketplaceCall<?> request = first;
      for (int round = 0; !attempt.isEmpty(); round++) {
        RuntimeException failure = null;
        Object answer = null;
        try {
          answer = request.execute();
        } catch (RuntimeException e) {
          failure = e;
        } finally {
          firstAnswer.countDown();
        }
        List<Integer> again = failure == null ? accepted(attempt, answer, ended) : refused(attempt, failure, ended,
            round + 1 < SPLIT_ROUNDS);
        if (again.isEmpty()) {
          break;
        }
        attempt = again;
        request = call.apply(itemsAt(again));
      }
      record(ended, checkpoint);
    }

    /** A 2xx: every item accepted, but those its per-item results reject. */
    List<Integer> accepted(List<Integer> attempt, Object answer, List<Outcome<I>> ended) {
      Map<String, String[]> errors = new HashMap<>();
      Map<String, String[]> warnings = new HashMap<>();
      if (key != null) {
        perItemResults(answer, errors, warnings);
      }
      for (int p : attempt) {
        String id = key == null ? null : key.apply(items.get(p));
        String[] error = id == null ? null : errors.get(id.strip());
        String[] warning = id == null ? null : warnings.get(id.strip());
        ended.add(error != null
            ? new Outcome<>(p, items.get(p), State.REJECTED, error[0], error[1], null)
            : new Outcome<>(p, items.get(p), State.ACCEPTED, warning == null ? null : warning[0],
                warning == null ? null : warning[1], null));
      }
      return List.of();
    }

    /** A failure: a verdict for the items it names, or the whole request; the rest to send again, if allowed. */
    List<Integer> refused(List<Integer> attempt, RuntimeException failure, List<Outcome<I>> ended, boolean mayResend) {
      MarketplaceException typed = failure instanceof MarketplaceException m ? m
          : MarketplaceException.carriedBy(failure);
      int status = typed == null ? 0 : typed.statusCode();
      boolean verdict = status >= 400 && status < 500 && status != 420 && status != 429 && status != 401
          && status != 403;
      if (!verdict) {
        for (int p : attempt) {
          ended.add(new Outcome<>(p, items.get(p), State.NOT_SENT, null, idempotent ? null
              : "sent without a verdict (" + (typed == null ? failure.getClass().getSimpleName()
                  : typed.getClass().getSimpleName() + " " + status) + ")", failure));
        }
        return List.of();
      }
      Map<Integer, ApiError> named = named(attempt, typed.errors());
      ApiError untied = null;
      for (ApiError error : typed.errors()) {
        if (!named.containsValue(error)) {
          untied = error;
          break;
        }
      }
      String code = untied != null ? untied.code() : "HTTP_" + status;
      String words = untied != null ? untied.message() : null;
      List<Integer> rest = new ArrayList<>();
      for (int p : attempt) {
        ApiError error = named.get(p);
        if (error != null) {
          ended.add(new Outcome<>(p, items.get(p), State.REJECTED, error.code(), error.message(), failure));
        } else if (idempotent && mayResend && !named.isEmpty()) {
          rest.add(p); // refused with the items named: sent again without them
        } else {
          // No error of the answer names this item: not its verdict, so not taken for one. An operation that may be
          // sent twice sends it again on the next run; any other leaves it to a person (recorded, never resent).
          ended.add(new Outcome<>(p, items.get(p), State.NOT_SENT, code, (named.isEmpty()
              ? "refused with errors that name none of the items of its request"
              : "refused with other items of its request") + (idempotent
              ? (named.isEmpty() ? "; sent again by the next run" : "; sent again too often")
              : "; not sent again (the operation may not be sent twice)") + (words == null ? "" : ": " + words),
              failure));
        }
      }
      return rest;
    }

    /**
     * The items of {@code attempt} the errors name, each by structure, never by a word or number found in a text:
     * the error's field is the item's path in the request ({@code offers[3]}, {@code offers[3].price}) or, with
     * {@link #key} set, the item's key (offerId, sku); or its message begins with the item's path. An item key that
     * two items of the request share names neither.
     */
    Map<Integer, ApiError> named(List<Integer> attempt, List<ApiError> errors) {
      Map<String, Integer> byKey = new HashMap<>();
      if (key != null) {
        for (int p : attempt) {
          String id = key.apply(items.get(p));
          if (id != null && !id.isBlank()) {
            byKey.merge(id.strip(), p, (a, b) -> -1);
          }
        }
      }
      Map<Integer, ApiError> out = new HashMap<>();
      for (ApiError error : errors) {
        Integer p = null;
        String field = error.field() == null ? null : error.field().strip();
        if (field != null) {
          p = at(attempt, itemPath.matcher(field));
          if (p == null) {
            Integer keyed = byKey.get(field);
            p = keyed == null || keyed < 0 ? null : keyed;
          }
        }
        if (p == null && error.message() != null) {
          p = at(attempt, itemPath.matcher(error.message().stripLeading()));
        }
        if (p != null) {
          out.putIfAbsent(p, error);
        }
      }
      return out;
    }

    /** The position of the item {@code path} names at the start of its text (followed by nothing, ".", ":", "[" or a
     *  space), or null. */
    private Integer at(List<Integer> attempt, Matcher path) {
      if (!path.lookingAt()) {
        return null;
      }
      long index = Long.parseLong(path.group(1));
      return index < attempt.size() ? attempt.get((int) index) : null;
    }

    /** Appends the chunk's outcomes (durable first), then counts and reports them. */
    void record(List<Outcome<I>> ended, CheckpointStore checkpoint) {
      if (checkpoint != null) {
        List<String> records = new ArrayList<>();
        int i = 0;
        while (i < ended.size()) {
          Outcome<I> first = ended.get(i);
          int j = i + 1;
          while (j < ended.size() && ended.get(j).position() == ended.get(j - 1).position() + 1
              && same(ended.get(j), first)) {
            j++;
          }
          String kind = first.state() == State.NOT_SENT ? (idempotent ? null : "UNCERTAIN") : first.state().name();
          if (kind != null) {
            records.addAll(records(first.position(), j - i, kind, first.errorCode(), first.errorMessage()));
          }
          i = j;
        }
        if (!records.isEmpty()) {
          checkpoint.append(records);
        }
      }
      Progress now;
      synchronized (this) {
        for (Outcome<I> outcome : ended) {
          report(outcome);
          if (outcome.state() != State.NOT_SENT || outcome.failure() != null) {
            sent++;
          }
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        double rate = sent / seconds;
        int left = items.size() - done;
        now = new Progress(done, items.size(), counts[0], counts[1], counts[2], sent, rate,
            rate > 0 ? Duration.ofMillis((long) (left / rate * 1000)) : null);
      }
      progress.accept(now);
    }

    synchronized void report(Outcome<I> outcome) {
      outcomes[outcome.position()] = outcome;
      counts[outcome.state().ordinal()]++;
      done++;
      outcomeListener.accept(outcome);
    }
  }

  private static boolean same(Outcome<?> a, Outcome<?> b) {
    return a.state() == b.state() && Objects.equals(a.errorCode(), b.errorCode())
        && Objects.equals(a.errorMessage(), b.errorMessage());
  }

  /**
   * The key of an item the marketplace names by its id and a place (a SKU on one of several warehouses): results
   * that give the place ({@code partnerWarehouseId}, {@code warehouseId}) are matched by both.
   */
  public static String placed(String id, String place) {
    return place == null ? id.strip() : id.strip() + "\u0000" + place.strip();
  }

  /**
   * Per-item results of a 2xx answer ({@code results[]} with {@code offerId}/{@code sku} and, where given, the
   * warehouse; errors and warnings), under the item's id and, with a warehouse, under {@link #placed}.
   */
  private static void perItemResults(Object answer, Map<String, String[]> errors, Map<String, String[]> warnings) {
    Object results = answer == null ? null : Operations.valueAt(answer, "results");
    if (!(results instanceof List<?> list)) {
      return;
    }
    for (Object result : list) {
      if (result == null) {
        continue;
      }
      Object id = Operations.valueAt(result, "offerId");
      if (id == null) {
        id = Operations.valueAt(result, "sku");
      }
      if (!(id instanceof String text)) {
        continue;
      }
      Object place = Operations.valueAt(result, "partnerWarehouseId");
      if (place == null) {
        place = Operations.valueAt(result, "warehouseId");
      }
      List<String> keys = place == null ? List.of(text.strip()) : List.of(text.strip(), placed(text,
          String.valueOf(place)));
      String[] error = firstNote(Operations.valueAt(result, "errors"));
      String[] warning = firstNote(Operations.valueAt(result, "warnings"));
      for (String k : keys) {
        if (error != null) {
          errors.putIfAbsent(k, error);
        }
        if (warning != null) {
          warnings.putIfAbsent(k, warning);
        }
      }
    }
  }

  private static String[] firstNote(Object notes) {
    if (!(notes instanceof List<?> list) || list.isEmpty() || list.get(0) == null) {
      return null;
    }
    Object note = list.get(0);
    Object code = Operations.valueAt(note, "code");
    if (code == null) {
      code = Operations.valueAt(note, "type");
    }
    Object message = Operations.valueAt(note, "message");
    return new String[] {code == null ? "ERROR" : bounded(String.valueOf(code)),
        message == null ? null : bounded(String.valueOf(message))};
  }

  private static String bounded(String text) {
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }

  // unrolled ("a run of plain characters, then escapes each followed by a run") so that matching a long text
  // recurses once per escape, not once per character
  private static final String STRING = "(\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"|null)";
  /** The start of a job's header: its operation and account. */
  private static final Pattern HEADER = Pattern.compile("\\{\"job\":\"bulk-write\",\"operation\":\"([A-Za-z0-9_]{1,100})\","
      + "\"account\":" + STRING);
  /** A job's whole header: {@link #HEADER}, then its items, chunk size and input fingerprint. */
  private static final Pattern JOB = Pattern.compile(HEADER.pattern()
      + ",\"items\":(\\d{1,9}),\"chunk\":\\d{1,9},\"input\":\"([A-Za-z0-9._:-]{0,128})\"}");
  /**
   * The most characters of the marketplace's code and message a record keeps. Escaped, a character takes at most 6
   * ({@code \\u0000}), so a record — its range and state take under 80 — stays within
   * {@link CheckpointStore#MAX_RECORD} whatever the texts hold: 80 + 2 + 6 * 100 + 2 + 6 * 500 = 3,684.
   */
  static final int CODE_CHARS = 100;
  static final int MESSAGE_CHARS = 500;
  /**
   * A record: a range of positions, their state, the marketplace's code and message, and each item's digest (8
   * characters an item, see {@link Run#digest}); a record of an earlier version has no digests.
   */
  private static final Pattern RECORD = Pattern.compile("\\{\"from\":(\\d{1,10}),\"size\":(\\d{1,10}),\"state\":\"("
      + "ACCEPTED|REJECTED|UNCERTAIN|SENDING)\"(?:,\"code\":" + STRING + ")?(?:,\"message\":" + STRING + ")?"
      + "(?:,\"digests\":\"([A-Za-z0-9_-]{0,4096})\")?}");
  static final int DIGEST_CHARS = 8;
  private static final Base64.Encoder DIGEST = Base64.getUrlEncoder().withoutPadding();

  private static String range(int from, int size, String kind, String code, String message) {
    // a record is one bounded line: the marketplace's texts are cut to fit (see MESSAGE_CHARS)
    return "{\"from\":" + from + ",\"size\":" + size + ",\"state\":\"" + kind + "\",\"code\":"
        + quote(code, CODE_CHARS) + ",\"message\":" + quote(message, MESSAGE_CHARS) + "}";
  }

  /** {@code value}'s first {@code max} characters (never half of a surrogate pair) as a JSON string. */
  private static String quote(String value, int max) {
    if (value == null) {
      return "null";
    }
    int end = Math.min(value.length(), max);
    if (end < value.length() && end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
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
        if (next == 'u' && i + 4 < body.length() && body.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
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

  @SuppressWarnings("unchecked")
  private static <I> Outcome<I>[] newArray(int n) {
    return (Outcome<I>[]) new Outcome<?>[n];
  }
}
