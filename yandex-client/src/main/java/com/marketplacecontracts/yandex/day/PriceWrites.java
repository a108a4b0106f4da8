package com.marketplacecontracts.yandex.day;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.paging.Pager;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.BusinessesApi;
import com.marketplacecontracts.yandex.api.PriceQuarantineApi;
import com.marketplacecontracts.yandex.api.PricesApi;
import com.marketplacecontracts.yandex.model.BusinessSettingsDTO;
import com.marketplacecontracts.yandex.model.ConfirmPricesRequest;
import com.marketplacecontracts.yandex.model.CurrencyType;
import com.marketplacecontracts.yandex.model.GetBusinessSettingsResponse;
import com.marketplacecontracts.yandex.model.GetDefaultPricesRequest;
import com.marketplacecontracts.yandex.model.GetPricesByOfferIdsRequest;
import com.marketplacecontracts.yandex.model.GetQuarantineOffersRequest;
import com.marketplacecontracts.yandex.model.OfferDefaultPriceResponseDTO;
import com.marketplacecontracts.yandex.model.OfferPriceByOfferIdsResponseDTO;
import com.marketplacecontracts.yandex.model.OfferPriceDTO;
import com.marketplacecontracts.yandex.model.PriceDTO;
import com.marketplacecontracts.yandex.model.QuarantineOfferDTO;
import com.marketplacecontracts.yandex.model.UpdateBusinessOfferPriceDTO;
import com.marketplacecontracts.yandex.model.UpdateBusinessPricesDTO;
import com.marketplacecontracts.yandex.model.UpdateBusinessPricesRequest;
import com.marketplacecontracts.yandex.model.UpdatePricesRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Price writes of a business, through the method its settings allow: business-level prices
 * ({@code updateBusinessPrices}, the prices of every shop) when the business has only default prices
 * ({@code onlyDefaultPrice} of {@code getBusinessSettings}), or no shop is named; else the shop's own prices
 * ({@code updatePrices}). Prices moved too far are held in the marketplace's quarantine until confirmed:
 * {@link #quarantine} lists them, {@link #confirm} releases them.
 */
public final class PriceWrites {

  /** Where prices are set. */
  public enum Target {
    /** {@code updateBusinessPrices}: the business's price, in every shop (500 offers a request). */
    BUSINESS,
    /** {@code updatePrices}: one shop's own price (2,000 offers a request). */
    CAMPAIGN
  }

  /**
   * One offer's new price: its value (more than 0), currency and, optionally, the price before the discount.
   */
  public record PriceUpdate(String offerId, BigDecimal value, CurrencyType currency, BigDecimal discountBase) {
    public PriceUpdate {
      Objects.requireNonNull(offerId, "offerId");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(currency, "currency");
    }
  }

  private final YandexMarketClient market;
  private final long businessId;
  private final Long campaignId;
  private final Target target;

  private PriceWrites(YandexMarketClient market, long businessId, Long campaignId, Target target) {
    this.market = market;
    this.businessId = businessId;
    this.campaignId = campaignId;
    this.target = target;
  }

  /**
   * The price method chosen for the business: reads its settings once ({@code getBusinessSettings}). With
   * {@code onlyDefaultPrice} true (or not reported), or no {@code campaignId}, prices are the business's; else the
   * shop's.
   */
  public static PriceWrites forBusiness(YandexMarketClient market, long businessId, Long campaignId) {
    GetBusinessSettingsResponse settings = market.api(BusinessesApi.class).getBusinessSettings(businessId).execute();
    BusinessSettingsDTO dto = settings.getResult() == null ? null : settings.getResult().getSettings();
    boolean onlyDefault = dto == null || dto.getOnlyDefaultPrice() == null || dto.getOnlyDefaultPrice();
    return of(market, businessId, campaignId, onlyDefault || campaignId == null ? Target.BUSINESS : Target.CAMPAIGN);
  }

  /** Price writes through {@code target}, chosen by the caller. */
  public static PriceWrites of(YandexMarketClient market, long businessId, Long campaignId, Target target) {
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(target, "target");
    if (target == Target.CAMPAIGN && campaignId == null) {
      throw new IllegalArgumentException("shop prices (updatePrices) need a campaignId");
    }
    return new PriceWrites(market, businessId, campaignId, target);
  }

  public Target target() {
    return target;
  }

  /**
   * The job writing {@code prices} (each offer once: a repeated offerId is a {@code RequestValidationException}
   * naming it, before anything is sent), with per-offer verdicts; add a checkpoint, parallelism and progress, then
   * {@code run()}.
   */
  public BulkWrite<PriceUpdate> job(List<PriceUpdate> prices) {
    unique(prices, target == Target.BUSINESS ? "updateBusinessPrices" : "updatePrices");
    BulkWrite<PriceUpdate> job;
    if (target == Target.BUSINESS) {
      PricesApi api = market.api(PricesApi.class);
      job = BulkWrite.of(prices, chunk -> api.updateBusinessPrices(businessId, new UpdateBusinessPricesRequest()
          .offers(chunk.stream().map(p -> new UpdateBusinessOfferPriceDTO().offerId(p.offerId())
              .price(new UpdateBusinessPricesDTO().value(p.value()).currencyId(p.currency())
                  .discountBase(p.discountBase()))).toList())));
    } else {
      PricesApi api = market.api(PricesApi.class);
      job = BulkWrite.of(prices, chunk -> api.updatePrices(campaignId, new UpdatePricesRequest()
          .offers(chunk.stream().map(p -> new OfferPriceDTO().offerId(p.offerId())
              .price(new PriceDTO().value(p.value()).currencyId(p.currency()).discountBase(p.discountBase())))
              .toList())));
    }
    // a checkpoint's record is tied to the offer and the price it wrote; an equal price written otherwise (1290,
    // 1290.00) is the same
    return job.key(PriceUpdate::offerId).itemText(p -> String.join("\u0000", p.offerId(), plain(p.value()),
        p.currency().getValue(), plain(p.discountBase())));
  }

  private static String plain(BigDecimal value) {
    return value == null ? "" : value.stripTrailingZeros().toPlainString();
  }

  private static void unique(List<PriceUpdate> prices, String operation) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < prices.size(); i++) {
      if (!seen.add(prices.get(i).offerId().strip())) {
        throw new RequestValidationException(Marketplace.YANDEX_MARKET, operation, List.of(
            new RequestValidationException.Violation("offers[" + i + "].offerId", prices.get(i).offerId(),
                "each offer once a job (the marketplace takes one price per offer a request)")));
      }
    }
  }

  /** Offers the marketplace holds in its price quarantine (for the business or the shop, as the target), lazily. */
  public Pager<QuarantineOfferDTO> quarantine() {
    PriceQuarantineApi api = market.api(PriceQuarantineApi.class);
    return market.pages(null, token -> target == Target.BUSINESS
        ? api.getBusinessQuarantineOffers(businessId, new GetQuarantineOffersRequest(), token, 200)
        : api.getCampaignQuarantineOffers(campaignId, new GetQuarantineOffersRequest(), token, 200),
        answer -> answer.getResult() == null ? null : answer.getResult().getOffers());
  }

  /** Confirms the quarantined prices of these offers (200 a request), each offer's outcome in the report. */
  public BulkWrite<String> confirm(List<String> offerIds) {
    PriceQuarantineApi api = market.api(PriceQuarantineApi.class);
    return BulkWrite.of(offerIds, chunk -> target == Target.BUSINESS
        ? api.confirmBusinessPrices(businessId, new ConfirmPricesRequest().offerIds(new LinkedHashSet<>(chunk)))
        : api.confirmCampaignPrices(campaignId, new ConfirmPricesRequest().offerIds(new LinkedHashSet<>(chunk))))
        .key(id -> id);
  }

  /**
   * Reads the prices back ({@code getDefaultPrices} for the business, {@code getPricesByOfferIds} for the shop) and
   * returns the offers whose value or currency differs from {@code written}.
   */
  public List<Mismatch> verify(List<PriceUpdate> written) {
    Map<String, String> read = new HashMap<>();
    List<String> ids = written.stream().map(PriceUpdate::offerId).toList();
    PricesApi api = market.api(PricesApi.class);
    if (target == Target.BUSINESS) {
      for (var answer : market.batch(ids, chunk -> api.getDefaultPrices(businessId, null, chunk.size(),
          new GetDefaultPricesRequest().offerIds(new LinkedHashSet<>(chunk)))).answersOrThrow()) {
        if (answer.getResult() != null && answer.getResult().getOffers() != null) {
          for (OfferDefaultPriceResponseDTO offer : answer.getResult().getOffers()) {
            if (offer != null && offer.getOfferId() != null && offer.getPrice() != null) {
              read.put(offer.getOfferId().strip(), text(offer.getPrice().getValue(),
                  offer.getPrice().getCurrencyIdAsString()));
            }
          }
        }
      }
    } else {
      for (var answer : market.batch(ids, chunk -> api.getPricesByOfferIds(campaignId, null, chunk.size(),
          new GetPricesByOfferIdsRequest().offerIds(new LinkedHashSet<>(chunk)))).answersOrThrow()) {
        if (answer.getResult() != null && answer.getResult().getOffers() != null) {
          for (OfferPriceByOfferIdsResponseDTO offer : answer.getResult().getOffers()) {
            if (offer != null && offer.getOfferId() != null && offer.getPrice() != null) {
              read.put(offer.getOfferId().strip(), text(offer.getPrice().getValue(),
                  offer.getPrice().getCurrencyIdAsString()));
            }
          }
        }
      }
    }
    List<Mismatch> out = new ArrayList<>();
    for (PriceUpdate price : written) {
      String expected = text(price.value(), price.currency().getValue());
      String actual = read.get(price.offerId().strip());
      if (!expected.equals(actual)) {
        out.add(new Mismatch(price.offerId(), expected, actual));
      }
    }
    return out;
  }

  private static String text(BigDecimal value, String currency) {
    return (value == null ? "?" : value.stripTrailingZeros().toPlainString()) + " " + currency;
  }
}
