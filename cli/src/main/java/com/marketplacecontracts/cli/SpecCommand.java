package com.marketplacecontracts.cli;

import com.marketplacecontracts.drift.Text;
import com.marketplacecontracts.drift.UnreadableSpecException;
import com.marketplacecontracts.drift.curation.CurationException;
import com.marketplacecontracts.drift.curation.SpecImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code marketplace spec import}: the curated spec written anew from the published document and the curation. */
@Command(name = "spec", mixinStandardHelpOptions = true,
    description = "Maintain the curated specs in specs/.",
    subcommands = {SpecCommand.Import.class})
final class SpecCommand {

  static final String YANDEX_DOCS = "https://yandex.ru/dev/market/partner-api/doc/ru/reference/";
  static final String NOTIFICATION_DOCS = "https://yandex.ru/dev/market/partner-api/doc/ru/push-notifications/reference/";

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Write specs/yandex/partner-api.yaml from the marketplace's published document: its structure"
          + " (paths, parameters, schemas, constraints, enums, limits, deprecations), none of its prose, one tag per"
          + " operation, our summary and a link to each operation's page; then the curation in"
          + " specs/yandex/curation/ (OpenAPI Overlay 1.0 documents, applied in file-name order): every operation's"
          + " decision (covered, legacy, excluded with a reason), what may be sent twice, corrections with their"
          + " source, the operations ahead of the document.",
          "--api notifications does the same for the marketplace's notification document: specs/yandex/"
              + "notification-api.yaml from specs/yandex/notification-curation/.",
          "The same inputs always write the same bytes. An operation without a decision, or a curation action that"
              + " selects nothing, fails the import and names it."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:written", "2:bad input (unknown marketplace)",
          "5:the published document or the curation could not be read, or they disagree"})
  static final class Import implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MARKETPLACE", description = "yandex (Teez publishes no document)")
    String marketplace;

    @Option(names = "--upstream", required = true, paramLabel = "FILE|DIR|URL",
        description = "The published document: its root file, a folder holding it, or an http(s) URL of the root.")
    String upstream;

    @Option(names = "--api", paramLabel = "API", defaultValue = "partner",
        description = "partner (the Partner API) or notifications (what the marketplace posts to the seller)."
            + " Default: ${DEFAULT-VALUE}.")
    String api;

    @Option(names = "--curation", paramLabel = "DIR",
        description = "The curation overlays. Default: specs/yandex/curation (notifications:"
            + " specs/yandex/notification-curation).")
    Path curation;

    @Option(names = "--output", paramLabel = "FILE",
        description = "Where the curated spec is written. Default: specs/yandex/partner-api.yaml (notifications:"
            + " specs/yandex/notification-api.yaml).")
    Path output;

    @Override
    public Integer call() {
      if (!"yandex".equalsIgnoreCase(marketplace)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "marketplace: must be yandex, was "
            + Text.visible(marketplace, 100));
      }
      boolean notifications = "notifications".equals(api);
      if (!notifications && !"partner".equals(api)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--api: must be partner or notifications, was "
            + Text.visible(api, 100));
      }
      if (curation == null) {
        curation = Path.of(notifications ? "specs/yandex/notification-curation" : "specs/yandex/curation");
      }
      if (output == null) {
        output = Path.of(notifications ? "specs/yandex/notification-api.yaml" : "specs/yandex/partner-api.yaml");
      }
      PrintWriter err = spec.commandLine().getErr();
      SpecImport.Result result;
      try {
        result = SpecImport.run(upstream, curation, notifications ? List.of(
            "The Yandex Market notifications as the project curates them. Written by `marketplace spec import yandex",
            "--api notifications` from the marketplace's published document and the curation in",
            "notification-curation/: edit the curation, not this file, and import again.") : List.of(
            "The Yandex Market Partner API as the project curates it. Written by `marketplace spec import yandex`",
            "from the marketplace's published document and the curation in curation/: edit the curation, not this",
            "file, and import again."), notifications ? NOTIFICATION_DOCS : YANDEX_DOCS);
      } catch (UnreadableSpecException | CurationException e) {
        err.println("error: " + e.getMessage());
        err.flush();
        return ExitCodes.FAILURE;
      }
      try {
        Files.writeString(output, result.yaml(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("error: cannot write " + output + ": " + e.getMessage());
        err.flush();
        return ExitCodes.FAILURE;
      }
      err.println("wrote " + output + ": " + result.count("covered") + " covered, " + result.count("legacy")
          + " legacy, " + result.exclusions().size() + " excluded operations");
      err.flush();
      return ExitCodes.OK;
    }
  }
}
