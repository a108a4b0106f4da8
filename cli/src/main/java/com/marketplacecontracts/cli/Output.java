package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.http.OperationIndex;
import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.model.AsyncJob;
import com.marketplacecontracts.model.IdentifierCheck;
import com.marketplacecontracts.model.Issue;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.ListingVariant;
import com.marketplacecontracts.model.MarketCard;
import com.marketplacecontracts.model.OrderMoney;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders domain values: a readable table, or JSON for scripts. Progress and notes go to stderr. Every line passes
 * through {@link Terminal}: nothing a server sent can drive the terminal. Writes hold one lock, so a progress line
 * from a worker thread never lands inside a table or a JSON document printed by another.
 */
public final class Output {

  /** An order the marketplace sent no amounts for has no {@code money} in the JSON, rather than {@code {}}. */
  private static final JsonAdapter.Factory NO_EMPTY_MONEY = new JsonAdapter.Factory() {
    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (type != OrderMoney.class) {
        return null;
      }
      JsonAdapter<OrderMoney> next = moshi.nextAdapter(this, OrderMoney.class, annotations);
      return new JsonAdapter<OrderMoney>() {
        @Override
        public OrderMoney fromJson(JsonReader reader) throws IOException {
          return next.fromJson(reader);
        }

        @Override
        public void toJson(JsonWriter writer, OrderMoney money) throws IOException {
          if (money == null || money.equals(OrderMoney.NONE)) {
            writer.nullValue();
          } else {
            next.toJson(writer, money);
          }
        }
      };
    }
  };
  private static final Moshi MOSHI = MoshiFactory.create().newBuilder().add(NO_EMPTY_MONEY).build();
  /**
   * What a column holds, which decides how a table too wide for the terminal is narrowed: an {@code ID} or a number is
   * never cut (a cut id is a wrong id); {@code TEXT} (names, messages) is cut first, a {@code LABEL} (a state, a type)
   * next. Before anything is cut, columns empty on every row are left out, then columns with one value on every row
   * (that value said once under the table).
   */
  enum Kind { ID, TEXT, LABEL }

  /** A column: its header and kind. */
  record Column(String name, Kind kind) {
    static Column id(String name) {
      return new Column(name, Kind.ID);
    }

    static Column text(String name) {
      return new Column(name, Kind.TEXT);
    }

    static Column label(String name) {
      return new Column(name, Kind.LABEL);
    }
  }

  private static final Column[] LISTING_COLUMNS = {Column.id("SKU/INDEX"), Column.id("PRODUCT ID"),
      Column.text("NAME"), Column.label("STATE"), Column.label("RAW STATE"), Column.text("ISSUES"),
      Column.id("MARKET SKU")};
  /**
   * Column widths of rows printed one at a time ({@code --all-pages}), fixed so that every row lines up whatever its
   * cells hold; a longer cell is cut with "…" ({@code --json} keeps it whole). The last column is not padded.
   */
  private static final int[] STREAMED_LISTING_WIDTHS = {20, 12, 40, 12, 16, 40, 0};
  private static final int MIN_COLUMN = 6;

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final boolean quiet;
  /** The widest a table row may be (0: no limit, {@code --wide}); longer rows have their widest cells cut. */
  private final int width;
  /** With {@code demo --json}: the command each JSON line answers, so the lines tell their results apart. */
  private String jsonCommand;

  Output(PrintWriter out, PrintWriter err, boolean json, boolean quiet, int width) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.quiet = quiet;
    this.width = width;
  }

  /** Labels each later JSON document with the command it answers: {@code {"command": ..., "result": ...}}. */
  void jsonCommand(String command) {
    this.jsonCommand = command;
  }

  boolean json() {
    return json;
  }

  /** A plain line on stdout. */
  synchronized void println(String line) {
    out.println(Terminal.safe(line));
    out.flush();
  }

  /** An error line on stderr (always shown). */
  synchronized void error(String line) {
    err.println(Terminal.safe(line));
    err.flush();
  }

  /** A progress line or note on stderr (pages, retries, waits, where requests go), unless --quiet. */
  synchronized void progress(String line) {
    if (!quiet) {
      err.println(Terminal.safe(line));
      err.flush();
    }
  }

  /** One JSON document (or, with {@code line}, one line of JSON lines). */
  synchronized void json(Object value) {
    @SuppressWarnings("unchecked")
    JsonAdapter<Object> adapter = (JsonAdapter<Object>) MOSHI.adapter(value.getClass());
    String document = adapter.toJson(value);
    if (jsonCommand != null) {
      document = "{\"command\":" + MOSHI.adapter(String.class).toJson(jsonCommand) + ",\"result\":" + document + "}";
    }
    out.println(Terminal.safeJson(document));
    out.flush();
  }

  /** The operation catalogue as a table, or JSON lines (a {@link CallCommand.Row} each). */
  synchronized void operations(List<OperationIndex.Operation> operations) {
    if (json) {
      operations.forEach(op -> json(CallCommand.Row.of(op)));
      return;
    }
    Column[] header = {Column.id("OPERATION"), Column.label("API"), Column.label("READ-ONLY"),
        Column.label("RETRIED"), Column.id("QUOTA"), Column.text("NOTES")};
    List<String[]> cells = new ArrayList<>();
    for (OperationIndex.Operation op : operations) {
      CallCommand.Row row = CallCommand.Row.of(op);
      List<String> notes = new ArrayList<>();
      if (!row.decision().equals("covered")) {
        notes.add(row.decision().replaceFirst("^covered, ", ""));
      }
      if (row.paged() != null) {
        notes.add("paged");
      }
      if (row.batch() != null) {
        notes.add("batch " + row.batch());
      }
      if (row.job() != null) {
        notes.add("job " + row.job());
      }
      cells.add(new String[] {row.operationId(), row.api(), row.readOnly() ? "yes" : "no",
          row.idempotent() ? "yes" : "no", row.quota(), String.join("; ", notes)});
    }
    table(header, cells);
    out.println(Plural.of(operations.size(), "operation"));
    out.flush();
  }

  /**
   * Jobs as a table, or one JSON document.
   *
   * @param settled with {@code --wait}: whether they settled before the timeout (a {@code settled} JSON field);
   *                null without {@code --wait}
   */
  synchronized void jobs(List<AsyncJob> jobs, Boolean settled) {
    if (json) {
      json(new Jobs(jobs, settled));
      return;
    }
    List<String[]> rows = new ArrayList<>();
    for (AsyncJob job : jobs) {
      rows.add(new String[] {job.marketplace().name(), job.id(), job.type(), job.state().name(), job.rawState()});
    }
    table(new Column[] {Column.label("MARKETPLACE"), Column.id("ID"), Column.label("TYPE"), Column.label("STATE"),
        Column.label("RAW STATE")}, rows);
    for (AsyncJob job : jobs) {
      if (!job.results().isEmpty()) {
        out.println();
        listings(job.results(), null);
      }
    }
    out.flush();
  }

  /** Identifier checks as a table, or one JSON document; {@code settled} as for {@link #jobs}. */
  synchronized void checks(List<IdentifierCheck> checks, Boolean settled) {
    if (json) {
      json(new Checks(checks, settled));
      return;
    }
    List<String[]> rows = new ArrayList<>();
    for (IdentifierCheck check : checks) {
      rows.add(new String[] {check.orderId(), text(check.lineId()),
          check.kind().name(), check.identifier(), check.state().name(), check.rawState(), text(check.rawSubstatus())});
    }
    table(new Column[] {Column.id("ORDER"), Column.id("LINE"), Column.label("KIND"), Column.id("IDENTIFIER"),
        Column.label("STATE"), Column.label("RAW STATE"), Column.label("SUBSTATUS")}, rows);
    out.flush();
  }

  /** A page of listings as a table, or one JSON document with the next page token. */
  synchronized void listings(List<Listing> listings, String nextPageToken) {
    if (json) {
      json(new Listings(listings, nextPageToken));
      return;
    }
    List<String[]> rows = new ArrayList<>();
    for (Listing listing : listings) {
      rows.add(row(listing));
      for (ListingVariant variant : listing.variants()) {
        rows.add(new String[] {"  sku #" + text(variant.requestIndex()), text(variant.variantId()), "",
            variant.state().name(), variant.rawState(), issues(variant.issues()), ""});
      }
    }
    table(LISTING_COLUMNS, rows);
    if (nextPageToken != null) {
      out.println(Terminal.safe("next page: --page-token " + nextPageToken));
    }
    out.flush();
  }

  /** One listing, as a table row or a JSON line (for --all-pages). */
  synchronized void listingLine(Listing listing) {
    if (json) {
      json(listing);
    } else {
      fixedRow(row(listing));
    }
  }

  synchronized void listingHeader() {
    if (!json) {
      String[] names = new String[LISTING_COLUMNS.length];
      for (int i = 0; i < names.length; i++) {
        names[i] = LISTING_COLUMNS[i].name();
      }
      fixedRow(names);
    }
  }

  private void fixedRow(String[] cells) {
    int[] widths = STREAMED_LISTING_WIDTHS.clone();
    // the unpadded last column gets what the others leave of the line, at least its header's width
    widths[widths.length - 1] = LISTING_COLUMNS[widths.length - 1].name().length();
    fit(widths, LISTING_COLUMNS, true);
    String[] safe = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      safe[i] = Terminal.safe(text(cells[i]));
    }
    if (width == 0) {
      widths[widths.length - 1] = Integer.MAX_VALUE;
    } else {
      int used = 0;
      for (int i = 0; i < widths.length - 1; i++) {
        used += widths[i] + 2;
      }
      widths[widths.length - 1] = Math.max(1, width - used);
    }
    printRow(safe, widths, LISTING_COLUMNS);
  }

  private static String[] row(Listing listing) {
    String id = listing.sellerSku() != null ? listing.sellerSku()
        : listing.requestIndex() != null ? "#" + listing.requestIndex() : "";
    MarketCard card = listing.currentCard();
    return new String[] {id, text(listing.productId()), shorten(listing.name()), listing.state().name(),
        text(listing.rawState()), issues(listing.issues()), card == null ? "" : text(card.marketSku())};
  }

  private static String issues(List<Issue> issues) {
    return issues.stream().map(i -> (i.field() == null ? "" : i.field() + ": ") + text(i.code())
        + (i.message() == null ? "" : " (" + i.message() + ")")).collect(Collectors.joining("; "));
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= 40 ? text : text.substring(0, 39) + "…";
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /**
   * Rows under a header, columns as wide as their widest cell; a table wider than the terminal is narrowed as
   * {@link Kind} says.
   */
  synchronized void table(Column[] header, List<String[]> rows) {
    List<String[]> safe = new ArrayList<>();
    for (String[] row : rows) {
      String[] cells = new String[header.length];
      for (int i = 0; i < header.length; i++) {
        cells[i] = Terminal.safe(text(row[i]));
      }
      safe.add(cells);
    }
    boolean[] keep = new boolean[header.length];
    java.util.Arrays.fill(keep, true);
    List<String> constants = new ArrayList<>();
    if (width > 0) {
      // what costs nothing to leave out (the first column says what a row is): columns empty on every row, then
      // columns with one value on every row (said below)
      leaveOut(header, safe, keep, column -> !safe.isEmpty()
          && safe.stream().allMatch(row -> row[column].isEmpty()), column -> { });
      leaveOut(header, safe, keep, column -> safe.size() > 1
          && safe.stream().allMatch(row -> row[column].equals(safe.get(0)[column])),
          column -> constants.add(header[column].name() + " " + safe.get(0)[column]));
    }
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      if (keep[i]) {
        columns.add(header[i]);
      }
    }
    Column[] shown = columns.toArray(Column[]::new);
    int[] widths = widths(header, safe, keep);
    fit(widths, shown, false);
    String[] names = columns.stream().map(Column::name).toArray(String[]::new);
    printRow(names, widths, shown);
    for (String[] row : safe) {
      printRow(kept(row, keep), widths, shown);
    }
    if (!constants.isEmpty()) {
      java.util.Collections.reverse(constants); // found from the right, said in the columns' order
      out.println(Terminal.safe("(on every row: " + String.join(", ", constants) + ")"));
    }
    out.flush();
  }

  /**
   * Leaves out, from the right, each column {@code unneeded} accepts while the table is wider than {@link #width},
   * telling {@code left} which; one column always stays.
   */
  private void leaveOut(Column[] header, List<String[]> rows, boolean[] keep, java.util.function.IntPredicate unneeded,
      java.util.function.IntConsumer left) {
    for (int i = header.length - 1; i >= 0 && total(widths(header, rows, keep)) > width; i--) {
      int kept = 0;
      for (boolean k : keep) {
        kept += k ? 1 : 0;
      }
      if (keep[i] && kept > 1 && unneeded.test(i)) {
        keep[i] = false;
        left.accept(i);
      }
    }
  }

  private static String[] kept(String[] cells, boolean[] keep) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < cells.length; i++) {
      if (keep[i]) {
        out.add(cells[i]);
      }
    }
    return out.toArray(String[]::new);
  }

  /** The kept columns' widths: the widest of the header and cells. */
  private static int[] widths(Column[] header, List<String[]> rows, boolean[] keep) {
    List<Integer> widths = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      if (!keep[i]) {
        continue;
      }
      int w = header[i].name().length();
      for (String[] row : rows) {
        w = Math.max(w, row[i].length());
      }
      widths.add(w);
    }
    return widths.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A row's length: the cells and two spaces between them. */
  private static int total(int[] widths) {
    int total = 2 * Math.max(0, widths.length - 1);
    for (int w : widths) {
      total += w;
    }
    return total;
  }

  /**
   * Narrows columns until a row fits {@link #width}: the widest {@code TEXT} column first, down to the width of the
   * widest {@code LABEL}; then the widest of either, a character at a time, down to {@link #MIN_COLUMN} characters
   * (so free text is not cut to its floor while a label keeps room it could give); an {@code ID} column never (so a
   * terminal too narrow for the ids wraps). With {@code streamed} rows, whose cells are not known yet, an id column's
   * width comes down to its header's before a label is cut: a longer id then widens its own row rather than being
   * cut.
   */
  private void fit(int[] widths, Column[] columns, boolean streamed) {
    if (width == 0) {
      return;
    }
    int widestLabel = MIN_COLUMN;
    for (int i = 0; i < widths.length; i++) {
      widestLabel = columns[i].kind() == Kind.LABEL ? Math.max(widestLabel, widths[i]) : widestLabel;
    }
    int total = total(widths);
    total = narrow(widths, columns, Set.of(Kind.TEXT), streamed ? MIN_COLUMN : widestLabel, total);
    if (streamed) {
      total = narrow(widths, columns, Set.of(Kind.ID), 0, total);
    }
    narrow(widths, columns, Set.of(Kind.TEXT, Kind.LABEL), MIN_COLUMN, total);
  }

  /**
   * Takes a character at a time from the widest column of {@code kinds} wider than {@code floor} (an id: than its
   * header) until the row fits; returns the row's length then.
   */
  private int narrow(int[] widths, Column[] columns, Set<Kind> kinds, int floor, int total) {
    while (total > width) {
      int widest = -1;
      for (int i = 0; i < widths.length; i++) {
        int least = columns[i].kind() == Kind.ID ? columns[i].name().length() : floor;
        if (kinds.contains(columns[i].kind()) && widths[i] > least && (widest < 0 || widths[i] > widths[widest])) {
          widest = i;
        }
      }
      if (widest < 0) {
        break;
      }
      widths[widest]--;
      total--;
    }
    return total;
  }

  /**
   * One row of escaped cells, each padded or cut with "…" to its column's width (an id is never cut: a longer one
   * widens its row); the last one is not padded.
   */
  private void printRow(String[] cells, int[] widths, Column[] columns) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i];
      String fitted = cell.length() <= widths[i] || columns[i].kind() == Kind.ID ? cell
          : cell.substring(0, widths[i] - 1) + "…";
      line.append(fitted);
      if (i < cells.length - 1) {
        line.append(" ".repeat(Math.max(0, widths[i] - fitted.length()) + 2));
      }
    }
    // escaped again: a cut may have split a pair
    out.println(Terminal.safe(line.toString().stripTrailing()));
    out.flush();
  }

  /** JSON document of the job commands; {@code settled} only with {@code --wait} (false: gave up waiting). */
  public record Jobs(List<AsyncJob> jobs, Boolean settled) {
  }

  /** JSON document of {@code uin-status}; {@code settled} only with {@code --wait}. */
  public record Checks(List<IdentifierCheck> checks, Boolean settled) {
  }

  /** JSON document of one {@code offers} page. */
  public record Listings(List<Listing> listings, String nextPageToken) {
  }
}
