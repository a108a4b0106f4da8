package com.marketplacecontracts.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

  private static final DriftReport REPORT = new DriftReport("ours.yaml", "theirs.yaml", 2, List.of(
      new Finding(Severity.BREAKING, Change.PATH_MOVED, "getX", "POST /x", "", "moved to POST /v2/x", null),
      new Finding(Severity.SCHEDULED, Change.DEPRECATION_SCHEDULED, "getY", "GET /y", "", "a | b", 12)));

  @Test
  void tableHasOneRowPerFindingAndASummary() {
    String table = ReportFormat.TABLE.render(REPORT);

    assertThat(table.lines().toList()).hasSize(5);
    assertThat(table).startsWith("ours.yaml against theirs.yaml: 2 operations compared\nCLASS ")
        .contains("breaking   path-moved ").endsWith("1 breaking, 1 scheduled, 0 degraded, 0 compatible\n");
  }

  @Test
  void markdownEscapesCellsForAPullRequestComment() {
    String markdown = ReportFormat.MARKDOWN.render(REPORT);

    assertThat(markdown).contains("| breaking | path-moved | getX POST /x |  | moved to POST /v2/x |")
        .contains("| a \\| b |");
  }

  @Test
  void textFromTheDocumentIsShownLiterallyNeverObeyed() {
    Finding hostile = REPORT.findings().get(0);
    DriftReport report = new DriftReport("ours", "theirs", 1, List.of(new Finding(hostile.severity(),
        hostile.change(), "get<img src=x onerror=alert(1)>", hostile.operation(),
        "[click](https://evil.example) `code` *bold*", "\u001b[31mred\u0085\u202eevil", null)));

    String markdown = ReportFormat.MARKDOWN.render(report);
    String table = ReportFormat.TABLE.render(report);
    String json = ReportFormat.JSON.render(report);

    assertThat(markdown).contains("get&lt;img src=x onerror=alert\\(1\\)&gt;", "\\[click\\]\\(https:",
        "\\`code\\`", "\\*bold\\*", "\\\\x1b\\[31mred").doesNotContain("<img", "\u001b", "\u202e");
    assertThat(table).contains("\\x1b[31mred\\x85\\u202eevil").doesNotContain("\u001b", "\u0085", "\u202e");
    assertThat(json).contains("\\u0085", "\\u202e").doesNotContain("\u0085", "\u202e");
  }

  @Test
  void jsonCarriesEveryField() {
    String json = ReportFormat.JSON.render(REPORT);

    assertThat(json).contains("\"severity\": \"BREAKING\"", "\"change\": \"PATH_MOVED\"", "\"daysLeft\": 12",
        "\"operations\": 2", "\"upstream\": \"theirs.yaml\"");
  }

  @Test
  void anEmptyReportSaysSo() {
    DriftReport empty = new DriftReport("a", "b", 3, List.of());

    assertThat(ReportFormat.TABLE.render(empty)).endsWith("No differences.\n");
    assertThat(ReportFormat.MARKDOWN.render(empty)).endsWith("No differences.\n");
  }
}
