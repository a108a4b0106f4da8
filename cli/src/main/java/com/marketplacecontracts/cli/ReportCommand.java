package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.model.ReportRow;
import com.marketplacecontracts.model.yandex.YandexSellerDayMapper;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.day.ReportRows;
import com.marketplacecontracts.yandex.day.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code marketplace yandex report NAME --from D [--to D] --output F} */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Generate a report, wait for it, download it to --output (the marketplace's ZIP of JSON sheets)"
        + " and read it: a summary of its sheets, or every row as JSON lines with --json.",
        "NAME: united-netting, united-marketplace-services (--business-id, --from, --to: days included),"
            + " goods-realization (--campaign-id, the month of --from), stocks-on-warehouses (--business-id or"
            + " --campaign-id, the day --from).",
        "A new report each call; the marketplace allows about one a minute or two of each."})
final class ReportCommand extends YandexCommand.Base {

  @Parameters(index = "0", paramLabel = "NAME", description = "The report (see above).")
  String name;
  @Option(names = "--business-id", paramLabel = "B", description = "Business (cabinet) id.") Long businessId;
  @Option(names = "--campaign-id", paramLabel = "C", description = "The shop's campaign id.") Long campaignId;
  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day.") LocalDate from;
  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day, included.") LocalDate to;
  @Option(names = "--output", required = true, paramLabel = "F", description = "Where to save the report file.")
  Path output;
  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800", converter = WaitTimeout.class,
      description = "Give up waiting after this many seconds, 1 to 86400 (default ${DEFAULT-VALUE}); exit 6.")
  long timeout;

  /** JSON document of a report with no data, or still pending. */
  public record Status(String report, boolean settled, String subStatus, String file) {
  }

  @Override
  Integer run(YandexMarketClient market, Output out) {
    java.util.List<String> names = Arrays.stream(Reports.Kind.values()).map(Reports.Kind::path).toList();
    Reports.Kind kind = Reports.Kind.named(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "NAME must be one of " + String.join(", ", names) + ", was '" + Terminal.safe(name) + "'"
            + Suggest.closest(name, names).map(s -> ". Did you mean " + s + "?").orElse("")));
    if (output.getParent() != null && !Files.isDirectory(output.getParent())) {
      throw new ParameterException(spec.commandLine(), "--output " + output + ": the folder " + output.getParent()
          + " does not exist");
    }
    if (Files.isDirectory(output)) {
      throw new ParameterException(spec.commandLine(), "--output " + output + " is a folder; give a file name");
    }
    if (to != null && to.isBefore(from)) {
      throw new ParameterException(spec.commandLine(), "--to (" + to + ") is before --from (" + from + ")");
    }
    var generate = Reports.generate(market, new Reports.Request(kind, businessId, campaignId, from, to));
    if (embeddedMock()) {
      // the mock answers every status poll with the spec's example, which is still in progress: waiting is in vain
      out.error("report " + kind.path() + ": the embedded mock's report never finishes (it answers every status"
          + " poll with the spec's example, still in progress), so nothing was waited for or saved; reports come"
          + " from the marketplace (credentials) or a --base-url that finishes them (exit "
          + ExitCodes.WAIT_TIMED_OUT + ")");
      if (out.json()) {
        out.json(new Status(kind.path(), false, null, null));
      }
      return ExitCodes.WAIT_TIMED_OUT;
    }
    out.progress("generating " + kind.path() + "; waiting up to " + timeout + " s");
    Reports.Report report = Reports.fetch(market, generate, AwaitOptions.timeout(Duration.ofSeconds(timeout)));
    if (!report.settled()) {
      out.error("report " + kind.path() + " still not ready after " + timeout + " s (gave up waiting, exit "
          + ExitCodes.WAIT_TIMED_OUT + ")");
      if (out.json()) {
        out.json(new Status(kind.path(), false, report.subStatus(), null));
      }
      return ExitCodes.WAIT_TIMED_OUT;
    }
    if (!report.hasData()) {
      out.progress("no data for this period (" + report.subStatus() + "); nothing saved");
      if (out.json()) {
        out.json(new Status(kind.path(), true, report.subStatus(), null));
      }
      return ExitCodes.OK;
    }
    Path saved = report.file().saveTo(output);
    out.progress("saved " + saved + " (" + Plural.of(report.file().size(), "byte") + ")");
    Map<String, long[]> rowsBySheet = new LinkedHashMap<>();
    Map<String, Set<String>> columns = new LinkedHashMap<>();
    try (ReportRows rows = ReportRows.open(saved)) {
      while (rows.hasNext()) {
        ReportRow row = YandexSellerDayMapper.reportRow(kind, rows.next());
        if (out.json()) {
          out.json(row);
          continue;
        }
        String where = row.table() == null ? row.sheet() : row.sheet() + "/" + row.table();
        rowsBySheet.computeIfAbsent(where, k -> new long[1])[0]++;
        Set<String> seen = columns.computeIfAbsent(where, k -> new LinkedHashSet<>());
        if (seen.size() < 1_000) {
          seen.addAll(row.values().keySet());
        }
      }
    }
    if (!out.json()) {
      out.println("SHEET  ROWS  COLUMNS");
      rowsBySheet.forEach((sheet, count) -> out.println(sheet + "  " + count[0] + "  "
          + String.join(", ", columns.get(sheet))));
    }
    return ExitCodes.OK;
  }
}
