package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.RequestValidationException.Violation;
import com.marketplacecontracts.core.internal.Digests;
import com.marketplacecontracts.core.operation.Marketplace;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okio.Buffer;

/**
 * The input file of a bulk write, read as untrusted: CSV with a header line, or JSON lines (one object a line) —
 * by the file's extension ({@code .csv}; {@code .jsonl}, {@code .ndjson}, {@code .json}), else by its first
 * character ({@code {} for JSON lines). Strict UTF-8, at most {@link #MAX_ROWS} rows of at most {@link #MAX_LINE}
 * characters, only the columns the command knows. Values are kept as text (a price is never a binary fraction).
 */
final class BulkFile {

  static final int MAX_ROWS = 1_000_000;
  static final int MAX_LINE = 16 * 1024;
  /** Violations reported at most, so a wholly wrong file gives a readable message. */
  private static final int MAX_VIOLATIONS = 20;

  /** One item's fields by column name (absent or empty: not in the map), and the line it came from. */
  record Row(int line, Map<String, String> fields) {
    String get(String name) {
      return fields.get(name);
    }
  }

  /** The rows in input order, and a digest of the file's bytes that names this input in its checkpoint. */
  record Content(List<Row> rows, String fingerprint) {
  }

  /** Collects the input's violations, each naming the file, line and field, and throws them together. */
  static final class Problems {
    /** Problems kept at most while reading (the first lines' problems are the ones reported). */
    private static final int MAX_KEPT = 1_000;
    private final String file;
    private final String operation;
    /** By line, then in the order found: the file's own problems and the rows' are reported in line order. */
    private final java.util.TreeMap<Integer, List<Violation>> byLine = new java.util.TreeMap<>();
    private int kept;
    private Violation whole;

    Problems(Path file, String operation) {
      this.file = file.getFileName() == null ? file.toString() : file.getFileName().toString();
      this.operation = operation;
    }

    void add(int line, String field, String value, String rule) {
      if (kept >= MAX_KEPT) {
        return;
      }
      kept++;
      String shown = value == null ? "(missing)" : value.length() > 80 ? value.substring(0, 80) + "…" : value;
      byLine.computeIfAbsent(line, k -> new ArrayList<>()).add(new Violation(file + " line " + line + ": " + field,
          shown, rule));
    }

    /** A problem of the whole file (not found, not UTF-8, not comma-separated): reported alone. */
    void file(String field, String value, String rule) {
      if (whole == null) {
        whole = new Violation(field, value, rule);
      }
    }

    boolean any() {
      return whole != null || !byLine.isEmpty();
    }

    void throwIfAny() {
      if (whole != null) {
        throw new RequestValidationException(Marketplace.YANDEX_MARKET, operation, List.of(whole));
      }
      if (!byLine.isEmpty()) {
        List<Violation> first = byLine.values().stream().flatMap(List::stream).limit(MAX_VIOLATIONS).toList();
        throw new RequestValidationException(Marketplace.YANDEX_MARKET, operation, first);
      }
    }
  }

  private BulkFile() {
  }

  /**
   * Reads {@code file}: rows with only {@code columns} (each row must have every one of {@code required}); the
   * problems found are added to {@code problems}, for the caller to throw with its own.
   */
  static Content read(Path file, Problems problems, Set<String> columns, Set<String> required) {
    if (!Files.exists(file)) {
      problems.file("file not found", file.toString(), "give the path of a .csv or .jsonl file");
      return new Content(List.of(), "");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      problems.file("file", file.toString(), "must be a readable file, not a folder");
      return new Content(List.of(), "");
    }
    MessageDigest digest = Digests.sha256();
    List<Row> rows = new ArrayList<>();
    try (InputStream raw = new DigestInputStream(Files.newInputStream(file), digest);
        BufferedReader reader = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)))) {
      Boolean byName = format(file);
      boolean json = Boolean.TRUE.equals(byName);
      List<String> header = null;
      int lineNumber = 0;
      String line;
      while ((line = bounded(reader, lineNumber + 1, problems)) != null) {
        lineNumber++;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (byName == null && rows.isEmpty() && header == null && !line.isBlank()) {
          json = line.stripLeading().startsWith("{");
          byName = json;
        }
        if (line.isBlank()) {
          continue;
        }
        if (!json && header == null) {
          header = header(line, lineNumber, columns, required, problems);
          if (header == null) {
            break;
          }
          continue;
        }
        if (rows.size() >= MAX_ROWS) {
          problems.add(lineNumber, "file", null, "at most " + MAX_ROWS + " items a file (split it)");
          break;
        }
        Map<String, String> fields = json ? jsonRow(line, lineNumber, columns, problems)
            : csvRow(line, lineNumber, header, problems);
        if (fields == null) {
          continue;
        }
        for (String name : required) {
          if (!fields.containsKey(name)) {
            problems.add(lineNumber, name, null, "required");
          }
        }
        rows.add(new Row(lineNumber, fields));
      }
      if (!json && header == null && !problems.any()) {
        problems.add(1, "header", null, "a CSV file starts with a header line naming its columns: "
            + String.join(",", columns));
      }
    } catch (CharacterCodingException e) {
      problems.file("file", file.toString(), "must be UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (rows.isEmpty() && !problems.any()) {
      problems.add(1, "file", file.toString(), "holds no items");
    }
    return new Content(List.copyOf(rows), "sha256:" + HexFormat.of().formatHex(digest.digest()));
  }

  /** JSON lines (true) or CSV (false) by the file's extension; null when the extension does not say. */
  private static Boolean format(Path file) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return false;
    }
    return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json") ? true : null;
  }

  /** The next line, or null at the end; a line longer than MAX_LINE is a violation (and ends the reading). */
  private static String bounded(BufferedReader reader, int lineNumber, Problems problems) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = reader.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (line.length() >= MAX_LINE) {
        problems.add(lineNumber, "line", null, "at most " + MAX_LINE + " characters a line");
        return null;
      }
      line.append((char) c);
    }
    if (c == -1 && line.length() == 0) {
      return null;
    }
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      line.setLength(end - 1);
    }
    return line.toString();
  }

  private static List<String> header(String line, int lineNumber, Set<String> columns, Set<String> required,
      Problems problems) {
    if (!line.contains(",") && line.contains(";")) {
      problems.add(lineNumber, "header", line, "the separator is ',' — the header looks ';'-separated (save the"
          + " file as comma-separated CSV)");
      return null;
    }
    List<String> cells = csvCells(line, lineNumber, problems);
    if (cells == null) {
      return null;
    }
    List<String> header = new ArrayList<>();
    for (String cell : cells) {
      String name = cell.strip();
      if (!columns.contains(name)) {
        problems.add(lineNumber, "header", name, "an unknown column; the columns are " + String.join(",", columns));
      } else if (header.contains(name)) {
        problems.add(lineNumber, "header", name, "a column named twice");
      }
      header.add(name);
    }
    for (String name : required) {
      if (!header.contains(name)) {
        problems.add(lineNumber, "header", String.join(",", cells), "must name the column " + name);
      }
    }
    return problems.any() ? null : header;
  }

  private static Map<String, String> csvRow(String line, int lineNumber, List<String> header, Problems problems) {
    List<String> cells = csvCells(line, lineNumber, problems);
    if (cells == null) {
      return null;
    }
    if (cells.size() != header.size()) {
      problems.add(lineNumber, "line", null, "must have " + header.size() + " cells like the header, has "
          + cells.size());
      return null;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      String value = cells.get(i).strip();
      if (!value.isEmpty()) {
        fields.put(header.get(i), value);
      }
    }
    return fields;
  }

  /** Comma-separated cells; a cell in double quotes may hold commas, and {@code ""} for a quote. */
  private static List<String> csvCells(String line, int lineNumber, Problems problems) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.toString().isBlank() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        cell.setLength(0);
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted && !Character.isWhitespace(c)) {
        problems.add(lineNumber, "line", line, "text after a closing quote in cell " + (cells.size() + 1));
        return null;
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      problems.add(lineNumber, "line", line, "a quote opened in cell " + (cells.size() + 1) + " is not closed");
      return null;
    }
    cells.add(cell.toString());
    return cells;
  }

  /** One JSON object of strings, numbers, booleans or nulls, with only the known names. */
  private static Map<String, String> jsonRow(String line, int lineNumber, Set<String> columns, Problems problems) {
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(line))) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        problems.add(lineNumber, "line", line, "must be one JSON object");
        return null;
      }
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        JsonReader.Token token = reader.peek();
        if (!columns.contains(name)) {
          problems.add(lineNumber, name, null, "an unknown field; the fields are " + String.join(",", columns));
          reader.skipValue();
          continue;
        }
        if (fields.containsKey(name)) {
          problems.add(lineNumber, name, null, "a field given twice");
        }
        switch (token) {
          case STRING, NUMBER -> {
            String value = reader.nextString().strip();
            if (!value.isEmpty()) {
              fields.put(name, value);
            }
          }
          case NULL -> reader.nextNull();
          default -> {
            problems.add(lineNumber, name, token.name().toLowerCase(Locale.ROOT),
                "must be a string or a number");
            reader.skipValue();
          }
        }
      }
      reader.endObject();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        problems.add(lineNumber, "line", line, "one JSON object a line (more follows the object)");
        return null;
      }
    } catch (JsonEncodingException | JsonDataException e) {
      problems.add(lineNumber, "line", line, "is not valid JSON (" + e.getMessage() + ")");
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fields;
  }
}
