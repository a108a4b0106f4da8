package com.marketplacecontracts.yandex.day;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.StocksApi;
import com.marketplacecontracts.yandex.api.WarehousesApi;
import com.marketplacecontracts.yandex.model.GetPagedWarehousesRequest;
import com.marketplacecontracts.yandex.model.GetWarehouseStocksRequest;
import com.marketplacecontracts.yandex.model.PartnerWarehouseStockDTO;
import com.marketplacecontracts.yandex.model.UpdateStockDTO;
import com.marketplacecontracts.yandex.model.UpdateStockItemDTO;
import com.marketplacecontracts.yandex.model.UpdateStocksOnPartnerWarehousesRequest;
import com.marketplacecontracts.yandex.model.UpdateStocksRequest;
import com.marketplacecontracts.yandex.model.WarehouseDetailsDTO;
import com.marketplacecontracts.yandex.model.WarehouseOfferDTO;
import com.marketplacecontracts.yandex.model.WarehouseOffersDTO;
import com.marketplacecontracts.yandex.model.WarehouseStockDTO;
import com.marketplacecontracts.yandex.model.WarehouseStockType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Stock writes through the method the cabinet takes: a cabinet with warehouse groups keeps the shop-level
 * {@code updateStocks} ({@code PUT v2/campaigns/{campaignId}/offers/stocks}, one campaign's warehouse); one without
 * groups writes business-level, per own warehouse ({@code updateStocksOnPartnerWarehouses}, {@code /v3}, marketplace
 * changelog of 2026-07-29). A stock of 0 is sent as 0, never left out.
 */
public final class StockWrites {

  /** Which stock method a cabinet takes. */
  public enum Method {
    /** {@code updateStocks}: per campaign, 2,000 SKUs a request, 100,000 SKUs a minute. */
    CAMPAIGN_V2,
    /** {@code updateStocksOnPartnerWarehouses}: per business and own warehouse, 2,000 a request, 50 a minute. */
    BUSINESS_V3
  }

  /**
   * One SKU's stock: its count (0 to 2,000,000,000; 0 is sent), the own warehouse (for {@link Method#BUSINESS_V3};
   * null for the campaign method) and, optionally, when the count was true (the marketplace keeps the latest).
   */
  public record StockUpdate(String sku, long count, String warehouseId, OffsetDateTime updatedAt) {
    public StockUpdate {
      Objects.requireNonNull(sku, "sku");
    }
  }

  private static final int READ_PAGE = 100;

  private final YandexMarketClient market;
  private final long businessId;
  private final Long campaignId;
  private final Method method;

  private StockWrites(YandexMarketClient market, long businessId, Long campaignId, Method method) {
    this.market = market;
    this.businessId = businessId;
    this.campaignId = campaignId;
    this.method = method;
  }

  /**
   * The method chosen for the cabinet: its warehouses are read ({@code getPagedWarehouses}); any in a warehouse
   * group means the campaign method, which then needs {@code campaignId}; none, the business-level one.
   */
  public static StockWrites forBusiness(YandexMarketClient market, long businessId, Long campaignId) {
    WarehousesApi api = market.api(WarehousesApi.class);
    boolean groups = false;
    for (WarehouseDetailsDTO warehouse : market.pages(null, token -> api.getPagedWarehouses(businessId, token, 30,
        new GetPagedWarehousesRequest()), answer -> answer.getResult() == null ? null
        : answer.getResult().getWarehouses())) {
      if (warehouse != null && warehouse.getGroupInfo() != null) {
        groups = true;
        break;
      }
    }
    return of(market, businessId, campaignId, groups ? Method.CAMPAIGN_V2 : Method.BUSINESS_V3);
  }

  /** Stock writes through {@code method}, chosen by the caller. */
  public static StockWrites of(YandexMarketClient market, long businessId, Long campaignId, Method method) {
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(method, "method");
    if (method == Method.CAMPAIGN_V2 && campaignId == null) {
      throw new IllegalArgumentException("this cabinet has warehouse groups: its stocks go per campaign"
          + " (updateStocks), which needs a campaignId");
    }
    return new StockWrites(market, businessId, campaignId, method);
  }

  public Method method() {
    return method;
  }

  /**
   * The job writing {@code stocks}, with per-SKU verdicts; each SKU (with the v3 method: each SKU and warehouse)
   * once, and a warehouse exactly when the method needs one — else a {@code RequestValidationException} naming the
   * item, before anything is sent.
   */
  public BulkWrite<StockUpdate> job(List<StockUpdate> stocks) {
    String operation = method == Method.CAMPAIGN_V2 ? "updateStocks" : "updateStocksOnPartnerWarehouses";
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < stocks.size(); i++) {
      StockUpdate stock = stocks.get(i);
      String field = (method == Method.CAMPAIGN_V2 ? "skus[" : "skuItems[") + i + "]";
      if ((stock.warehouseId() == null) != (method == Method.CAMPAIGN_V2)) {
        throw violation(operation, field + ".partnerWarehouseId", stock.warehouseId(), method == Method.CAMPAIGN_V2
            ? "no warehouse with the campaign method (the campaign is the warehouse)"
            : "required with the business-level method (the cabinet has no warehouse groups)");
      }
      if (!seen.add(BulkWrite.placed(stock.sku(), stock.warehouseId()))) {
        throw violation(operation, field + ".sku", stock.sku(), "each SKU (and warehouse) once a job");
      }
    }
    StocksApi api = market.api(StocksApi.class);
    BulkWrite<StockUpdate> job = method == Method.CAMPAIGN_V2
        ? BulkWrite.of(stocks, chunk -> api.updateStocks(campaignId, new UpdateStocksRequest().skus(chunk.stream()
            .map(s -> new UpdateStockDTO().sku(s.sku()).items(List.of(new UpdateStockItemDTO().count(s.count())
                .updatedAt(s.updatedAt())))).toList())))
        : BulkWrite.of(stocks, chunk -> api.updateStocksOnPartnerWarehouses(businessId,
            new UpdateStocksOnPartnerWarehousesRequest().skuItems(chunk.stream().map(s -> new PartnerWarehouseStockDTO()
                .sku(s.sku()).partnerWarehouseId(s.warehouseId()).count(s.count()).updatedAt(s.updatedAt()))
                .toList())));
    // v3: one SKU may be on several warehouses, so an item is its SKU and warehouse (per-item results that name
    // both are matched by both; errors name an item by its path in the request, skuItems[i])
    // a checkpoint's record is tied to the SKU, warehouse, count and time it wrote
    return job.key(s -> BulkWrite.placed(s.sku(), s.warehouseId())).itemText(s -> String.join("\u0000", s.sku(),
        String.valueOf(s.warehouseId()), Long.toString(s.count()), s.updatedAt() == null ? ""
            : s.updatedAt().toInstant().toString()));
  }

  private static RequestValidationException violation(String operation, String field, String value, String rule) {
    return new RequestValidationException(Marketplace.YANDEX_MARKET, operation, List.of(
        new RequestValidationException.Violation(field, value == null ? "null" : value, rule)));
  }

  /**
   * Reads the campaign's stocks back ({@code getStocks}, the {@code FIT} count) and returns the SKUs whose count
   * differs from {@code written}. The business-level method has no read in the spec yet: refused.
   */
  public List<Mismatch> verify(List<StockUpdate> written) {
    if (method != Method.CAMPAIGN_V2) {
      throw new UnsupportedOperationException("the business-level stock read (getStocksOnPartnerWarehouses) is not"
          + " in the spec yet");
    }
    StocksApi api = market.api(StocksApi.class);
    Map<String, Long> read = new HashMap<>();
    List<String> skus = written.stream().map(StockUpdate::sku).toList();
    for (int from = 0; from < skus.size(); from += READ_PAGE) {
      // one page of the answer holds at most 100 offers (marketplace changelog, 2026-08-04): 100 ids a request
      var answer = api.getStocks(campaignId, null, READ_PAGE, new GetWarehouseStocksRequest().offerIds(
          new LinkedHashSet<>(skus.subList(from, Math.min(skus.size(), from + READ_PAGE))))).execute();
      if (answer.getResult() == null || answer.getResult().getWarehouses() == null) {
        continue;
      }
      for (WarehouseOffersDTO warehouse : answer.getResult().getWarehouses()) {
        for (WarehouseOfferDTO offer : warehouse == null || warehouse.getOffers() == null
            ? List.<WarehouseOfferDTO>of() : warehouse.getOffers()) {
          if (offer == null || offer.getOfferId() == null) {
            continue;
          }
          long fit = 0;
          for (WarehouseStockDTO stock : offer.getStocks() == null ? List.<WarehouseStockDTO>of() : offer.getStocks()) {
            if (stock != null && stock.getType() == WarehouseStockType.FIT && stock.getCount() != null) {
              fit += stock.getCount();
            }
          }
          read.merge(offer.getOfferId().strip(), fit, Long::sum);
        }
      }
    }
    List<Mismatch> out = new ArrayList<>();
    for (StockUpdate stock : written) {
      Long actual = read.get(stock.sku().strip());
      if (actual == null ? stock.count() != 0 : actual != stock.count()) {
        out.add(new Mismatch(stock.sku(), Long.toString(stock.count()), actual == null ? null : actual.toString()));
      }
    }
    return out;
  }
}
