package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.model.AsyncJob;
import com.marketplacecontracts.model.IdentifierCheck;
import com.marketplacecontracts.model.Issue;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.ListingVariant;
import com.marketplacecontracts.model.MarketCard;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders domain values: a readable table, or JSON for scripts. Progress and notes go to stderr. Every line passes
 * through {@link Terminal}: nothing a server sent can drive the terminal. Writes hold one lock, so a progress line
 * from a worker thread never lands inside a table or a JSON document printed by another.
 */
public final class Output {

  private static final Moshi MOSHI = MoshiFactory.create();
  private static final String[] LISTING_COLUMNS =
      {"SKU/INDEX", "PRODUCT ID", "NAME", "STATE", "RAW STATE", "ISSUES", "MARKET SKU"};
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

  /** The operation catalogue as a table, or JSON lines. */
  synchronized void operations(List<CallCommand.Row> rows) {
    if (json) {
      rows.forEach(this::json);
      return;
    }
    String[] header = {"OPERATION", "API", "DECISION", "RETRIED", "QUOTA", "PAGED BY", "BATCH", "JOB"};
    List<String[]> cells = new ArrayList<>();
    for (CallCommand.Row row : rows) {
      cells.add(new String[] {row.operationId(), row.api(), row.decision(), row.idempotent() ? "yes" : "no",
          row.quota(), row.paged(), row.batch(), row.job()});
    }
    table(header, cells);
    out.println(rows.size() + " operations");
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
    table(new String[] {"MARKETPLACE", "ID", "TYPE", "STATE", "RAW STATE"}, rows);
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
      rows.add(new String[] {Long.toString(check.orderId()), Long.toString(check.orderItemId()),
          check.kind().name(), check.identifier(), check.state().name(), check.rawState(), text(check.rawSubstatus())});
    }
    table(new String[] {"ORDER", "ITEM", "KIND", "IDENTIFIER", "STATE", "RAW STATE", "SUBSTATUS"}, rows);
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
      fixedRow(LISTING_COLUMNS);
    }
  }

  private void fixedRow(String[] cells) {
    int[] widths = STREAMED_LISTING_WIDTHS.clone();
    // the unpadded last column gets what the others leave of the line, at least its header's width
    widths[widths.length - 1] = LISTING_COLUMNS[widths.length - 1].length();
    fit(widths);
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
    printRow(safe, widths);
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

  /** Rows under a header, columns as wide as their widest cell, the whole cut to the terminal's width. */
  private void table(String[] header, List<String[]> rows) {
    int columns = header.length;
    int[] widths = new int[columns];
    List<String[]> all = new ArrayList<>();
    all.add(header);
    for (String[] row : rows) {
      String[] safe = new String[columns];
      for (int i = 0; i < columns; i++) {
        safe[i] = Terminal.safe(text(row[i]));
      }
      all.add(safe);
    }
    for (String[] row : all) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    fit(widths);
    for (String[] row : all) {
      printRow(row, widths);
    }
    out.flush();
  }

  /**
   * Narrows the widest columns until a row (cells and two spaces between them) fits {@link #width}: the others
   * first, the first column (what the row is: an id, an operation) only when that is not enough. A column keeps at
   * least {@link #MIN_COLUMN} characters, so a terminal too narrow for that many columns still wraps.
   */
  private void fit(int[] widths) {
    if (width == 0) {
      return;
    }
    int total = 2 * (widths.length - 1);
    for (int w : widths) {
      total += w;
    }
    for (int first = widths.length > 1 ? 1 : 0; first >= 0 && total > width; first--) {
      while (total > width) {
        int widest = first;
        for (int i = first + 1; i < widths.length; i++) {
          if (widths[i] > widths[widest]) {
            widest = i;
          }
        }
        if (widths[widest] <= MIN_COLUMN) {
          break;
        }
        widths[widest]--;
        total--;
      }
    }
  }

  /** One row of escaped cells, each padded or cut with "…" to its column's width; the last one is not padded. */
  private void printRow(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i];
      String fitted = cell.length() <= widths[i] ? cell : cell.substring(0, widths[i] - 1) + "…";
      line.append(fitted);
      if (i < cells.length - 1) {
        line.append(" ".repeat(widths[i] - fitted.length() + 2));
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
