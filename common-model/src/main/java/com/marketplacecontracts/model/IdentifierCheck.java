package com.marketplacecontracts.model;

/**
 * The check of one item identifier (a Yandex Market jewellery UIN).
 *
 * @param marketplace where it was checked
 * @param orderId     the order
 * @param orderItemId the order item it belongs to
 * @param identifier  the identifier (UIN) value
 * @param state       normalised state
 * @param rawState    the state as the marketplace sent it
 */
public record IdentifierCheck(Marketplace marketplace, long orderId, long orderItemId, String identifier,
    CheckState state, String rawState) {
}
