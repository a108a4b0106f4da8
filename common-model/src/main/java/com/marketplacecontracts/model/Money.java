package com.marketplacecontracts.model;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * An amount with its currency: an amount alone is meaningless across marketplaces (roubles, tenge).
 *
 * @param amount   the amount; may be negative (a deduction, a refund)
 * @param currency the ISO 4217 code (a marketplace's own name, such as Yandex's {@code RUR}, is translated); a code
 *                 Java does not know is kept as sent
 */
public record Money(BigDecimal amount, String currency) {

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
  }

  /** The currency, when it is one ISO 4217 (and this Java) knows. */
  public Optional<Currency> isoCurrency() {
    try {
      return Optional.of(Currency.getInstance(currency));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
