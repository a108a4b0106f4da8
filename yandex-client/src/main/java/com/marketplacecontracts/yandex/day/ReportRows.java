package com.marketplacecontracts.yandex.day;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.internal.Text;
import com.marketplacecontracts.core.operation.Marketplace;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import okio.Okio;

/**
 * The rows of a report's JSON form, any report: a ZIP with one JSON file a sheet (or one JSON file), read as a
 * stream — one row in memory at a time. A row is every column the marketplace sent, in its order, so a column it
 * adds is kept, never a failure; values are text, {@link BigDecimal} numbers, booleans, null, or nested lists and
 * maps. Shapes read: a sheet that is an array of row objects; an object whose arrays of objects are tables (named
 * by their key) and whose other members make one row of their own (table {@code null}).
 *
 * <p>Bounded against a hostile file: the bytes unpacked (every entry's, the skipped ones too), the entries and the
 * sheets, the columns and values of a row, the length of a name and of a text, the nesting; past a bound, or on a
 * malformed file, the read fails with {@code UnreadableResponseException} naming the entry and the rule.
 */
public final class ReportRows implements Iterator<ReportRows.Row>, AutoCloseable {

  /**
   * One row.
   *
   * @param sheet  the sheet (the JSON file's name without {@code .json})
   * @param table  the key of the array the row came from, or null for a sheet that is the array itself (or for the
   *               sheet's members outside its tables)
   * @param values column name to value, in the file's order
   */
  public record Row(String sheet, String table, Map<String, Object> values) {
  }

  /**
   * The bounds of one read.
   *
   * @param maxUnpackedBytes the bytes unpacked from all entries together, skipped entries included
   * @param maxEntries       the entries of the ZIP, skipped ones (folders, files that are not JSON) included
   * @param maxSheets        the JSON entries
   * @param maxColumns       the columns of a row; also the members (tables and columns) of a sheet that is an object
   * @param maxValuesPerRow  the values of a row, nested ones included
   * @param maxNameChars     the length of a name (a column's, a table's, a nested key)
   * @param maxTextChars     the length of a text value (or a number's digits)
   * @param maxDepth         the nesting of a row's values
   */
  public record Limits(long maxUnpackedBytes, int maxEntries, int maxSheets, int maxColumns, int maxValuesPerRow,
      int maxNameChars, int maxTextChars, int maxDepth) {

    public Limits {
      if (maxUnpackedBytes < 1 || maxEntries < 1 || maxSheets < 1 || maxColumns < 1 || maxValuesPerRow < 1
          || maxNameChars < 1 || maxTextChars < 1 || maxDepth < 1) {
        throw new IllegalArgumentException("every report bound must be at least 1");
      }
    }

    /**
     * 512 MiB unpacked, 4,096 entries, 256 sheets, 2,000 columns and 20,000 values a row, names of 1,024 chars,
     * texts of 64 Ki chars, 16 levels.
     */
    public static Limits defaults() {
      return new Limits(512L * 1024 * 1024, 4_096, 256, 2_000, 20_000, 1_024, 65_536, 16);
    }

    /** The longest JSON token (a text with its quotes, escaped at worst 6 bytes a char, or a number) let in. */
    long maxTokenBytes() {
      return 6L * Math.max(maxNameChars, maxTextChars) + 2;
    }
  }

  private static final String OPERATION = "getReportInfo";

  private final InputStream file;
  private final ZipInputStream zip;
  private final Limits limits;
  private final Counted counted;
  private final String singleSheet;
  private int entries;
  private int sheets;
  /** The entry being read (or skipped), as printed in a failure. */
  private String entry;
  private String sheet;
  private JsonReader reader;
  /** Where the reader is inside the current sheet. */
  private State state = State.NEXT_SHEET;
  private String table;
  private Map<String, Object> loose;
  /** The values of the loose row, counted apart from the table rows read between its members. */
  private RowBudget looseBudget;
  /** The members (tables and loose columns) of the sheet object. */
  private int sheetMembers;
  private Row ahead;

  private enum State { NEXT_SHEET, SHEET_ARRAY, SHEET_OBJECT, TABLE }

  /** The values counted in one row. */
  private static final class RowBudget {
    private int values;
  }

  private ReportRows(InputStream file, String name, Limits limits) throws IOException {
    this.file = file;
    this.limits = limits;
    BufferedInputStream buffered = new BufferedInputStream(file);
    buffered.mark(4);
    byte[] head = buffered.readNBytes(4);
    buffered.reset();
    boolean isZip = head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    if (isZip) {
      this.zip = new ZipInputStream(buffered);
      this.counted = new Counted(zip, limits.maxUnpackedBytes());
      this.singleSheet = null;
    } else {
      this.zip = null;
      this.counted = new Counted(buffered, limits.maxUnpackedBytes());
      this.singleSheet = sheetName(name);
      this.entry = Text.printable(name, 200);
    }
  }

  /** Opens a report file (the ZIP the marketplace sends, or one JSON sheet) with the default bounds. */
  public static ReportRows open(Path file) {
    return open(file, Limits.defaults());
  }

  public static ReportRows open(Path file, Limits limits) {
    try {
      return new ReportRows(Files.newInputStream(file), file.getFileName().toString(), limits);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("report file unreadable: " + file, e);
    }
  }

  /** Reads from a stream (closed with this reader); {@code name} names the sheet of a plain JSON file. */
  public static ReportRows open(InputStream in, String name, Limits limits) {
    try {
      return new ReportRows(in, name, limits);
    } catch (IOException e) {
      throw fileFailure(": the report could not be read", e);
    }
  }

  /** The rows as a lazy stream; closing it closes the file. */
  public Stream<Row> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED
        | Spliterator.NONNULL), false).onClose(this::close);
  }

  @Override
  public boolean hasNext() {
    try {
      while (ahead == null) {
        if (!advance()) {
          return false;
        }
      }
      return true;
    } catch (IOException | JsonDataException e) {
      // The reader's message may quote the file (a path of its names): printed, cut.
      throw failure(Text.printable(String.valueOf(e.getMessage()), 500), e);
    }
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row out = ahead;
    ahead = null;
    return out;
  }

  /** One step: a row put ahead, or a sheet opened or finished; false at the end of the file. */
  private boolean advance() throws IOException {
    switch (state) {
      case NEXT_SHEET -> {
        if (!openSheet()) {
          return false;
        }
        JsonReader.Token token = reader.peek();
        if (token == JsonReader.Token.BEGIN_ARRAY) {
          reader.beginArray();
          state = State.SHEET_ARRAY;
        } else if (token == JsonReader.Token.BEGIN_OBJECT) {
          reader.beginObject();
          loose = new LinkedHashMap<>();
          looseBudget = new RowBudget();
          sheetMembers = 0;
          state = State.SHEET_OBJECT;
        } else {
          reader.skipValue();   // a sheet that is a bare value holds no rows
          state = State.NEXT_SHEET;
        }
      }
      case SHEET_ARRAY, TABLE -> {
        if (reader.hasNext()) {
          ahead = element();
        } else {
          reader.endArray();
          if (state == State.SHEET_ARRAY) {
            state = State.NEXT_SHEET;
          } else {
            state = State.SHEET_OBJECT;
            table = null;
          }
        }
      }
      case SHEET_OBJECT -> {
        if (reader.hasNext()) {
          String key = name();
          if (++sheetMembers > limits.maxColumns()) {
            throw failure("the sheet has more than " + limits.maxColumns() + " members (tables and columns)", null);
          }
          if (reader.peek() == JsonReader.Token.BEGIN_ARRAY) {
            reader.beginArray();
            table = key;
            state = State.TABLE;
          } else {
            put(loose, key, value(1, looseBudget));
          }
        } else {
          reader.endObject();
          if (!loose.isEmpty()) {
            ahead = new Row(sheet, null, Collections.unmodifiableMap(loose));
          }
          loose = null;
          looseBudget = null;
          state = State.NEXT_SHEET;
        }
      }
      default -> throw new IllegalStateException();
    }
    return true;
  }

  /** An element of a row array: an object is a row; anything else a row of one column, {@code value}. */
  private Row element() throws IOException {
    RowBudget budget = new RowBudget();
    Map<String, Object> values = new LinkedHashMap<>();
    if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
      reader.beginObject();
      while (reader.hasNext()) {
        put(values, name(), value(2, budget));
      }
      reader.endObject();
    } else {
      values.put("value", value(1, budget));
    }
    return new Row(sheet, table, Collections.unmodifiableMap(values));
  }

  private void put(Map<String, Object> row, String key, Object value) {
    if (!row.containsKey(key) && row.size() >= limits.maxColumns()) {
      throw failure("a row has more than " + limits.maxColumns() + " columns", null);
    }
    row.put(key, value);
  }

  /** The next name, bounded. */
  private String name() throws IOException {
    String name = reader.nextName();
    if (name.length() > limits.maxNameChars()) {
      throw failure("a name is longer than " + limits.maxNameChars() + " characters", null);
    }
    return name;
  }

  private Object value(int depth, RowBudget budget) throws IOException {
    if (++budget.values > limits.maxValuesPerRow()) {
      throw failure("a row has more than " + limits.maxValuesPerRow() + " values", null);
    }
    if (depth > limits.maxDepth()) {
      throw failure("nested deeper than " + limits.maxDepth(), null);
    }
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> out = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          out.put(name(), value(depth + 1, budget));
        }
        reader.endObject();
        return Collections.unmodifiableMap(out);
      }
      case BEGIN_ARRAY -> {
        List<Object> out = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          out.add(value(depth + 1, budget));
        }
        reader.endArray();
        return Collections.unmodifiableList(out);
      }
      case STRING -> {
        return text(reader.nextString());
      }
      case NUMBER -> {
        String number = text(reader.nextString());
        try {
          return new BigDecimal(number);
        } catch (NumberFormatException e) {
          return number;
        }
      }
      case BOOLEAN -> {
        return reader.nextBoolean();
      }
      case NULL -> {
        return reader.nextNull();
      }
      default -> throw failure("unexpected " + reader.peek() + " at " + Text.printable(reader.getPath(), 500), null);
    }
  }

  private String text(String value) {
    if (value.length() > limits.maxTextChars()) {
      throw failure("a value is longer than " + limits.maxTextChars() + " characters", null);
    }
    return value;
  }

  /** The next sheet's reader, or false when there is none. */
  private boolean openSheet() throws IOException {
    if (zip == null) {
      if (sheets++ > 0) {
        return false;
      }
      sheet = singleSheet;
      reader = reader(new Tokens(counted, limits.maxTokenBytes()));
      return true;
    }
    while (true) {
      // The rest of the entry read so far (or all of a skipped one) is unpacked through the count, so the bound
      // holds for every entry, not only the sheets.
      counted.drain();
      entry = "#" + (entries + 1);   // until its name is read: a broken header is named by its place
      ZipEntry next;
      try {
        next = zip.getNextEntry();
      } catch (IllegalArgumentException e) {
        // ZipInputStream reports a name that is not UTF-8 (and no other charset is declared) this way.
        throw failure("the name is not UTF-8", null);
      }
      if (next == null) {
        return false;
      }
      entry = Text.printable(next.getName(), 200);
      if (++entries > limits.maxEntries()) {
        throw failure("the report has more than " + limits.maxEntries() + " entries", null);
      }
      if (next.isDirectory() || !next.getName().toLowerCase(Locale.ROOT).endsWith(".json")) {
        continue;
      }
      if (++sheets > limits.maxSheets()) {
        throw failure("the report has more than " + limits.maxSheets() + " sheets", null);
      }
      sheet = sheetName(next.getName());
      reader = reader(new Tokens(counted, limits.maxTokenBytes()));
      return true;
    }
  }

  private static JsonReader reader(InputStream in) {
    // The entry's stream must outlive one reader: only this object closes the file.
    InputStream kept = new FilterInputStream(in) {
      @Override
      public void close() {
      }
    };
    JsonReader reader = JsonReader.of(Okio.buffer(Okio.source(kept)));
    reader.setLenient(false);
    return reader;
  }

  private static String sheetName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    name = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    name = name.replaceAll("\\p{Cntrl}", "?");
    return name.length() > 200 ? name.substring(0, 200) : name;
  }

  /** A failure of the entry being read: "report file, entry NAME: RULE". */
  private UnreadableResponseException failure(String rule, Throwable cause) {
    return fileFailure((entry == null ? "" : ", entry " + entry) + ": " + rule, cause);
  }

  private static UnreadableResponseException fileFailure(String note, Throwable cause) {
    return new UnreadableResponseException(new MarketplaceException.Details(Marketplace.YANDEX_MARKET, OPERATION,
        200, List.of(), null, null, "report file" + note), cause);
  }

  @Override
  public void close() {
    try {
      file.close();
    } catch (IOException e) {
      // Nothing was written; a read-only file that fails to close loses nothing.
    }
  }

  /** Counts the bytes read (unpacked) and fails past the bound, before a hostile archive fills memory or disk. */
  private static final class Counted extends FilterInputStream {
    private final long max;
    private long read;

    Counted(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count(skipped);
      return skipped;
    }

    /** Reads the rest of the current entry through the count. */
    void drain() throws IOException {
      byte[] buffer = new byte[8192];
      while (read(buffer, 0, buffer.length) >= 0) {
        // counted in read
      }
    }

    private void count(long n) throws IOException {
      read += n;
      if (read > max) {
        throw new IOException("more than " + max + " bytes unpacked");
      }
    }
  }

  /**
   * Fails on a JSON token (a quoted text or name, or a bare number or word) longer than the bound while it is still
   * arriving, so no name or text past its bound is ever held whole in memory; the parser checks the rest.
   */
  private static final class Tokens extends FilterInputStream {
    private final long max;
    private boolean inText;
    private boolean escaped;
    /** Bytes of the current token, 0 between tokens. */
    private long length;

    Tokens(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        scan((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      for (int i = offset; i < offset + n; i++) {
        scan(buffer[i]);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("a JSON sheet is read, not skipped");
    }

    private void scan(byte b) throws IOException {
      if (inText) {
        length++;
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inText = false;
          length = 0;
        }
      } else if (b == '"') {
        inText = true;
        length = 1;
      } else if (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == ',' || b == ':' || b == '[' || b == ']'
          || b == '{' || b == '}') {
        length = 0;
      } else {
        length++;
      }
      if (length > max) {
        throw new IOException("a JSON token is longer than " + max + " bytes");
      }
    }
  }
}
