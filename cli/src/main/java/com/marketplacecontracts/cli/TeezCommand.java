package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.model.teez.TeezMapper;
import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.teez.model.GetExternalImportStatusApiResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code marketplace teez ...} */
@Command(name = "teez", description = "Teez Seller API.", mixinStandardHelpOptions = true,
    subcommands = TeezCommand.ImportStatus.class)
final class TeezCommand {

  /** {@code marketplace teez import-status --job-id N [--wait]} */
  @Command(name = "import-status", mixinStandardHelpOptions = true,
      description = {"Status of a product create/update job, per product and SKU.",
          "--json: one document {\"jobs\": [{marketplace, id, type, state, rawState, results: [listings]}],"
              + " \"settled\": true|false (with --wait)}."})
  static final class ImportStatus implements Callable<Integer> {

    @Option(names = "--job-id", required = true, paramLabel = "N", description = "The import job id.")
    long jobId;

    @Option(names = "--wait", description = "Poll until no product or SKU is pending.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", converter = WaitTimeout.class,
        description = "With --wait: give up after this many seconds, 1 to 86400 (default ${DEFAULT-VALUE}); exit 6"
            + " when still pending.")
    long timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      IdOptions.check(spec);
      WaitTimeout.check(spec);
      return MarketplaceCli.withTarget(spec, false, (target, output) -> run(target.teez(), output));
    }

    Integer run(TeezClient teez, Output output) {
      GetExternalImportStatusApiResponse status;
      Boolean settled = null;
      if (await) {
        PollResult<GetExternalImportStatusApiResponse> result = teez.awaitImport(jobId,
            AwaitOptions.timeout(Duration.ofSeconds(timeoutSeconds)));
        if (!result.settled()) {
          output.error("job " + jobId + ": still pending after " + Target.seconds(result.elapsed())
              + " (gave up waiting, exit " + ExitCodes.WAIT_TIMED_OUT + ")");
        }
        status = result.last();
        settled = result.settled();
      } else {
        status = teez.importStatus(jobId);
      }
      output.jobs(List.of(TeezMapper.importJob(jobId, status)), settled);
      return Boolean.FALSE.equals(settled) ? ExitCodes.WAIT_TIMED_OUT : ExitCodes.OK;
    }
  }
}
