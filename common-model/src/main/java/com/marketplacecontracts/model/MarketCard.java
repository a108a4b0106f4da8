package com.marketplacecontracts.model;

/**
 * A marketplace's own product card a listing is matched to (Yandex Market card).
 *
 * @param marketSku  the card's SKU on the marketplace
 * @param modelId    the marketplace's model id, null when not sent
 * @param categoryId the marketplace category of the card
 */
public record MarketCard(Long marketSku, Long modelId, Long categoryId) {
}
