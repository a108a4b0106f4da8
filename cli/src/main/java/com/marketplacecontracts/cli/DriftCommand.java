package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.internal.error.UriMask;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.drift.Acknowledged;
import com.marketplacecontracts.drift.DriftReport;
import com.marketplacecontracts.drift.LoadedSpec;
import com.marketplacecontracts.drift.ReportFormat;
import com.marketplacecontracts.drift.Severity;
import com.marketplacecontracts.drift.SpecDrift;
import com.marketplacecontracts.drift.SpecLoader;
import com.marketplacecontracts.drift.UnreadableSpecException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code marketplace drift}: the curated spec of a marketplace against the one it publishes. */
@Command(name = "drift", mixinStandardHelpOptions = true,
    description = {"Compare a marketplace's published spec with the curated one.",
        // one help line each (the command list shows the first; the rest are laid out for 80 columns)
        "Each difference is classified. Operations are matched by operationId, then by",
        "method and path. The levels:",
        "  breaking    our calls fail or lose data: an operation removed, a path moved,",
        "              a newly required parameter or field, a type or format changed,",
        "              a constraint narrowed, an enum value removed, a response field",
        "              removed or retyped",
        "  scheduled   deprecated, or x-deprecation-config with its dates, replacement",
        "              and days left",
        "  degraded    a quota cut (per tier, as a factor), new response enum values",
        "              (decoded as UNRECOGNIZED), new response fields common-model does",
        "              not map",
        "  compatible  additions the client tolerates",
        "The upstream may be split over many files with relative $refs; nothing but its",
        "own files is read."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no difference at the --fail-on level (always, without --fail-on)",
        "1:differences at the --fail-on level",
        "2:bad input (unknown marketplace, format or option)",
        "5:the upstream (or --curated) spec could not be read: missing, not OpenAPI 3, a $ref that does not"
            + " resolve or leaves the document, or a network failure"})
final class DriftCommand implements Callable<Integer> {

  /** A finding at this level or above fails the run. */
  enum FailOn {
    BREAKING(Severity.BREAKING), DEPRECATION(Severity.SCHEDULED), ANY(Severity.COMPATIBLE);

    final Severity threshold;

    FailOn(Severity threshold) {
      this.threshold = threshold;
    }
  }

  static final int DRIFT = 1;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MARKETPLACE", description = "teez or yandex")
  String positional;

  @Option(names = "--marketplace", paramLabel = "MARKETPLACE", description = "teez or yandex (or give it first)")
  String marketplace;

  @Option(names = "--upstream", required = true, paramLabel = "FILE|DIR|URL",
      description = "The published spec: its root file, a directory holding it (the root is found), or an"
          + " http(s) URL of the root.")
  String upstream;

  @Option(names = "--curated", paramLabel = "FILE|DIR",
      description = "Compare this spec instead of the project's curated one (default: the one packaged with the"
          + " tool).")
  String curated;

  @Option(names = "--acknowledged", paramLabel = "FILE",
      description = "Findings accepted with their reasons, left out of the report (default: the file packaged"
          + " beside the curated spec, when --curated is not given).")
  String acknowledged;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or markdown (for a pull-request comment); --json means json."
          + " Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--fail-on", paramLabel = "LEVEL",
      description = "Exit 1 when there is a difference at this level: breaking, deprecation (breaking or"
          + " scheduled) or any.")
  FailOn failOn;

  @Override
  public Integer call() {
    Marketplace market = marketplace();
    ReportFormat reportFormat = reportFormat();
    MarketplaceCli root = (MarketplaceCli) spec.root().userObject();
    Output output = root.output(spec);
    PrintWriter err = spec.commandLine().getErr();
    DriftReport report;
    try {
      LoadedSpec ours = curated == null ? SpecLoader.curated(market) : SpecLoader.load(curated);
      output.progress("Reading " + UriMask.mask(upstream) + " ...");
      LoadedSpec theirs = SpecLoader.load(upstream);
      report = SpecDrift.create().compare(ours, theirs);
      Acknowledged accepted = acknowledged(market);
      int before = report.findings().size();
      report = accepted.apply(report);
      if (before > report.findings().size()) {
        output.progress(Plural.of(before - report.findings().size(), "finding") + " acknowledged with their reasons"
            + " (drift-acknowledged.yaml)");
      }
    } catch (UnreadableSpecException e) {
      // the loader's messages quote the URL it read: a token in its query or user information is masked
      err.println(Terminal.safe(UriMask.mask("error: " + e.getMessage(), upstream)));
      err.flush();
      return ExitCodes.FAILURE;
    }
    spec.commandLine().getOut().print(reportFormat.render(report));
    spec.commandLine().getOut().flush();
    if (failOn != null && report.any(failOn.threshold)) {
      output.progress("drift at the --fail-on " + failOn.name().toLowerCase(Locale.ROOT) + " level: "
          + report.summary());
      return DRIFT;
    }
    return ExitCodes.OK;
  }

  private Acknowledged acknowledged(Marketplace market) {
    try {
      if (acknowledged != null) {
        return Acknowledged.read(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(acknowledged)), acknowledged);
      }
      if (curated != null) {
        return Acknowledged.none();
      }
      String spec = market.specResource();
      String resource = spec.substring(0, spec.lastIndexOf('/') + 1) + "drift-acknowledged.yaml";
      try (java.io.InputStream in = DriftCommand.class.getClassLoader().getResourceAsStream(resource)) {
        return in == null ? Acknowledged.none() : Acknowledged.read(in.readAllBytes(), resource);
      }
    } catch (java.io.IOException e) {
      throw new UnreadableSpecException("acknowledged findings unreadable: " + acknowledged);
    }
  }

  private Marketplace marketplace() {
    if (positional != null && marketplace != null && !positional.equalsIgnoreCase(marketplace)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "marketplace given twice: " + positional + " and --marketplace " + marketplace);
    }
    String market = positional != null ? positional : marketplace;
    if (market == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "marketplace: required, teez or yandex");
    }
    for (Marketplace known : Marketplace.values()) {
      if (known.id().equalsIgnoreCase(market)) {
        return known;
      }
    }
    throw new CommandLine.ParameterException(spec.commandLine(),
        "marketplace: must be teez or yandex, was " + market);
  }

  private ReportFormat reportFormat() {
    MarketplaceCli root = (MarketplaceCli) spec.root().userObject();
    if (root.json) {
      return ReportFormat.JSON;
    }
    try {
      return ReportFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--format: must be table, json or markdown, was " + format);
    }
  }
}
