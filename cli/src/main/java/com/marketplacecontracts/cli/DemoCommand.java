package com.marketplacecontracts.cli;

import com.marketplacecontracts.yandex.model.OfferCardStatusType;
import com.marketplacecontracts.yandex.model.OperationType;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code marketplace demo}: the five flows against the embedded mock. With {@code --json}, JSON lines: one
 * {@code {"command": ..., "result": ...}} document a flow.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run five flows against the embedded Prism mock and print what each returned.",
        "With --json: JSON lines, one {\"command\": ..., \"result\": ...} document a flow."})
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (((MarketplaceCli) spec.root().userObject()).baseUrl != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "demo always runs against the embedded mock: --base-url does not apply (use a command, e.g. "
              + "'marketplace --base-url URL yandex uin-status ...')");
    }
    return MarketplaceCli.withTarget(spec, true, this::run);
  }

  private Integer run(Target target, Output output) {
    var teez = target.teez();
    var market = target.yandex();

    heading(output, "teez import-status --job-id 123456789 --wait");
    TeezCommand.ImportStatus importStatus = new TeezCommand.ImportStatus();
    importStatus.jobId = 123456789L;
    importStatus.await = true;
    importStatus.timeoutSeconds = 60;
    importStatus.run(teez, output);

    heading(output, "yandex uin-status --campaign-id 1234567 --order-id 123456789 --wait");
    YandexCommand.UinStatus uins = new YandexCommand.UinStatus();
    uins.campaignId = 1234567L;
    uins.orderIds = List.of(123456789L);
    uins.await = true;
    uins.timeout = 60;
    uins.run(market, output);

    heading(output, "yandex offers --business-id 12345 --card-status HAS_CARD_CAN_UPDATE --limit 20");
    YandexCommand.Offers offers = new YandexCommand.Offers();
    offers.owner = new YandexCommand.Offers.Owner();
    offers.owner.businessId = 12345L;
    offers.cardStatuses = List.of(
        OfferCardStatusType.HAS_CARD_CAN_UPDATE);
    offers.limit = 20;
    offers.run(market, output);

    heading(output, "yandex offers --business-id 12345 --offer-id SKU-4607 --offer-id SKU-0000");
    YandexCommand.Offers byId = new YandexCommand.Offers();
    byId.owner = new YandexCommand.Offers.Owner();
    byId.owner.businessId = 12345L;
    byId.offerIds = List.of("SKU-4607", "SKU-0000");
    byId.run(market, output);

    heading(output, "yandex operations --business-id 12345 --type ORDER_RECIPIENT_UPDATE --id example");
    YandexCommand.Operations operations = new YandexCommand.Operations();
    operations.businessId = 12345L;
    operations.type = OperationType.ORDER_RECIPIENT_UPDATE;
    operations.ids = List.of("example");
    operations.run(market, output);
    return ExitCodes.OK;
  }

  private static void heading(Output output, String command) {
    output.jsonCommand("marketplace " + command);
    if (!output.json()) {
      output.println("");
      output.println("== marketplace " + command);
    }
  }
}
