package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.http.CheckpointStore;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.day.BulkWrite;
import com.marketplacecontracts.yandex.day.StockWrites;
import com.marketplacecontracts.yandex.day.StockWrites.StockUpdate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code marketplace yandex stocks update --file F --business-id B [--campaign-id C]} */
@Command(name = "stocks", mixinStandardHelpOptions = true, description = "Stocks on the seller's own warehouses.",
    subcommands = StocksCommand.Update.class)
final class StocksCommand {

  static final Set<String> COLUMNS = new LinkedHashSet<>(List.of("sku", "count", "warehouseId", "updatedAt"));
  private static final Set<String> REQUIRED = Set.of("sku", "count");
  private static final long MAX_COUNT = 2_000_000_000L;

  /** The stocks update command. */
  @Command(name = "update", mixinStandardHelpOptions = true,
      description = {"Set the stocks of any number of SKUs as one resumable job, within the marketplace's batch"
          + " size and item quota. A count of 0 is sent as 0.",
          "The method follows the cabinet (its warehouses, getPagedWarehouses): with warehouse groups, the"
              + " campaign's stocks (updateStocks, v2; needs --campaign-id, no warehouseId); without, the"
              + " business's stocks per own warehouse (updateStocksOnPartnerWarehouses, v3; warehouseId on every"
              + " line).",
          "Input: CSV with the header sku,count[,warehouseId][,updatedAt], or JSON lines"
              + " {\"sku\":\"A-1\",\"count\":0,\"warehouseId\":\"W1\"} (by the extension, else the first character).",
          "Output: a line per item: its input line, SKU @ warehouse, state (ACCEPTED, REJECTED or NOT_SENT),"
              + " code and message; with --json a JSON line of position, line, offerId, warehouseId, state, code and"
              + " message. Progress on stderr. Exit 0 all accepted, 3 some rejected, 5 some not sent, 2 bad input"
              + " (nothing sent).",
          "Resume: the checkpoint (a file beside F; in Redis with a redis:// --limits-store, where another process"
              + " can take the job over) records every outcome; --resume sends only the items without one."})
  static final class Update implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    BulkOptions options;

    @Override
    public Integer call() {
      options.validate(spec);
      MarketplaceCli root = (MarketplaceCli) spec.root().userObject();
      BulkFile.Problems problems = new BulkFile.Problems(options.file, "stocks update");
      BulkFile.Content content = BulkFile.read(options.file, problems, COLUMNS, REQUIRED);
      List<StockUpdate> stocks = stocks(content.rows(), problems);
      return MarketplaceCli.withTarget(spec, false, "stocks update", (target, output) -> {
        String limits = target.limitsStoreUri();
        Integer refused = BulkOptions.inRedis(limits) ? null
            : BulkRun.refused(options.checkpointFile(), options.resume, content.fingerprint(),
            output);
        if (refused != null) {
          return refused;
        }
        try (CheckpointStore store = options.store(spec, limits, "stocks", content.fingerprint());
            YandexMarketClient market = target.yandex()) {
          StockWrites writes;
          try {
            writes = StockWrites.forBusiness(market, options.businessId, options.campaignId);
          } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + " (--campaign-id)");
          }
          BulkWrite<StockUpdate> job;
          try {
            job = writes.job(stocks).parallel(options.parallel);
          } catch (RequestValidationException e) {
            throw BulkRun.byLine(e, options.file, content.rows());
          }
          output.progress("stocks: " + Plural.of(stocks.size(), "SKU") + " through " + (writes.method()
              == StockWrites.Method.CAMPAIGN_V2 ? "updateStocks (v2, campaign " + options.campaignId + ")"
              : "updateStocksOnPartnerWarehouses (v3, the business's own warehouses)") + "; checkpoint "
              + store.describe());
          return BulkRun.run(job, content.rows(), StockUpdate::sku, StockUpdate::warehouseId, content.fingerprint(),
              store, output, spec.commandLine().getErr(), root.quiet, "stocks", root.destination);
        }
      });
    }
  }

  /** The rows as stocks, every problem named by line and field (nothing is sent while any remains). */
  static List<StockUpdate> stocks(List<BulkFile.Row> rows, BulkFile.Problems problems) {
    List<StockUpdate> out = new ArrayList<>(rows.size());
    Map<String, Integer> seen = new HashMap<>();
    for (BulkFile.Row row : rows) {
      String sku = row.get("sku");
      String warehouse = row.get("warehouseId");
      if (sku != null && !PricesCommand.Ids.valid(sku)) {
        problems.add(row.line(), "sku", sku, PricesCommand.Ids.RULE);
        sku = null;
      }
      if (warehouse != null && !PricesCommand.Ids.valid(warehouse)) {
        problems.add(row.line(), "warehouseId", warehouse, PricesCommand.Ids.RULE);
        warehouse = null;
      }
      if (sku != null) {
        Integer earlier = seen.putIfAbsent(sku + "\u0000" + warehouse, row.line());
        if (earlier != null) {
          problems.add(row.line(), "sku", sku, "each SKU (and warehouse) once a file (also on line " + earlier + ")");
        }
      }
      String countText = row.get("count");
      Long count = null;
      if (countText != null) {
        if (countText.matches("\\d{1,10}") && Long.parseLong(countText) <= MAX_COUNT) {
          count = Long.parseLong(countText);
        } else {
          problems.add(row.line(), "count", countText, "must be a whole number from 0 to 2000000000");
        }
      }
      OffsetDateTime updatedAt = null;
      String updatedText = row.get("updatedAt");
      if (updatedText != null) {
        try {
          updatedAt = OffsetDateTime.parse(updatedText);
        } catch (DateTimeParseException e) {
          problems.add(row.line(), "updatedAt", updatedText, "must be a date-time with its offset, e.g."
              + " 2026-08-01T10:15:30+03:00");
        }
      }
      if (sku != null && count != null) {
        out.add(new StockUpdate(sku, count, warehouse, updatedAt));
      }
    }
    problems.throwIfAny();
    return out;
  }
}
