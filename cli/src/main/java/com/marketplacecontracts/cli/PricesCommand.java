package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.http.CheckpointStore;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.day.BulkWrite;
import com.marketplacecontracts.yandex.day.PriceWrites;
import com.marketplacecontracts.yandex.day.PriceWrites.PriceUpdate;
import com.marketplacecontracts.yandex.model.CurrencyType;
import java.math.BigDecimal;
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
import picocli.CommandLine.Spec;

/** {@code marketplace yandex prices update --file F --business-id B [--campaign-id C]} */
@Command(name = "prices", mixinStandardHelpOptions = true, description = "Offer prices.",
    subcommands = PricesCommand.Update.class)
final class PricesCommand {

  static final Set<String> COLUMNS = new LinkedHashSet<>(List.of("offerId", "price", "currency", "discountBase"));
  private static final Set<String> REQUIRED = Set.of("offerId", "price", "currency");

  /** The prices update command. */
  @Command(name = "update", mixinStandardHelpOptions = true,
      description = {"Set the prices of any number of offers as one resumable job, within the marketplace's"
          + " batch size and item quota.",
          "The method follows the business's settings (getBusinessSettings): only default prices, or no"
              + " --campaign-id → the business's prices (updateBusinessPrices, 500 a request); else the shop's"
              + " (updatePrices, 2,000 a request).",
          "Input: CSV with the header offerId,price,currency[,discountBase], or JSON lines"
              + " {\"offerId\":\"A-1\",\"price\":1290,\"currency\":\"RUR\"} (by the extension, else the first"
              + " character).",
          "Output: a line per item: its input line, offer, state (ACCEPTED, REJECTED or NOT_SENT), code and"
              + " message; with --json a JSON line of position, line, offerId, state, code and message. Progress"
              + " on stderr. Exit 0 all accepted, 3 some rejected, 5 some not sent, 2 bad input (nothing sent).",
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
      BulkFile.Problems problems = new BulkFile.Problems(options.file, "prices update");
      BulkFile.Content content = BulkFile.read(options.file, problems, COLUMNS, REQUIRED);
      List<PriceUpdate> prices = prices(content.rows(), problems);
      return MarketplaceCli.withTarget(spec, false, "prices update", (target, output) -> {
        String limits = target.limitsStoreUri();
        Integer refused = BulkOptions.inRedis(limits) ? null
            : BulkRun.refused(options.checkpointFile(), options.resume, content.fingerprint(),
            output);
        if (refused != null) {
          return refused;
        }
        try (CheckpointStore store = options.store(spec, limits, "prices", content.fingerprint());
            YandexMarketClient market = target.yandex()) {
          PriceWrites writes = PriceWrites.forBusiness(market, options.businessId, options.campaignId);
          output.progress("prices: " + Plural.of(prices.size(), "offer") + " through " + (writes.target()
              == PriceWrites.Target.BUSINESS ? "updateBusinessPrices (the business's prices"
              + (options.campaignId == null ? ")" : ": the business keeps one price for its shops)")
              : "updatePrices (campaign " + options.campaignId + ")") + "; checkpoint " + store.describe());
          BulkWrite<PriceUpdate> job;
          try {
            job = writes.job(prices).parallel(options.parallel);
          } catch (RequestValidationException e) {
            throw BulkRun.byLine(e, options.file, content.rows());
          }
          return BulkRun.run(job, content.rows(), PriceUpdate::offerId, p -> null, content.fingerprint(), store,
              output, spec.commandLine().getErr(), root.quiet, "prices", root.destination);
        }
      });
    }
  }

  /** The rows as prices, every problem named by line and field (nothing is sent while any remains). */
  static List<PriceUpdate> prices(List<BulkFile.Row> rows, BulkFile.Problems problems) {
    List<PriceUpdate> out = new ArrayList<>(rows.size());
    Map<String, Integer> seen = new HashMap<>();
    for (BulkFile.Row row : rows) {
      String offerId = row.get("offerId");
      if (offerId != null && !Ids.valid(offerId)) {
        problems.add(row.line(), "offerId", offerId, Ids.RULE);
      } else if (offerId != null && seen.putIfAbsent(offerId, row.line()) != null) {
        problems.add(row.line(), "offerId", offerId, "each offer once a file (also on line " + seen.get(offerId)
            + ")");
      }
      BigDecimal price = positive(row, "price", problems);
      BigDecimal discountBase = positive(row, "discountBase", problems);
      String currencyText = row.get("currency");
      CurrencyType currency = currencyText == null ? null : CurrencyType.fromValue(currencyText);
      if (currency == CurrencyType.UNRECOGNIZED) {
        problems.add(row.line(), "currency", currencyText, "must be a currency code the marketplace knows (RUR,"
            + " BYN, KZT, UZS, ...)" + currencyHint(currencyText));
      }
      if (offerId != null && price != null && currency != null && currency != CurrencyType.UNRECOGNIZED) {
        out.add(new PriceUpdate(offerId, price, currency, discountBase));
      }
    }
    problems.throwIfAny();
    return out;
  }

  /** The nearest code the marketplace knows; the rouble's ISO code RUB is RUR to the marketplace. */
  static String currencyHint(String given) {
    List<String> codes = java.util.Arrays.stream(CurrencyType.values()).map(CurrencyType::getValue)
        .filter(java.util.Objects::nonNull).toList();
    return Suggest.closest(given.strip(), codes).map(s -> ". Did you mean " + s + "?" + (s.equals("RUR")
        && given.strip().equalsIgnoreCase("RUB") ? " The marketplace writes the rouble as RUR" : "")).orElse("");
  }

  private static BigDecimal positive(BulkFile.Row row, String field, BulkFile.Problems problems) {
    String text = row.get(field);
    if (text == null) {
      return null;
    }
    try {
      if (text.length() <= 30) {
        BigDecimal value = new BigDecimal(text);
        if (value.signum() > 0 && value.compareTo(MAX_PRICE) <= 0 && value.stripTrailingZeros().scale() <= 2) {
          return value;
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(row.line(), field, text, "must be a number more than 0 and at most 100000000, with at most two"
        + " decimals (e.g. 1290 or 1290.50)");
    return null;
  }

  private static final BigDecimal MAX_PRICE = new BigDecimal("100000000");

  /** Offer ids and SKUs as the marketplace takes them. */
  static final class Ids {
    static final String RULE = "must be 1 to 255 characters, not only spaces, without control characters";

    private Ids() {
    }

    static boolean valid(String id) {
      if (id.isEmpty() || id.length() > 255 || id.isBlank()) {
        return false;
      }
      for (int i = 0; i < id.length(); i++) {
        char c = id.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          return false;
        }
      }
      return true;
    }
  }
}
