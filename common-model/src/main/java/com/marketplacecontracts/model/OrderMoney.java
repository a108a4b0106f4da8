package com.marketplacecontracts.model;

/**
 * An order's money as the marketplace totals it; any part may be null when not sent.
 *
 * @param payment         what the buyer pays for the goods
 * @param subsidy         what the marketplace adds (its discounts)
 * @param cashback        the points the buyer paid with
 * @param deliveryPayment what the buyer pays for delivery
 * @param deliverySubsidy what the marketplace adds to delivery
 * @param rawDeliveryVat  the delivery's VAT rate as the marketplace names it
 */
public record OrderMoney(Money payment, Money subsidy, Money cashback, Money deliveryPayment,
    Money deliverySubsidy, String rawDeliveryVat) {

  /** No money sent. */
  public static final OrderMoney NONE = new OrderMoney(null, null, null, null, null, null);
}
