package com.marketplacecontracts.contract.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** Collects the rows of a hostile-server table and writes it as Markdown to {@code target/} (the README keeps a copy). */
final class HostileMatrix {

  private final String file;
  private final String header;
  private final Map<String, String> rows = new ConcurrentSkipListMap<>();

  HostileMatrix(String file, String header) {
    this.file = file;
    this.header = header;
  }

  /** One case; {@code key} orders the rows (issue item, then case). */
  void row(String key, String... cells) {
    rows.put(key, "| " + String.join(" | ", cells) + " |");
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  void write() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(header);
    lines.add(header.replaceAll("[^|]+", " --- "));
    lines.addAll(rows.values());
    Path path = Path.of("target", file);
    Files.createDirectories(path.getParent());
    Files.write(path, lines);
    System.out.println("Hostile-server cases (" + file + "):");
    lines.forEach(System.out::println);
  }
}
