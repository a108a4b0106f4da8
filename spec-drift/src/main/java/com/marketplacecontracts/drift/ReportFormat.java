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
        rows.add(new String[] {f.severity().name().toLowerCase(Locale.ROOT), f.change().id(), f.operationId(),
            f.field(), f.detail()});
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
      return MoshiFactory.create().adapter(DriftReport.class).indent("  ").toJson(report) + "\n";
    }
  },

  MARKDOWN {
    @Override
    public String render(DriftReport report) {
      StringBuilder out = new StringBuilder("### Spec drift\n\n").append(header(report)).append("\n\n");
      if (report.findings().isEmpty()) {
        return out.append("No differences.\n").toString();
      }
      out.append("**").append(report.summary()).append("**\n\n");
      out.append("| class | change | operation | field | detail |\n| --- | --- | --- | --- | --- |\n");
      for (Finding f : report.findings()) {
        out.append("| ").append(f.severity().name().toLowerCase(Locale.ROOT)).append(" | `").append(f.change().id())
            .append("` | `").append(f.operationId()).append("` ").append(cell(f.operation())).append(" | ")
            .append(f.field().isEmpty() ? "" : "`" + cell(f.field()) + "`").append(" | ").append(cell(f.detail()))
            .append(" |\n");
      }
      return out.toString();
    }

    private String cell(String text) {
      return text.replace("|", "\\|").replace("\n", " ");
    }
  };

  /** The report in this format, ending with a newline. */
  public abstract String render(DriftReport report);

  private static String header(DriftReport report) {
    return report.curated() + " against " + report.upstream() + ": " + report.operations() + " operations compared";
  }
}
