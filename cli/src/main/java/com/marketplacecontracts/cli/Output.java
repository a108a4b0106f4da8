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
 * through {@link Terminal}: nothing a server sent can drive the terminal.
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

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final boolean quiet;

  Output(PrintWriter out, PrintWriter err, boolean json, boolean quiet) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.quiet = quiet;
  }

  boolean json() {
    return json;
  }

  /** A plain line on stdout. */
  void println(String line) {
    out.println(Terminal.safe(line));
    out.flush();
  }

  /** An error line on stderr (always shown). */
  void error(String line) {
    err.println(Terminal.safe(line));
    err.flush();
  }

  /** A progress line or note on stderr (pages, retries, waits, where requests go), unless --quiet. */
  void progress(String line) {
    if (!quiet) {
      err.println(Terminal.safe(line));
      err.flush();
    }
  }

  /** One JSON document (or, with {@code line}, one line of JSON lines). */
  void json(Object value) {
    @SuppressWarnings("unchecked")
    JsonAdapter<Object> adapter = (JsonAdapter<Object>) MOSHI.adapter(value.getClass());
    out.println(Terminal.safeJson(adapter.toJson(value)));
    out.flush();
  }

  /** The operation catalogue as a table, or JSON lines. */
  void operations(List<CallCommand.Row> rows) {
    if (json) {
      rows.forEach(this::json);
      return;
    }
    String[] header = {"OPERATION", "API", "DECISION", "RETRIED", "QUOTA", "PAGED BY", "BATCH", "JOB"};
    List<String[]> cells = new java.util.ArrayList<>();
    cells.add(header);
    for (CallCommand.Row row : rows) {
      cells.add(new String[] {row.operationId(), row.api(), row.decision(), row.idempotent() ? "yes" : "no",
          row.quota(), row.paged(), row.batch(), row.job()});
    }
    int[] widths = new int[header.length];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (String[] line : cells) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        text.append(i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
      }
      out.println(Terminal.safe(text.toString().stripTrailing()));
    }
    out.println(rows.size() + " operations");
    out.flush();
  }

  /**
   * Jobs as a table, or one JSON document.
   *
   * @param settled with {@code --wait}: whether they settled before the timeout (a {@code settled} JSON field);
   *                null without {@code --wait}
   */
  void jobs(List<AsyncJob> jobs, Boolean settled) {
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
  void checks(List<IdentifierCheck> checks, Boolean settled) {
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
  void listings(List<Listing> listings, String nextPageToken) {
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
  void listingLine(Listing listing) {
    if (json) {
      json(listing);
    } else {
      fixedRow(row(listing));
    }
  }

  void listingHeader() {
    if (!json) {
      fixedRow(LISTING_COLUMNS);
    }
  }

  private void fixedRow(String[] cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      // Escaped before fitting, so a cell with escapes still fits its column; the line again, for a cut pair.
      String cell = Terminal.safe(text(cells[i]));
      int width = STREAMED_LISTING_WIDTHS[i];
      if (width == 0) {
        line.append(cell);
      } else {
        String fitted = cell.length() <= width ? cell : cell.substring(0, width - 1) + "…";
        line.append(fitted).append(" ".repeat(width - fitted.length() + 2));
      }
    }
    out.println(Terminal.safe(line.toString().stripTrailing()));
    out.flush();
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

  private void table(String[] header, List<String[]> rows) {
    int columns = header != null ? header.length : rows.isEmpty() ? 0 : rows.get(0).length;
    int[] widths = new int[columns];
    List<String[]> all = new ArrayList<>();
    if (header != null) {
      all.add(header);
    }
    all.addAll(rows);
    for (String[] row : all) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], Terminal.safe(text(row[i])).length());
      }
    }
    for (String[] row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = Terminal.safe(text(row[i]));
        line.append(cell);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.println(Terminal.safe(line.toString().stripTrailing()));
    }
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
