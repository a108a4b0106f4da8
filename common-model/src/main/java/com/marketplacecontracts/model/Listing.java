package com.marketplacecontracts.model;

import com.marketplacecontracts.core.operation.Marketplace;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A seller's product as a marketplace sees it, with its moderation state: a Teez imported product (with its SKUs as
 * variants) or a Yandex Market offer — from the business catalog (card status and per-shop statuses) or from the
 * legacy campaign catalog (with its current, awaiting and rejected Market cards).
 *
 * @param marketplace  where it came from
 * @param sellerSku    the seller's own SKU (Yandex {@code offerId}/{@code shopSku}); null when not reported
 * @param productId    the marketplace's id for the product (Teez productId); null when none
 * @param requestIndex position in the seller's import request (Teez); null otherwise
 * @param name         product name; null when not reported
 * @param vendor       brand; null when not reported
 * @param vendorCode   manufacturer's article; null when not reported
 * @param barcodes     barcodes; empty when none
 * @param price        price; null when not reported
 * @param state        normalised moderation state
 * @param rawState     the state exactly as the marketplace sent it (Yandex: the card status; legacy: the processing
 *                     status)
 * @param issues       why it is not accepted (Teez import errors; Yandex: each shop where it is not published, coded
 *                     with that shop's raw status; legacy: processing notes)
 * @param variants     per-variant results (Teez SKUs); empty otherwise
 * @param currentCard  the marketplace card it is matched to; null when none
 * @param awaitingCard the card waiting for moderation; null when none (always, in the business catalog)
 * @param rejectedCard the last card rejected; null when none (always, in the business catalog)
 * @param currency     the price's currency, ISO 4217 (Yandex's {@code RUR} is {@code RUB}); null when the
 *                     marketplace sends none (the legacy catalog, Teez)
 */
public record Listing(Marketplace marketplace, String sellerSku, Long productId, Integer requestIndex, String name,
    String vendor, String vendorCode, Set<String> barcodes, BigDecimal price, ModerationState state,
    String rawState, List<Issue> issues, List<ListingVariant> variants, MarketCard currentCard,
    MarketCard awaitingCard, MarketCard rejectedCard, String currency) {

  public Listing {
    barcodes = Set.copyOf(barcodes);
    issues = List.copyOf(issues);
    variants = List.copyOf(variants);
  }

  /** A listing whose price comes without a currency (the shape of earlier versions). */
  public Listing(Marketplace marketplace, String sellerSku, Long productId, Integer requestIndex, String name,
      String vendor, String vendorCode, Set<String> barcodes, BigDecimal price, ModerationState state,
      String rawState, List<Issue> issues, List<ListingVariant> variants, MarketCard currentCard,
      MarketCard awaitingCard, MarketCard rejectedCard) {
    this(marketplace, sellerSku, productId, requestIndex, name, vendor, vendorCode, barcodes, price, state, rawState,
        issues, variants, currentCard, awaitingCard, rejectedCard, null);
  }
}
