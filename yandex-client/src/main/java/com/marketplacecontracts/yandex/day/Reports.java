package com.marketplacecontracts.yandex.day;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.http.Download;
import com.marketplacecontracts.core.http.MarketplaceCall;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.polling.AwaitOptions;
import com.marketplacecontracts.core.polling.Poller.PollResult;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.ReportsApi;
import com.marketplacecontracts.yandex.model.GenerateGoodsRealizationReportRequest;
import com.marketplacecontracts.yandex.model.GenerateReportResponse;
import com.marketplacecontracts.yandex.model.GenerateStocksOnWarehousesReportRequest;
import com.marketplacecontracts.yandex.model.GenerateUnitedMarketplaceServicesReportRequest;
import com.marketplacecontracts.yandex.model.GenerateUnitedNettingReportRequest;
import com.marketplacecontracts.yandex.model.GetReportInfoResponse;
import com.marketplacecontracts.yandex.model.ReportFormatType;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reports a seller reconciles with: generate → wait → download, one pattern for all. The wait is the job the
 * spec declares ({@code x-job} on each generator, {@code x-job-states} on {@code getReportInfo}): the first check at
 * the marketplace's estimate, then growing waits; {@code NO_DATA} is an empty success, {@code FAILED} a
 * {@code JobFailedException} with its sub-status ({@code TOO_LARGE}: split the period). The file is fetched at
 * once (its URL lasts an hour) in the JSON form; {@link ReportRows} reads any of them.
 *
 * <p>Each generate call makes a new report and is never retried; the marketplace allows about one a minute or two.
 */
public final class Reports {

  private Reports() {
  }

  /** The reports of the seller's daily loop, by the name in their path. */
  public enum Kind {
    /** Netting (payments and deductions), business level, dates. */
    UNITED_NETTING("united-netting"),
    /** Marketplace services charged, business level, dates. */
    UNITED_MARKETPLACE_SERVICES("united-marketplace-services"),
    /** Goods realization, one shop, one month. */
    GOODS_REALIZATION("goods-realization"),
    /** Stocks on the marketplace's warehouses, business or shop, one day. */
    STOCKS_ON_WAREHOUSES("stocks-on-warehouses");

    private final String path;

    Kind(String path) {
      this.path = path;
    }

    /** The name in the generator's path ({@code v2/reports/NAME/generate}). */
    public String path() {
      return path;
    }

    /** The kind of this name (the path name, or the constant's name in any case). */
    public static Optional<Kind> named(String name) {
      return Arrays.stream(values()).filter(kind -> kind.path.equals(name)
          || kind.name().equalsIgnoreCase(name.replace('-', '_').toUpperCase(Locale.ROOT))).findFirst();
    }
  }

  /**
   * What to report on.
   *
   * @param kind       the report
   * @param businessId the business (netting, services; stocks when no campaign)
   * @param campaignId the shop (realization; stocks of one shop)
   * @param from       the first day (realization: a day of the month; stocks: the day)
   * @param to         the last day, included (netting, services); null for the others, or a day in the same month
   *                   (realization)
   */
  public record Request(Kind kind, Long businessId, Long campaignId, LocalDate from, LocalDate to) {
  }

  /** The generate call of a request, checked before anything is sent; the file asked for is the JSON form. */
  public static MarketplaceCall<GenerateReportResponse> generate(YandexMarketClient market, Request request) {
    ReportsApi reports = market.api(ReportsApi.class);
    Kind kind = request.kind();
    String op = switch (kind) {
      case UNITED_NETTING -> "generateUnitedNettingReport";
      case UNITED_MARKETPLACE_SERVICES -> "generateUnitedMarketplaceServicesReport";
      case GOODS_REALIZATION -> "generateGoodsRealizationReport";
      case STOCKS_ON_WAREHOUSES -> "generateStocksOnWarehousesReport";
    };
    if (request.from() == null) {
      throw invalid(op, "from", null, "is required");
    }
    switch (kind) {
      case UNITED_NETTING, UNITED_MARKETPLACE_SERVICES -> {
        requireOnly(op, request, true);
        if (request.to() == null) {
          throw invalid(op, "to", null, "is required for " + kind.path());
        }
        if (request.to().isBefore(request.from())) {
          throw invalid(op, "to", request.to(), "must not be before from (" + request.from() + ")");
        }
        return kind == Kind.UNITED_NETTING
            ? reports.generateUnitedNettingReport(new GenerateUnitedNettingReportRequest()
                .businessId(request.businessId()).dateFrom(request.from()).dateTo(request.to()),
                ReportFormatType.JSON, null)
            : reports.generateUnitedMarketplaceServicesReport(new GenerateUnitedMarketplaceServicesReportRequest()
                .businessId(request.businessId()).dateFrom(request.from()).dateTo(request.to()),
                ReportFormatType.JSON, null);
      }
      case GOODS_REALIZATION -> {
        requireOnly(op, request, false);
        LocalDate from = request.from();
        if (request.to() != null && (request.to().getYear() != from.getYear()
            || request.to().getMonth() != from.getMonth())) {
          throw invalid(op, "to", request.to(), "goods-realization covers one month: must be in "
              + from.getYear() + "-" + String.format("%02d", from.getMonthValue()));
        }
        return reports.generateGoodsRealizationReport(new GenerateGoodsRealizationReportRequest()
            .campaignId(request.campaignId()).year(from.getYear()).month(from.getMonthValue()),
            ReportFormatType.JSON);
      }
      default -> {
        if ((request.businessId() == null) == (request.campaignId() == null)) {
          throw invalid(op, "businessId", request.businessId(), "stocks-on-warehouses takes a business or a"
              + " campaign, exactly one");
        }
        if (request.to() != null && !request.to().equals(request.from())) {
          throw invalid(op, "to", request.to(), "stocks-on-warehouses covers one day: give from only");
        }
        return reports.generateStocksOnWarehousesReport(new GenerateStocksOnWarehousesReportRequest()
            .businessId(request.businessId()).campaignId(request.campaignId()).reportDate(request.from()),
            ReportFormatType.JSON);
      }
    }
  }

  private static void requireOnly(String op, Request request, boolean business) {
    if (business && request.businessId() == null) {
      throw invalid(op, "businessId", null, "is required for " + request.kind().path());
    }
    if (business && request.campaignId() != null) {
      throw invalid(op, "campaignId", request.campaignId(), request.kind().path() + " is business level: give"
          + " the businessId only");
    }
    if (!business && request.campaignId() == null) {
      throw invalid(op, "campaignId", null, "is required for " + request.kind().path());
    }
    if (!business && request.businessId() != null) {
      throw invalid(op, "businessId", request.businessId(), request.kind().path() + " is per shop: give the"
          + " campaignId only");
    }
  }

  private static RequestValidationException invalid(String op, String field, Object value, String rule) {
    return new RequestValidationException(Marketplace.YANDEX_MARKET, op, List.of(
        new RequestValidationException.Violation(field, String.valueOf(value), rule)));
  }

  /**
   * A finished report, or how far it got.
   *
   * @param settled   whether it finished within the wait
   * @param subStatus the marketplace's sub-status ({@code NO_DATA}...), or null
   * @param file      the downloaded file (a temporary one: move it with {@code saveTo}); null without data or
   *                  when not settled
   */
  public record Report(boolean settled, String subStatus, Download file) {
    /** Whether there is a file to read. */
    public boolean hasData() {
      return file != null;
    }
  }

  /** Generates the report, waits for it within {@code options}, and downloads it. */
  public static Report fetch(YandexMarketClient market, MarketplaceCall<GenerateReportResponse> generate,
      AwaitOptions options) {
    PollResult<?> poll = market.startAndAwait(generate, options);
    GetReportInfoResponse info = (GetReportInfoResponse) poll.last();
    String subStatus = info == null || info.getResult() == null ? null : info.getResult().getSubStatusAsString();
    if (!poll.settled()) {
      return new Report(false, subStatus, null);
    }
    if (info.getResult().getFile() == null) {
      return new Report(true, subStatus, null);   // NO_DATA: an empty success, no file
    }
    return new Report(true, subStatus, market.reportFile(info));
  }
}
