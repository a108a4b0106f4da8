package com.marketplacecontracts.drift;

import com.marketplacecontracts.core.json.MoshiFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a {@link DriftReport} is printed: a table for people, JSON for scripts, Markdown for a pull-request comment. */
public enum ReportFormat {
  TABLE {
    @Override
    public String render(DriftReport report) {
      StringBuilder out = new StringBuilder(header(report)).append('\n');
      if (report.findings().isEmpty()) {
        return out.append("No differences.\n").toString();
      }
      String[] columns = {"CLASS", "CHANGE", "OPERATION", "FIELD", "DETAIL"};
      List<String[]> rows = new ArrayList<>();
      for (Finding f : report.findings()) {
        rows.add(new String[] {f.severity().name().toLowerCase(Locale.ROOT), f.change().id(),
            Text.visible(f.operationId(), 200), Text.visible(f.field(), 300), Text.visible(f.detail(), 500)});
      }
      int[] widths = new int[columns.length - 1];
      for (int i = 0; i < widths.length; i++) {
        widths[i] = columns[i].length();
        for (String[] row : rows) {
          widths[i] = Math.max(widths[i], row[i].length());
        }
      }
      line(out, columns, widths);
      rows.forEach(row -> line(out, row, widths));
      return out.append(report.summary()).append('\n').toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
      for (int i = 0; i < widths.length; i++) {
        out.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", cells[i]));
      }
      out.append(cells[cells.length - 1]).append('\n');
    }
  },

  JSON {
    @Override
    public String render(DriftReport report) {
      String json = MoshiFactory.create().adapter(DriftReport.class).indent("  ").toJson(report);
      // Moshi escapes C0; DEL, C1 and bidirectional overrides from a document are escaped too (same JSON value).
      StringBuilder out = new StringBuilder(json.length() + 1);
      json.chars().forEach(c -> out.append((c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E)
          || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
          ? String.format(Locale.ROOT, "\\u%04x", c) : String.valueOf((char) c)));
      return out.append('\n').toString();
    }
  },

  MARKDOWN {
    @Override
    public String render(DriftReport report) {
      StringBuilder out = new StringBuilder("### Spec drift\n\n").append(Text.markdown(header(report)))
          .append("\n\n");
      if (report.findings().isEmpty()) {
        return out.append("No differences.\n").toString();
      }
      out.append("**").append(report.summary()).append("**\n\n");
      out.append("| class | change | operation | field | detail |\n| --- | --- | --- | --- | --- |\n");
      for (Finding f : report.findings()) {
        out.append("| ").append(f.severity().name().toLowerCase(Locale.ROOT)).append(" | ")
            .append(Text.markdown(f.change().id())).append(" | ").append(Text.markdown(f.operationId())).append(' ')
            .append(Text.markdown(f.operation())).append(" | ").append(Text.markdown(f.field())).append(" | ")
            .append(Text.markdown(f.detail())).append(" |\n");
      }
      return out.toString();
    }
  };

  /** The report in this format, ending with a newline. */
  public abstract String render(DriftReport report);

  private static String header(DriftReport report) {
    return Text.visible(report.curated(), 500) + " against " + Text.visible(report.upstream(), 500) + ": "
        + report.operations() + " operations compared";
  }
}
