package com.marketplacecontracts.model;

/**
 * What was decided about some units of a returned line; every raw value as the marketplace names it, null when not
 * sent.
 *
 * @param lineId              the return line the decision is about
 * @param count               units it covers
 * @param rawDecision         the decision (refund, decline...)
 * @param rawReason           the buyer's reason
 * @param rawSubreason        the reason's detail
 * @param comment             the buyer's or seller's words
 * @param refund              what the buyer gets back
 * @param partnerCompensation what the seller is compensated
 */
public record ReturnDecision(String lineId, Integer count, String rawDecision, String rawReason,
    String rawSubreason, String comment, Money refund, Money partnerCompensation) {
}
